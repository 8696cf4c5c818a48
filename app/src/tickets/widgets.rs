//! Small pieces the ticket pages share.

use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;

use crate::domain::{TicketStatus, Urgency};
use crate::i18n::use_i18n;

/// A ticket time as shown everywhere: company-local, to the minute.
pub fn format_time(at: &DateTime<FixedOffset>) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

/// The ticket's state as a coloured label (colour is never the only cue: the text says it).
#[component]
pub fn StatusBadge(status: TicketStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("badge status-{}", status.as_str())>
            {move || i18n.t(status.label_key())}
        </span>
    }
}

/// The urgency as a label; normal and low urgency stay quiet.
#[component]
pub fn UrgencyBadge(urgency: Urgency) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("badge urgency-{}", urgency.as_str())>
            {move || i18n.t(urgency.label_key())}
        </span>
    }
}

/// A labelled value in a definition list; shows a dash when there is nothing to show.
#[component]
pub fn Fact(label: &'static str, #[prop(into)] value: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="fact">
            <dt>{move || i18n.t(label)}</dt>
            <dd>{value.unwrap_or_else(|| "—".to_owned())}</dd>
        </div>
    }
}
