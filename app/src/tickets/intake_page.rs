//! `/tickets/new`: the intake form customer service fills while the customer is on the line.
//! Inputs stay as typed when the server refuses something; each problem shows beside its field.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;
use web_sys::{FormData, HtmlElement, HtmlFormElement, SubmitEvent};

use super::CreateTicket;
use crate::app::page_title;
use crate::components::ErrorNotice;
use crate::domain::intake::limits;
use crate::domain::{Channel, FieldError, IntakeInput, ServiceType, Urgency};
use crate::error::TicketError;
use crate::i18n::use_i18n;

/// The field errors of the last refused submission.
type Errors = RwSignal<Vec<FieldError>>;

/// The intake form page.
#[component]
pub fn IntakePage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CreateTicket>::new();
    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<TicketError>);
    let navigate = use_navigate();

    Effect::new(move |_| match action.value().get() {
        Some(Ok(number)) => navigate(&format!("/tickets/{number}?created=1"), Default::default()),
        Some(Err(TicketError::Invalid { fields })) => {
            let first = fields.first().map(|f| f.field.clone());
            errors.set(fields);
            failure.set(None);
            if let Some(field) = first {
                focus_field(&field);
            }
        }
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else {
            return;
        };
        let Ok(data) = FormData::new_with_form(&form) else {
            return;
        };
        let get = |name: &str| data.get(name).as_string().unwrap_or_default();
        let input = IntakeInput {
            company: get("company"),
            contact_name: get("contact_name"),
            phone: get("phone"),
            region: get("region"),
            address: get("address"),
            product_model: get("product_model"),
            serial_number: get("serial_number"),
            purchase_date: get("purchase_date"),
            fault_description: get("fault_description"),
            channel: get("channel"),
            service_type: get("service_type"),
            urgency: get("urgency"),
            preferred_time: get("preferred_time"),
        };
        action.dispatch(CreateTicket { input });
    };

    view! {
        {page_title("intake.title")}
        <div class="page-head">
            <h1>{move || i18n.t("intake.title")}</h1>
        </div>
        <p class="muted">{move || i18n.t("intake.intro")}</p>
        {move || (!errors.get().is_empty()).then(|| view! {
            <div class="alert alert-error" role="alert">{move || i18n.t("intake.fix_errors")}</div>
        })}
        {move || failure.get().map(|error| view! { <ErrorNotice error /> })}
        <form class="intake panel" novalidate on:submit=on_submit>
            <fieldset>
                <legend>{move || i18n.t("intake.section_customer")}</legend>
                <div class="grid-2">
                    <TextField name="company" label="ticket.company" errors max=limits::COMPANY required=true />
                    <TextField name="contact_name" label="ticket.contact_name" errors max=limits::CONTACT required=true />
                    <TextField name="phone" label="ticket.phone" errors max=32 required=true kind="tel" />
                    <TextField name="region" label="ticket.region" errors max=limits::REGION required=true />
                </div>
                <TextField name="address" label="ticket.address" errors max=limits::ADDRESS hint="intake.address_hint" />
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t("intake.section_product")}</legend>
                <div class="grid-3">
                    <TextField name="product_model" label="ticket.product_model" errors max=limits::PRODUCT_MODEL required=true />
                    <TextField name="serial_number" label="ticket.serial_number" errors max=40 />
                    <TextField name="purchase_date" label="ticket.purchase_date" errors max=10 kind="date" />
                </div>
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t("intake.section_request")}</legend>
                <div class="grid-3">
                    <Choice name="service_type" label="ticket.service_type" errors
                        options=ServiceType::ALL.iter().map(|v| (v.as_str(), v.label_key())).collect()
                        default="" />
                    <Choice name="urgency" label="ticket.urgency" errors
                        options=Urgency::ALL.iter().map(|v| (v.as_str(), v.label_key())).collect()
                        default="normal" />
                    <Choice name="channel" label="ticket.channel" errors
                        options=Channel::ALL.iter().map(|v| (v.as_str(), v.label_key())).collect()
                        default="phone" />
                </div>
                <TextField name="fault_description" label="ticket.fault_description" errors
                    max=limits::FAULT required=true kind="textarea" hint="intake.fault_hint" />
                <TextField name="preferred_time" label="ticket.preferred_time" errors
                    max=limits::PREFERRED_TIME hint="intake.preferred_hint" />
            </fieldset>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { i18n.t("intake.submitting") } else { i18n.t("intake.submit") }}
                </button>
            </div>
        </form>
    }
}

fn focus_field(name: &str) {
    if let Some(el) = document().get_element_by_id(&format!("f-{name}"))
        && let Ok(el) = el.dyn_into::<HtmlElement>()
    {
        let _ = el.focus();
    }
}

fn error_of(errors: Errors, name: &'static str) -> impl Fn() -> Option<String> + Copy {
    move || errors.with(|all| all.iter().find(|e| e.field == name).map(|e| e.code.clone()))
}

/// A labelled text input (or textarea / date / phone input) with its hint and its error.
#[component]
fn TextField(
    name: &'static str,
    label: &'static str,
    errors: Errors,
    max: usize,
    #[prop(optional)] required: bool,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("f-{name}");
    let error = error_of(errors, name);
    let described = move || match (hint.is_some(), error().is_some()) {
        (_, true) => Some(format!("e-{name}")),
        (true, false) => Some(format!("h-{name}")),
        _ => None,
    };
    let input = if kind == "textarea" {
        view! {
            <textarea id=id.clone() name=name rows="5" maxlength=max aria-required=required.to_string()
                aria-invalid=move || error().is_some().to_string() aria-describedby=described></textarea>
        }
        .into_any()
    } else {
        let inputmode = (kind == "tel").then_some("tel");
        view! {
            <input id=id.clone() name=name type=kind maxlength=max inputmode=inputmode
                autocomplete="off" aria-required=required.to_string()
                aria-invalid=move || error().is_some().to_string() aria-describedby=described />
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=move || error().is_some()>
            <label for=id>
                {move || i18n.t(label)}
                {required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}
            </label>
            {input}
            {hint.map(|h| view! { <p class="hint" id=format!("h-{name}")>{move || i18n.t(h)}</p> })}
            {move || error().map(|code| view! {
                <p class="field-error" id=format!("e-{name}")>{move || i18n.t(&code)}</p>
            })}
        </div>
    }
}

/// A labelled select over a closed vocabulary.
#[component]
fn Choice(
    name: &'static str,
    label: &'static str,
    errors: Errors,
    options: Vec<(&'static str, &'static str)>,
    default: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("f-{name}");
    let error = error_of(errors, name);
    view! {
        <div class="field" class:has-error=move || error().is_some()>
            <label for=id.clone()>
                {move || i18n.t(label)}
                <span class="req" aria-hidden="true">" *"</span>
            </label>
            <select id=id name=name aria-required="true" aria-invalid=move || error().is_some().to_string()
                aria-describedby=move || error().map(|_| format!("e-{name}"))>
                {default.is_empty().then(|| view! {
                    <option value="" selected>{move || i18n.t("intake.choose")}</option>
                })}
                {options.into_iter().map(|(value, key)| view! {
                    <option value=value selected=value == default>{move || i18n.t(key)}</option>
                }).collect_view()}
            </select>
            {move || error().map(|code| view! {
                <p class="field-error" id=format!("e-{name}")>{move || i18n.t(&code)}</p>
            })}
        </div>
    }
}
