use leptos::prelude::*;

use crate::app::page_title;
use crate::i18n::use_i18n;

/// Sets the HTTP status of the page being rendered on the server; does nothing in the browser.
pub fn set_status(_code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(status)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(_code))
    {
        options.set_status(status);
    }
}

/// The page for an address that leads nowhere (HTTP 404).
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let i18n = use_i18n();
    view! {
        {page_title("not_found.title")}
        <section class="panel notice">
            <h1>{move || i18n.t("not_found.title")}</h1>
            <p>{move || i18n.t("not_found.body")}</p>
            <a class="button" href="/">{move || i18n.t("forbidden.home")}</a>
        </section>
    }
}

/// The page for a signed-in person whose roles do not open this page (HTTP 403).
#[component]
pub fn Forbidden(home: String) -> impl IntoView {
    set_status(403);
    let i18n = use_i18n();
    view! {
        {page_title("forbidden.title")}
        <section class="panel notice">
            <h1>{move || i18n.t("forbidden.title")}</h1>
            <p>{move || i18n.t("forbidden.body")}</p>
            <a class="button" href=home>{move || i18n.t("forbidden.home")}</a>
        </section>
    }
}
