//! The asset form: register a unit or edit one. Inputs stay as typed when the server refuses something.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{FormData, HtmlFormElement, SubmitEvent};

use super::{Asset, AssetError, AssetSave, SaveAsset};
use crate::components::ErrorNotice;
use crate::components::form::{Errors, TextField, show_field_errors};
use crate::domain::asset::AssetInput;
use crate::domain::intake::limits;
use crate::error::HasKind;
use crate::i18n::use_i18n;

/// The form, filled with `initial`; `version` is `None` to register. `on_saved` gets the stored unit.
#[component]
pub fn AssetForm(initial: AssetInput, version: Option<u64>, on_saved: Callback<Asset>) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveAsset>::new();
    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<AssetError>);
    Effect::new(move |_| match action.value().get() {
        Some(Ok(asset)) => on_saved.run(asset),
        Some(Err(AssetError::Invalid { fields })) => {
            show_field_errors(errors, fields);
            failure.set(None);
        }
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
        let Ok(data) = FormData::new_with_form(&form) else { return };
        let get = |name: &str| data.get(name).as_string().unwrap_or_default();
        let input = AssetInput {
            serial_number: get("serial_number"),
            product_model: get("product_model"),
            company: get("company"),
            contact_name: get("contact_name"),
            phone: get("phone"),
            region: get("region"),
            location: get("location"),
            ship_date: get("ship_date"),
            purchase_date: get("purchase_date"),
            warranty_months: get("warranty_months"),
            contract_until: get("contract_until"),
            seal_intact: get("seal_intact") == "on",
        };
        action.dispatch(SaveAsset { save: AssetSave { input, version } });
    };
    let editing = version.is_some();
    let i = initial;
    view! {
        {move || (!errors.get().is_empty()).then(|| view! {
            <div class="alert alert-error" role="alert">{move || i18n.t("intake.fix_errors")}</div>
        })}
        {move || failure.get().map(|e| match e {
            AssetError::Conflict => view! { <div class="alert alert-warning" role="alert">{move || i18n.t("asset.conflict")}</div> }.into_any(),
            e => view! { <ErrorNotice kind=e.kind() /> }.into_any(),
        })}
        <form class="panel asset-form" novalidate on:submit=on_submit>
            <fieldset>
                <legend>{move || i18n.t("asset.section_unit")}</legend>
                <div class="grid-3">
                    {if editing {
                        // The serial number is the unit's identity: shown, not edited.
                        view! {
                            <div class="field">
                                <span class="label">{move || i18n.t("ticket.serial_number")}</span>
                                <p class="serial">{i.serial_number.clone()}</p>
                                <input type="hidden" name="serial_number" value=i.serial_number.clone() />
                            </div>
                        }.into_any()
                    } else {
                        view! { <TextField name="serial_number" label="ticket.serial_number" errors max=40 required=true value=i.serial_number.clone() /> }.into_any()
                    }}
                    <TextField name="product_model" label="ticket.product_model" errors max=limits::PRODUCT_MODEL required=true value=i.product_model.clone() />
                    <TextField name="location" label="asset.location" errors max=limits::ADDRESS value=i.location.clone() />
                </div>
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t("intake.section_customer")}</legend>
                <div class="grid-2">
                    <TextField name="company" label="ticket.company" errors max=limits::COMPANY required=true value=i.company.clone() />
                    <TextField name="region" label="ticket.region" errors max=limits::REGION required=true value=i.region.clone() />
                    <TextField name="contact_name" label="ticket.contact_name" errors max=limits::CONTACT value=i.contact_name.clone() />
                    <TextField name="phone" label="ticket.phone" errors max=32 kind="tel" value=i.phone.clone() />
                </div>
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t("asset.section_cover")}</legend>
                <div class="grid-3">
                    <TextField name="ship_date" label="asset.ship_date" errors max=10 kind="date" hint="asset.ship_date_hint" value=i.ship_date.clone() />
                    <TextField name="purchase_date" label="asset.purchase_date" errors max=10 kind="date" value=i.purchase_date.clone() />
                    <TextField name="warranty_months" label="asset.warranty_months" errors max=3 value=i.warranty_months.clone() />
                    <TextField name="contract_until" label="asset.contract_until" errors max=10 kind="date" value=i.contract_until.clone() />
                </div>
                <label class="check">
                    <input type="checkbox" name="seal_intact" checked=i.seal_intact />
                    {move || i18n.t("asset.seal_intact")}
                </label>
            </fieldset>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || action.pending().get()>
                    {move || i18n.t(if editing { "asset.save" } else { "asset.register" })}
                </button>
            </div>
        </form>
    }
}
