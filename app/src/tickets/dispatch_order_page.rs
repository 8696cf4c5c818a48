//! `/tickets/SV-…/dispatch-order`: the dispatch order (派工单) for the technician, laid out for A4.

use leptos::prelude::*;
use leptos_meta::Title;

use super::print_frame::PrintFrame;
use super::{TicketDetail, format_time};
use crate::i18n::use_i18n;

/// The printable dispatch order of an on-site ticket that has a technician; 404 otherwise.
#[component]
pub fn DispatchOrderPage() -> impl IntoView {
    let has_order = |d: &TicketDetail| {
        d.ticket.assignee.is_some() && crate::domain::workflow::needs_dispatch(d.ticket.service_type)
    };
    view! { <PrintFrame has_form=has_order paper=|detail| view! { <PrintedOrder detail /> }.into_any() /> }
}

#[component]
fn PrintedOrder(detail: TicketDetail) -> impl IntoView {
    let i18n = use_i18n();
    let t = detail.ticket;
    let number = t.number.to_string();
    // The order is issued by the latest dispatch: its time and who made it.
    let issued = detail.events.iter().rev().find(|e| e.step == Some(crate::domain::workflow::Step::Dispatch));
    let issued_at = issued.map(|e| format_time(&e.at)).unwrap_or_default();
    let issued_by = issued.map(|e| e.actor.clone()).unwrap_or_default();
    let arrival = t
        .appointment
        .map(|a| a.format("%Y-%m-%d %H:%M").to_string())
        .or(t.preferred_time.clone())
        .unwrap_or_default();
    let estimate = t.estimate_minutes.map(|m| m.to_string());
    let urgency = t.urgency;
    let service_type = t.service_type;
    let row = |label: &'static str, value: String| {
        view! { <tr><th scope="row">{move || i18n.t(label)}</th><td class="pre">{value}</td></tr> }
    };
    view! {
        <Title text=format!("{number} · {}", i18n.t("dispatch.order_title")) />
        <article class="paper">
            <header class="paper-head">
                <h1>{move || i18n.t("dispatch.order_title")}</h1>
                <p>{move || i18n.t("report.number")} " " <strong>{number.clone()}</strong></p>
            </header>
            <table class="paper-grid">
                <tbody>
                    <tr>
                        <th scope="row">{move || i18n.t("ticket.service_type")}</th>
                        <td>{move || i18n.t(service_type.label_key())} " · " {move || i18n.t(urgency.label_key())}</td>
                    </tr>
                    {row("workflow.technician", t.assignee_name.clone().or(t.assignee.clone()).unwrap_or_default())}
                    {row("dispatch.issued", format!("{issued_at}  {issued_by}"))}
                    {row("ticket.company", t.company.clone())}
                    {row("ticket.contact_name", format!("{}  {}", t.contact_name, t.phone))}
                    {row("ticket.address", t.address.clone().unwrap_or_default())}
                    {row("ticket.product_model", t.product_model.clone())}
                    {row("ticket.serial_number", t.serial_number.clone().unwrap_or_default())}
                    {row("ticket.fault_description", t.fault_description.clone())}
                    {row("dispatch.arrival", arrival)}
                    {row("workflow.estimate_minutes", estimate.unwrap_or_default())}
                    {row("workflow.bring", t.bring.clone().unwrap_or_default())}
                </tbody>
            </table>
            <div class="signatures">
                <div>
                    <p class="muted">{move || i18n.t("dispatch.technician_confirms")}</p>
                    <p class="signature"></p>
                </div>
                <div>
                    <p class="muted">{move || i18n.t("dispatch.customer_confirms")}</p>
                    <p class="signature"></p>
                </div>
            </div>
        </article>
    }
}
