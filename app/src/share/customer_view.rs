//! (ssr) The customer's page as HTML: rendered whole on the server, with one small script
//! (`/customer.js`) that keeps it current — no WebAssembly, no third-party resources, so it opens
//! fast on a phone and works without script too.

use leptos::prelude::*;

use super::CustomerTicket;
use crate::i18n::{Locale, tr, tr_with};

/// What a customer page shows besides the frame.
pub enum Body<'a> {
    /// The ticket; `base` is the link's path (`/c/<token>`), which its forms and stream hang off.
    Ticket { ticket: &'a CustomerTicket, base: String, forms: Forms },
    /// Unknown, expired and revoked links alike.
    Invalid,
    /// Too many link lookups (or fault reports) from this address.
    TooMany,
    /// The public "report a fault" form.
    FaultReport(&'a super::fault_report::FaultReportPage),
    /// A report taken without further word.
    FaultReceived,
}

/// What the page's forms show besides the ticket: a fresh request key for each form, the notice of
/// an action just done, and the refused form with what the customer had entered.
#[derive(Debug, Clone, Default)]
pub struct Forms {
    pub key: String,
    /// Translation key of the "done" notice.
    pub done: Option<&'static str>,
    pub refused: Option<Refused>,
}

impl Forms {
    /// Forms with a fresh request key, nothing refused and no notice.
    pub fn new() -> Self {
        Forms { key: crate::auth::token::new_nonce(), done: None, refused: None }
    }
}

/// A form the server refused: which (`quote`, `survey`, `message`), why (a translation key), and
/// the customer's input to show again.
#[derive(Debug, Clone, Default)]
pub struct Refused {
    pub form: &'static str,
    pub code: &'static str,
    pub text: String,
    pub score: Option<u8>,
}

/// The whole HTML document of a customer page in `locale`.
pub fn document(locale: Locale, body: Body<'_>) -> String {
    let t = move |key: &str| tr(locale, key);
    let title = match &body {
        Body::Ticket { ticket, .. } => format!("{} · {}", ticket.number, t("customer.title")),
        Body::Invalid => t("customer.invalid_title"),
        Body::TooMany => t("customer.too_many_title"),
        Body::FaultReport(_) | Body::FaultReceived => t("fault_report.title"),
    };
    let main = match body {
        Body::Ticket { ticket, base, forms } => ticket_main(locale, ticket, &base, &forms),
        Body::Invalid => notice_main(t("customer.invalid_title"), t("customer.invalid_text")),
        Body::TooMany => notice_main(t("customer.too_many_title"), t("customer.too_many_text")),
        Body::FaultReport(page) => super::fault_report_view::form_main(locale, page),
        Body::FaultReceived => super::fault_report_view::received_main(locale),
    };
    let switch = Locale::ALL
        .into_iter()
        .map(|l| {
            let current = (l == locale).then_some("true");
            view! { <a href=format!("?lang={}", l.tag()) lang=l.tag() hreflang=l.tag() aria-current=current>{l.native_name()}</a> }
        })
        .collect_view();
    let html = view! {
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="robots" content="noindex, nofollow" />
                <meta name="referrer" content="no-referrer" />
                <title>{title}</title>
                <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
                <link rel="stylesheet" href="/pkg/afterdesk.css" />
                <script src="/customer.js" defer></script>
            </head>
            <body class="customer-body">
                <header class="app-header customer-header">
                    <span class="brand">
                        <span class="brand-mark" aria-hidden="true">"AD"</span>
                        <span class="brand-name">{t("customer.brand")}</span>
                    </span>
                    <nav class="lang-switch" aria-label=t("nav.language")>{switch}</nav>
                </header>
                {main}
            </body>
        </html>
    };
    format!("<!DOCTYPE html>{}", html.to_html())
}

fn notice_main(title: String, text: String) -> AnyView {
    view! {
        <main id="main" class="customer-main">
            <section class="panel customer-notice">
                <h1>{title}</h1>
                <p>{text}</p>
            </section>
        </main>
    }
    .into_any()
}

fn ticket_main(locale: Locale, ticket: &CustomerTicket, base: &str, forms: &Forms) -> AnyView {
    let t = move |key: &str| tr(locale, key);
    let minute = |at: chrono::NaiveDateTime| at.format("%Y-%m-%d %H:%M").to_string();
    let fact = |label: &str, value: Option<String>| {
        value.map(|value| view! { <div class="fact"><dt>{t(label)}</dt><dd>{value}</dd></div> })
    };
    let timeline = ticket
        .timeline
        .iter()
        .rev()
        .map(|(at, phase)| {
            view! {
                <li>
                    <time datetime=at.to_rfc3339()>{minute(at.naive_local())}</time>
                    <div><strong>{t(phase.label_key())}</strong></div>
                </li>
            }
        })
        .collect_view();
    let phase = ticket.phase;
    view! {
        <main id="main" class="customer-main" data-version=ticket.version.to_string() data-live=format!("{base}/live")>
            <p id="live-state" class="live-state" aria-live="polite" data-live-text=t("customer.live")
                data-lost-text=t("customer.reconnecting") data-closed-text=t("customer.closed")></p>
            {forms.done.map(|key| view! { <div class="alert alert-success" role="status">{t(key)}</div> })}
            <section class="panel customer-status" aria-labelledby="status-h">
                <p class="eyebrow">{tr_with(locale, "customer.ticket_number", &[("number", &ticket.number)])}</p>
                <h1 id="status-h" class=format!("phase phase-{}", phase.as_str())>{t(phase.label_key())}</h1>
                <p class="phase-hint">{t(&format!("customer.hint.{}", phase.as_str()))}</p>
                <dl class="facts">
                    {fact("customer.technician", ticket.technician.clone())}
                    {fact("customer.appointment", ticket.appointment.map(minute))}
                    {fact("customer.promised_by", ticket.promised_by.map(minute))}
                </dl>
            </section>
            {super::customer_forms::quote(locale, ticket, base, forms)}
            {super::customer_forms::survey(locale, ticket, base, forms)}
            <section class="panel" aria-labelledby="product-h">
                <h2 id="product-h">{t("customer.your_request")}</h2>
                <dl class="facts">
                    {fact("ticket.company", Some(ticket.company.clone()))}
                    {fact("ticket.product_model", Some(ticket.product_model.clone()))}
                    {fact("ticket.serial_number", ticket.serial_number.clone())}
                    {fact("customer.service", Some(t(ticket.service_type.label_key())))}
                </dl>
            </section>
            <section class="panel" aria-labelledby="timeline-h">
                <h2 id="timeline-h">{t("customer.progress")}</h2>
                <ol class="timeline">{timeline}</ol>
            </section>
            {super::customer_forms::messages(locale, ticket, base, forms)}
            <p class="muted customer-foot">{t("customer.foot")}</p>
        </main>
    }
    .into_any()
}
