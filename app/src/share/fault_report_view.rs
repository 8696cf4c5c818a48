//! (ssr) The public "report a fault" form as HTML, and the page after a report.

use leptos::prelude::*;

use super::fault_report::{FaultReportPage, NEEDS};
use crate::domain::intake::limits;
use crate::i18n::{Locale, tr};

/// The form, with what was typed and each field's error.
pub fn form_main(locale: Locale, page: &FaultReportPage) -> AnyView {
    let t = move |key: &str| tr(locale, key);
    let error = |field: &str| page.errors.iter().find(|e| e.field == field).map(|e| t(&e.code));
    let f = &page.form;
    let field = |name: &'static str,
                 label: &str,
                 value: &str,
                 max: usize,
                 required: bool,
                 kind: &'static str,
                 hint: Option<&str>| {
        let id = format!("f-{name}");
        let err = error(name);
        let has_error = err.is_some();
        let described = match (&err, hint) {
            (Some(_), _) => Some(format!("e-{name}")),
            (None, Some(_)) => Some(format!("h-{name}")),
            _ => None,
        };
        let input = if kind == "textarea" {
            view! {
                <textarea id=id.clone() name=name rows="5" maxlength=max.to_string() required=required
                    aria-invalid=err.is_some().to_string() aria-describedby=described.clone()>{value.to_owned()}</textarea>
            }
            .into_any()
        } else {
            view! {
                <input id=id.clone() name=name type=kind value=value.to_owned() maxlength=max.to_string() required=required
                    aria-invalid=err.is_some().to_string() aria-describedby=described.clone()
                    autocomplete=match name { "company" => "organization", "contact_name" => "name", "phone" => "tel", "address" => "street-address", _ => "off" } />
            }
            .into_any()
        };
        view! {
            <div class="field" class:has-error=has_error>
                <label for=id>{t(label)}{required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}</label>
                {input}
                {hint.map(|h| view! { <p class="hint" id=format!("h-{name}")>{t(h)}</p> })}
                {err.map(|e| view! { <p class="field-error" id=format!("e-{name}")>{e}</p> })}
            </div>
        }
    };
    let needs = NEEDS
        .iter()
        .map(|need| {
            view! {
                <label class="check">
                    <input type="radio" name="need" value=*need checked=f.need == *need />
                    {t(&format!("fault_report.need.{need}"))}
                </label>
            }
        })
        .collect_view();
    let need_error = error("need");
    let need_invalid = need_error.is_some();
    let summary = (!page.errors.is_empty())
        .then(|| view! { <div class="alert alert-error" role="alert">{t("fault_report.fix_fields")}</div> });
    view! {
        <main id="main" class="customer-main">
            <section class="panel" aria-labelledby="report-h">
                <h1 id="report-h">{t("fault_report.title")}</h1>
                <p>{t("fault_report.intro")}</p>
                {summary}
                <form method="post" action="/report-fault" class="customer-form" novalidate>
                    {field("company", "fault_report.company", &f.company, limits::COMPANY, true, "text", None)}
                    {field("contact_name", "ticket.contact_name", &f.contact_name, limits::CONTACT, true, "text", None)}
                    {field("phone", "ticket.phone", &f.phone, 30, true, "tel", None)}
                    {field("region", "fault_report.region", &f.region, limits::REGION, true, "text", Some("fault_report.region_hint"))}
                    <fieldset class="field" class:has-error=need_invalid>
                        <legend>{t("fault_report.need")}</legend>
                        <div class="checks">{needs}</div>
                        {need_error.map(|e| view! { <p class="field-error">{e}</p> })}
                    </fieldset>
                    {field("address", "ticket.address", &f.address, limits::ADDRESS, false, "text", Some("fault_report.address_hint"))}
                    {field("product_model", "ticket.product_model", &f.product_model, limits::PRODUCT_MODEL, true, "text", None)}
                    {field("serial_number", "ticket.serial_number", &f.serial_number, 40, false, "text", Some("fault_report.serial_hint"))}
                    {field("fault_description", "fault_report.fault", &f.fault_description, limits::FAULT, true, "textarea", None)}
                    {field("preferred_time", "fault_report.preferred_time", &f.preferred_time, limits::PREFERRED_TIME, false, "text", None)}
                    <div class="hp" aria-hidden="true">
                        <label for="f-website">{t("fault_report.leave_empty")}</label>
                        <input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off" />
                    </div>
                    <div class="form-actions">
                        <button type="submit" class="button primary">{t("fault_report.send")}</button>
                    </div>
                </form>
            </section>
        </main>
    }
    .into_any()
}

/// After a report the page says no more about (the honeypot caught it).
pub fn received_main(locale: Locale) -> AnyView {
    let t = move |key: &str| tr(locale, key);
    view! {
        <main id="main" class="customer-main">
            <section class="panel customer-notice">
                <h1>{t("fault_report.received_title")}</h1>
                <p>{t("fault_report.received_text")}</p>
            </section>
        </main>
    }
    .into_any()
}
