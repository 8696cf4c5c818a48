//! `/tickets/new`: the intake form customer service fills while the customer is on the line.
//! Inputs stay as typed when the server refuses something; each problem shows beside its field.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use wasm_bindgen::JsCast;
use web_sys::{FormData, HtmlFormElement, SubmitEvent};

use super::CreateTicket;
use crate::app::page_title;
use crate::assets::{IntakeAssetCard, get_asset_card};
use crate::components::ErrorNotice;
use crate::components::form::{Choice, Errors, TextField, show_field_errors};
use crate::domain::asset::AssetFacts;
use crate::domain::intake::limits;
use crate::domain::repeat::FaultCategory;
use crate::domain::{Channel, IntakeInput, ServiceType, Urgency};
use crate::error::TicketError;
use crate::i18n::use_i18n;

/// The intake form page. `?serial=` (the unit page's "new ticket") starts it filled from that unit.
#[component]
pub fn IntakePage() -> impl IntoView {
    let serial = use_query_map().with_untracked(|q| q.get("serial").unwrap_or_default());
    let unit = Resource::new(
        move || serial.clone(),
        |serial| async move {
            if serial.is_empty() {
                None
            } else {
                get_asset_card(serial, String::new()).await.ok().and_then(|c| c.asset)
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let unit = unit.await.map(|a| a.facts);
                view! { <IntakeForm unit /> }
            })}
        </Suspense>
    }
}

/// The form itself, filled from `unit` when there is one.
#[component]
fn IntakeForm(unit: Option<AssetFacts>) -> impl IntoView {
    let i18n = use_i18n();
    let prefill = unit.as_ref().map(AssetFacts::to_input).unwrap_or_default();
    let serial = RwSignal::new(prefill.serial_number.clone());
    let category = RwSignal::new(String::new());
    // The lookup card follows the serial number and fault category as they are changed.
    let on_change = move |ev: web_sys::Event| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let value = || control_value(&target);
        match target.get_attribute("name").as_deref() {
            Some("serial_number") => serial.set(value()),
            Some("fault_category") => category.set(value()),
            _ => {}
        }
    };
    let action = ServerAction::<CreateTicket>::new();
    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<TicketError>);
    let navigate = use_navigate();

    Effect::new(move |_| match action.value().get() {
        Some(Ok(number)) => navigate(&format!("/tickets/{number}?created=1"), Default::default()),
        Some(Err(TicketError::Invalid { fields })) => {
            show_field_errors(errors, fields);
            failure.set(None);
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
            fault_category: get("fault_category"),
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
        {move || failure.get().map(|error| view! { <ErrorNotice kind=error.kind() /> })}
        <form class="intake panel" novalidate on:submit=on_submit on:change=on_change>
            <fieldset>
                <legend>{move || i18n.t("intake.section_customer")}</legend>
                <div class="grid-2">
                    <TextField name="company" label="ticket.company" errors max=limits::COMPANY required=true value=prefill.company.clone() />
                    <TextField name="contact_name" label="ticket.contact_name" errors max=limits::CONTACT required=true value=prefill.contact_name.clone() />
                    <TextField name="phone" label="ticket.phone" errors max=32 required=true kind="tel" value=prefill.phone.clone() />
                    <TextField name="region" label="ticket.region" errors max=limits::REGION required=true value=prefill.region.clone() />
                </div>
                <TextField name="address" label="ticket.address" errors max=limits::ADDRESS hint="intake.address_hint" value=prefill.location.clone() />
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t("intake.section_product")}</legend>
                <div class="grid-3">
                    <TextField name="product_model" label="ticket.product_model" errors max=limits::PRODUCT_MODEL required=true value=prefill.product_model.clone() />
                    <TextField name="serial_number" label="ticket.serial_number" errors max=40 value=prefill.serial_number.clone() />
                    <TextField name="purchase_date" label="ticket.purchase_date" errors max=10 kind="date"
                        value=if prefill.ship_date.is_empty() { prefill.purchase_date.clone() } else { prefill.ship_date.clone() } />
                </div>
                <IntakeAssetCard serial=serial.into() category=category.into() />
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
                <Choice name="fault_category" label="ticket.fault_category" errors optional=true
                    options=FaultCategory::ALL.iter().map(|v| (v.as_str(), v.label_key())).collect()
                    default="" />
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

/// The current value of a form control (input or select).
fn control_value(element: &web_sys::Element) -> String {
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.value()
    } else if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.value()
    } else {
        String::new()
    }
}
