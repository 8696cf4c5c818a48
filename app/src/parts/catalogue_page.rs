//! `/parts`: the spare-parts catalogue with the stock of every warehouse, and for the warehouse the
//! goods-received form (入库) that books parts in (adding a part new to the catalogue).

use leptos::prelude::*;
use web_sys::SubmitEvent;

use super::{Catalogue, ReceiveStock, StockReceipt, get_catalogue};
use crate::app::page_title;
use crate::components::ErrorNotice;
use crate::components::form::{Errors, TextField};
use crate::domain::access::{Action, permits};
use crate::domain::service::quote::format_yuan;
use crate::error::TicketError;
use crate::i18n::use_i18n;
use crate::service::form_support::Submitted;

/// The page: the stock table, then (for those who manage stock) the receiving form.
#[component]
pub fn PartsPage() -> impl IntoView {
    let i18n = use_i18n();
    let receive = ServerAction::<ReceiveStock>::new();
    let catalogue = Resource::new(move || receive.version().get(), |_| get_catalogue());
    let me = crate::auth::use_me();
    view! {
        {page_title("parts.title")}
        <div class="page-head"><h1>{move || i18n.t("parts.title")}</h1></div>
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let may_receive = me.await.is_some_and(|m| permits(&m.subject(), Action::ManageParts, None).is_ok());
                match catalogue.await {
                    Ok(c) => view! {
                        <StockTable catalogue=c.clone() />
                        {may_receive.then(|| view! { <ReceiveForm catalogue=c action=receive /> })}
                    }.into_any(),
                    Err(e) => view! { <ErrorNotice kind=e.kind() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn StockTable(catalogue: Catalogue) -> impl IntoView {
    let i18n = use_i18n();
    if catalogue.parts.is_empty() {
        return view! { <p class="muted">{move || i18n.t("parts.catalogue_empty")}</p> }.into_any();
    }
    let warehouses = catalogue.warehouses.clone();
    view! {
        <table class="tickets stock">
            <thead><tr>
                <th scope="col">{move || i18n.t("parts.code")}</th>
                <th scope="col">{move || i18n.t("parts.name")}</th>
                <th scope="col" class="num">{move || i18n.t("parts.unit_price")}</th>
                {warehouses.iter().map(|w| view! { <th scope="col" class="num">{w.name.clone()}</th> }).collect_view()}
            </tr></thead>
            <tbody>
                {catalogue.parts.into_iter().map(|p| {
                    let held: Vec<i64> = warehouses.iter().map(|w| p.held_in(&w.code)).collect();
                    view! {
                        <tr>
                            <td>{p.part_code.clone()}</td>
                            <td>{p.name.clone()}</td>
                            <td class="num">{format_yuan(p.unit_price_fen.max(0) as u64)}</td>
                            {held.into_iter().map(|n| view! { <td class="num" class:empty=n == 0>{n}</td> }).collect_view()}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn ReceiveForm(catalogue: Catalogue, action: ServerAction<ReceiveStock>) -> impl IntoView {
    let i18n = use_i18n();
    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<TicketError>);
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => {
            errors.set(Vec::new());
            failure.set(None);
        }
        Some(Err(TicketError::Invalid { fields })) => errors.set(fields),
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    let on_submit = move |ev: SubmitEvent| {
        let Some(form) = Submitted::from_event(&ev) else { return };
        action.dispatch(ReceiveStock {
            receipt: StockReceipt {
                warehouse: form.get("warehouse"),
                part_code: form.get("part_code"),
                name: form.get("name"),
                unit_price: form.get("unit_price"),
                quantity: form.get("quantity"),
            },
        });
    };
    view! {
        <form class="panel" novalidate on:submit=on_submit aria-labelledby="receive-h">
            <h2 id="receive-h">{move || i18n.t("parts.receive")}</h2>
            <p class="hint">{move || i18n.t("parts.receive_hint")}</p>
            {move || failure.get().map(|e| view! { <ErrorNotice kind=e.kind() /> })}
            <div class="grid-3">
                <div class="field">
                    <label for="f-warehouse">{move || i18n.t("parts.warehouse")}</label>
                    <select id="f-warehouse" name="warehouse">
                        {catalogue.warehouses.into_iter().map(|w| view! { <option value=w.code.clone()>{w.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <TextField name="part_code" label="parts.code" errors max=32 required=true />
                <TextField name="quantity" label="parts.quantity" errors max=4 required=true />
                <TextField name="name" label="parts.name" errors max=100 hint="parts.new_only" />
                <TextField name="unit_price" label="parts.unit_price" errors max=14 hint="parts.new_only" />
            </div>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || action.pending().get()>{move || i18n.t("parts.book_in")}</button>
            </div>
            {move || (action.value().get().is_some_and(|r| r.is_ok())).then(|| view! {
                <p class="alert alert-success" role="status">{move || i18n.t("parts.booked")}</p>
            })}
        </form>
    }
}
