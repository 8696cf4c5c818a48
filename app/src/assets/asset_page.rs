//! `/assets/<serial>`: one unit — its cover today, its tickets, its label, a new ticket for it, and
//! editing; `/assets/new`: registering one.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use super::form::AssetForm;
use super::widgets::WarrantyStatus;
use super::{AssetCard, AssetError, get_asset_card, path_segment, serial_from_segment};
use crate::app::page_title;
use crate::components::{ActionLink, ErrorNotice, NotFound, set_status};
use crate::domain::access::{Action, permits};
use crate::domain::asset::AssetInput;
use crate::error::HasKind;
use crate::i18n::use_i18n;
use crate::tickets::widgets::{Fact, StatusBadge, format_time};

/// The unit's page. An unregistered serial number answers 404 with a way to register it.
#[component]
pub fn AssetPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let serial = move || params.with(|p| serial_from_segment(&p.get("serial").unwrap_or_default()));
    let refresh = RwSignal::new(0u32);
    let card =
        Resource::new(move || (serial(), refresh.get()), |(serial, _)| get_asset_card(serial, String::new()));
    view! {
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match card.await {
                    Ok(card) if card.asset.is_some() => {
                        let on_saved = Callback::new(move |_| refresh.update(|n| *n += 1));
                        view! { <AssetView card on_saved /> }.into_any()
                    }
                    Ok(_) | Err(AssetError::NotFound { .. }) => view! { <NotFound /> }.into_any(),
                    Err(error) => {
                        set_status(error.kind().status());
                        view! { <ErrorNotice kind=error.kind() /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn AssetView(card: AssetCard, on_saved: Callback<super::Asset>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(asset) = card.asset.clone() else { return ().into_any() };
    let f = asset.facts.clone();
    let serial = f.serial_number.to_string();
    let segment = path_segment(&serial);
    let editing = RwSignal::new(false);
    let me = crate::auth::use_me();
    let version = asset.version;
    let input = StoredValue::new(f.to_input());
    let (count, repeats) = (card.visits.len(), card.repeat_count());
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    view! {
        <Title text=serial.clone() />
        <div class="page-head">
            <div>
                <p class="eyebrow">{move || i18n.t("asset.title")}</p>
                <h1 class="ticket-number">{serial.clone()}</h1>
            </div>
            <div class="head-actions">
                <ActionLink action=Action::CreateTicket href=format!("/tickets/new?serial={}", crate::tickets::encode_query(&serial)) label="asset.new_ticket" primary=true />
                <a class="button" href=format!("/assets/{segment}/label")>{move || i18n.t("asset.print_label")}</a>
            </div>
        </div>
        <div class="detail-grid">
            <section class="panel" aria-labelledby="unit-h">
                <h2 id="unit-h">{move || i18n.t("asset.section_unit")}</h2>
                <dl class="facts">
                    <Fact label="ticket.product_model" value=f.product_model.clone() />
                    <Fact label="asset.location" value=f.location.clone() />
                    <Fact label="ticket.company" value=f.company.clone() />
                    <Fact label="ticket.contact_name" value=f.contact_name.clone() />
                    <Fact label="ticket.phone" value=f.phone.as_ref().map(|p| p.to_string()) />
                    <Fact label="ticket.region" value=f.region.clone() />
                </dl>
            </section>
            <section class="panel" aria-labelledby="cover-h">
                <h2 id="cover-h">{move || i18n.t("asset.section_cover")}</h2>
                <p>{card.warranty.map(|decision| view! { <WarrantyStatus decision /> })}</p>
                <dl class="facts">
                    <Fact label="asset.ship_date" value=date(f.ship_date) />
                    <Fact label="asset.purchase_date" value=date(f.purchase_date) />
                    <Fact label="asset.warranty_months" value=f.warranty_months.to_string() />
                    <Fact label="asset.contract_until" value=date(f.contract_until) />
                    <Fact label="asset.seal" value=i18n.t(if f.seal_intact { "asset.seal_ok" } else { "asset.seal_broken" }) />
                </dl>
            </section>
            <section class="panel wide" aria-labelledby="visits-h">
                <h2 id="visits-h">{move || i18n.t("asset.visits")}</h2>
                <p class="muted">{move || i18n.t_with("asset.visit_count", &[("n", &count.to_string()), ("repeats", &repeats.to_string())])}</p>
                <table class="lines">
                    <thead><tr>
                        <th scope="col">{move || i18n.t("ticket.number")}</th>
                        <th scope="col">{move || i18n.t("ticket.created_at")}</th>
                        <th scope="col">{move || i18n.t("ticket.service_type")}</th>
                        <th scope="col">{move || i18n.t("asset.fault_category")}</th>
                        <th scope="col">{move || i18n.t("ticket.status")}</th>
                    </tr></thead>
                    <tbody>
                        {card.visits.into_iter().map(|v| {
                            let category = v.fault_category.map(|c| c.label_key());
                            let repeat = v.repeat_of.clone();
                            view! {
                                <tr>
                                    <td><a href=format!("/tickets/{}", v.number)>{v.number.clone()}</a></td>
                                    <td>{format_time(&v.created_at)}</td>
                                    <td>{move || i18n.t(v.service_type.label_key())}</td>
                                    <td>
                                        {category.map(|key| move || i18n.t(key))}
                                        {repeat.map(|n| view! { " " <span class="badge repeat">{move || i18n.t_with("asset.repeat_of", &[("number", &n)])}</span> })}
                                    </td>
                                    <td><StatusBadge status=v.status /></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        </div>
        <Suspense>
            {move || Suspend::new(async move {
                // Only those who may edit units see the form (the server checks again).
                let may = me.await.is_some_and(|m| permits(&m.subject(), Action::ManageAssets, None).is_ok());
                may.then(|| view! {
                    <p>
                        <button type="button" class="button" aria-expanded=move || editing.get().to_string()
                            on:click=move |_| editing.update(|e| *e = !*e)>{move || i18n.t("asset.edit")}</button>
                    </p>
                    {move || editing.get().then(|| view! {
                        <AssetForm initial=input.get_value() version=Some(version) on_saved />
                    })}
                })
            })}
        </Suspense>
    }
    .into_any()
}

/// Registering a unit; `?serial=` prefills the serial number (from intake's "not registered" link).
#[component]
pub fn AssetNewPage() -> impl IntoView {
    let navigate = use_navigate();
    let serial = use_query_map().with_untracked(|q| q.get("serial").unwrap_or_default());
    let initial = AssetInput {
        serial_number: serial,
        warranty_months: "12".into(),
        seal_intact: true,
        ..AssetInput::default()
    };
    let on_saved = Callback::new(move |asset: super::Asset| {
        navigate(
            &format!("/assets/{}", path_segment(asset.facts.serial_number.as_str())),
            Default::default(),
        );
    });
    let i18n = use_i18n();
    view! {
        {page_title("asset.new_title")}
        <div class="page-head"><h1>{move || i18n.t("asset.new_title")}</h1></div>
        <AssetForm initial version=None on_saved />
    }
}
