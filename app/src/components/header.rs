use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{LanguageSwitch, use_i18n};

/// The top bar on every page: product name, main navigation, language switch.
#[component]
pub fn AppHeader() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">{move || i18n.t("nav.skip_to_content")}</a>
        <header class="app-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"AD"</span>
                <span class="brand-name">{move || i18n.t("app.name")}</span>
            </a>
            <nav aria-label=move || i18n.t("nav.main")>
                <A href="/tickets" exact=true>{move || i18n.t("nav.tickets")}</A>
                <A href="/tickets/new">{move || i18n.t("nav.new_ticket")}</A>
            </nav>
            <LanguageSwitch />
        </header>
    }
}
