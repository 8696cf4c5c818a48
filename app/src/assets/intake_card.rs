//! The intake form's lookup card: as soon as a serial number is typed, the unit's warranty today, its
//! earlier tickets and — once the fault is classified — whether this would be a repeat repair.

use leptos::prelude::*;

use super::widgets::WarrantyStatus;
use super::{AssetCard, get_asset_card, path_segment};
use crate::i18n::{I18n, use_i18n};

/// The card for `serial` and `category` (both as typed; nothing shows while the serial is empty).
/// `fill` copies the registered unit into the form's empty fields.
#[component]
pub fn IntakeAssetCard(serial: Signal<String>, category: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let card = Resource::new(
        move || (serial.get().trim().to_owned(), category.get()),
        |(serial, category)| async move {
            if serial.len() < 4 { None } else { get_asset_card(serial, category).await.ok() }
        },
    );
    view! {
        <Transition>
            {move || Suspend::new(async move {
                card.await.map(|card| view! { <CardBody card i18n /> })
            })}
        </Transition>
    }
}

#[component]
fn CardBody(card: AssetCard, i18n: I18n) -> impl IntoView {
    let page = format!("/assets/{}", path_segment(&card.serial_number));
    let repeat = card.repeat_of.clone().map(|number| {
        let days = card.repeat_window_days.to_string();
        view! {
            <p class="alert alert-warning" role="alert">
                {move || i18n.t_with("asset.repeat_warning", &[("number", &number), ("days", &days)])}
            </p>
        }
    });
    let Some(asset) = card.asset.clone() else {
        let register = format!("/assets/new?serial={}", crate::tickets::encode_query(&card.serial_number));
        return view! {
            <aside class="asset-card" aria-live="polite">
                <p class="muted">{move || i18n.t("asset.not_registered")} " "
                    <a href=register>{move || i18n.t("asset.register")}</a></p>
                {repeat}
                <VisitList card=card.clone() i18n />
            </aside>
        }
        .into_any();
    };
    let facts = asset.facts.clone();
    let fill = move |_| fill_empty_fields(&facts);
    view! {
        <aside class="asset-card" aria-live="polite" aria-label=move || i18n.t("asset.card")>
            <p>
                <strong>{asset.facts.product_model.clone()}</strong> " · " {asset.facts.company.clone()} " · "
                {card.warranty.map(|decision| view! { <WarrantyStatus decision /> })}
            </p>
            {repeat}
            <VisitList card=card.clone() i18n />
            <p class="actions">
                <button type="button" class="button" on:click=fill>{move || i18n.t("asset.fill_form")}</button>
                <a href=page>{move || i18n.t("asset.open")}</a>
            </p>
        </aside>
    }
    .into_any()
}

#[component]
fn VisitList(card: AssetCard, i18n: I18n) -> impl IntoView {
    let count = card.visits.len();
    let repeats = card.repeat_count();
    if count == 0 {
        return view! { <p class="muted small">{move || i18n.t("asset.no_visits")}</p> }.into_any();
    }
    view! {
        <p class="small">
            {move || i18n.t_with("asset.visit_count", &[("n", &count.to_string()), ("repeats", &repeats.to_string())])}
        </p>
        <ul class="visits small">
            {card.visits.into_iter().take(3).map(|v| {
                let href = format!("/tickets/{}", v.number);
                let category = v.fault_category.map(|c| c.label_key());
                view! {
                    <li>
                        <a href=href>{v.number.clone()}</a> " · " {v.created_at.format("%Y-%m-%d").to_string()} " · "
                        {move || i18n.t(v.service_type.label_key())}
                        {category.map(|key| view! { " · " {move || i18n.t(key)} })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Copies the unit's customer and product into the intake fields the agent left empty.
fn fill_empty_fields(facts: &crate::domain::asset::AssetFacts) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let set = |name: &str, value: Option<String>| {
            let input = document
                .get_element_by_id(&format!("f-{name}"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let (Some(input), Some(value)) = (input, value)
                && input.value().trim().is_empty()
            {
                input.set_value(&value);
            }
        };
        set("company", Some(facts.company.clone()));
        set("contact_name", facts.contact_name.clone());
        set("phone", facts.phone.as_ref().map(|p| p.to_string()));
        set("region", Some(facts.region.clone()));
        set("address", facts.location.clone());
        set("product_model", Some(facts.product_model.clone()));
        set("purchase_date", facts.ship_date.or(facts.purchase_date).map(|d| d.to_string()));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = facts;
}
