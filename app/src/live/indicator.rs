//! The small "live / reconnecting / offline" badge every live page shows.

use leptos::prelude::*;

use super::LiveStatus;
use crate::i18n::use_i18n;

/// Shows where the page's live stream stands; screen readers hear when it changes.
#[component]
pub fn LiveIndicator(status: ReadSignal<LiveStatus>) -> impl IntoView {
    let i18n = use_i18n();
    let class = move || match status.get() {
        LiveStatus::Live => "live-indicator is-live",
        LiveStatus::Connecting => "live-indicator is-connecting",
        LiveStatus::Reconnecting => "live-indicator is-reconnecting",
        LiveStatus::Offline | LiveStatus::Closed | LiveStatus::SignedOut => "live-indicator is-offline",
    };
    view! {
        <span class=class aria-live="polite" data-live=move || format!("{:?}", status.get()).to_lowercase()>
            <span class="live-dot" aria-hidden="true"></span>
            {move || i18n.t(status.get().label_key())}
        </span>
    }
}
