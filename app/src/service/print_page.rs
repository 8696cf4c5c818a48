//! `/tickets/SV-…/report`: the service report laid out like the paper form (售后服务报告单), for A4.

use leptos::prelude::*;
use leptos_meta::Title;

use super::quote_panel::QuoteTable;
use super::report_panel::ReportFacts;
use crate::i18n::use_i18n;
use crate::tickets::{PrintFrame, TicketDetail, format_time};

/// The printable report. A ticket without a report answers 404 with the usual page.
#[component]
pub fn ReportPrintPage() -> impl IntoView {
    let has_report = |d: &TicketDetail| d.service.report.is_some();
    view! { <PrintFrame has_form=has_report paper=|detail| view! { <PrintedReport detail /> }.into_any() /> }
}

#[component]
fn PrintedReport(detail: TicketDetail) -> impl IntoView {
    let i18n = use_i18n();
    let t = detail.ticket;
    let Some(report) = detail.service.report else { return ().into_any() };
    let number = t.number.to_string();
    let quote = detail.service.quote.filter(|_| report.charges_fen > 0);
    let filed_at = format_time(&report.filed.at);
    let technician = report.filed.by.clone();
    let signed_by = report.content.signed_by.clone();
    let signature = report.content.signature.clone();
    let row = |label: &'static str, value: String| view! { <tr><th scope="row">{move || i18n.t(label)}</th><td>{value}</td></tr> };
    view! {
        <Title text=format!("{number} · {}", i18n.t("report.title")) />
        <article class="paper">
            <header class="paper-head">
                <h1>{move || i18n.t("report.paper_title")}</h1>
                <p>{move || i18n.t("report.number")} " " <strong>{number.clone()}</strong></p>
            </header>
            <table class="paper-grid">
                <tbody>
                    {row("ticket.company", t.company.clone())}
                    {row("ticket.contact_name", format!("{}  {}", t.contact_name, t.phone))}
                    {row("ticket.address", t.address.clone().unwrap_or_default())}
                    {row("ticket.product_model", t.product_model.clone())}
                    {row("ticket.serial_number", t.serial_number.clone().unwrap_or_default())}
                    {row("ticket.purchase_date", t.purchase_date.map(|d| d.to_string()).unwrap_or_default())}
                    {row("ticket.fault_description", t.fault_description.clone())}
                    {t.repeat_of.clone().map(|n| row("report.repeat", i18n.t_with("asset.repeat_of", &[("number", &n)])))}
                </tbody>
            </table>
            <ReportFacts report=report />
            {quote.map(|q| view! { <h2>{move || i18n.t("quote.title")}</h2> <QuoteTable quote=q /> })}
            <div class="signatures">
                <div>
                    <p class="muted">{move || i18n.t("report.customer_signature")}</p>
                    {(!signature.is_empty()).then(|| view! {
                        <crate::tablet::SignatureDrawing strokes=signature label=signed_by.clone() />
                    })}
                    <p class="signature">{signed_by}</p>
                </div>
                <div>
                    <p class="muted">{move || i18n.t("report.technician")}</p>
                    <p class="signature">{technician}</p>
                    <p class="muted">{filed_at}</p>
                </div>
            </div>
        </article>
    }
    .into_any()
}
