//! `/tickets/SV-…/receipt`: the receipt given to the customer for a unit taken in for depot repair
//! (客户商品领取收据), for A4: what was received, in what state, with which tracking number, and where
//! both sides sign.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_i18n;
use crate::tickets::{PrintFrame, TicketDetail};

/// The printable receipt. A ticket without a depot record answers 404 with the usual page.
#[component]
pub fn ReceiptPrintPage() -> impl IntoView {
    let received = |d: &TicketDetail| d.service.depot.is_some();
    view! { <PrintFrame has_form=received paper=|detail| view! { <PrintedReceipt detail /> }.into_any() /> }
}

#[component]
fn PrintedReceipt(detail: TicketDetail) -> impl IntoView {
    let i18n = use_i18n();
    let t = detail.ticket;
    let Some(depot) = detail.service.depot else { return ().into_any() };
    let f = depot.facts;
    let number = t.number.to_string();
    let row = |label: &'static str, value: String| view! { <tr><th scope="row">{move || i18n.t(label)}</th><td>{value}</td></tr> };
    let received_by = depot.recorded.by.clone();
    view! {
        <Title text=format!("{number} · {}", i18n.t("depot.receipt_title")) />
        <article class="paper">
            <header class="paper-head">
                <h1>{move || i18n.t("depot.receipt_title")}</h1>
                <p>{move || i18n.t("report.number")} " " <strong>{number.clone()}</strong></p>
            </header>
            <table class="paper-grid">
                <tbody>
                    {row("ticket.company", t.company.clone())}
                    {row("ticket.contact_name", format!("{}  {}", t.contact_name, t.phone))}
                    {row("ticket.product_model", t.product_model.clone())}
                    {row("ticket.serial_number", t.serial_number.clone().unwrap_or_default())}
                    {row("ticket.fault_description", t.fault_description.clone())}
                    {row("depot.received_on", f.received_on.to_string())}
                    {row("depot.accessories", f.accessories.clone().unwrap_or_default())}
                    {row("depot.condition", f.condition.clone().unwrap_or_default())}
                    {row("depot.tracking_in", f.tracking_in.clone().unwrap_or_default())}
                </tbody>
            </table>
            <p class="small">{move || i18n.t("depot.receipt_terms")}</p>
            <div class="signatures">
                <div>
                    <p class="muted">{move || i18n.t("depot.customer_signature")}</p>
                    <p class="signature"></p>
                </div>
                <div>
                    <p class="muted">{move || i18n.t("depot.received_by")}</p>
                    <p class="signature">{received_by}</p>
                </div>
            </div>
        </article>
    }
    .into_any()
}
