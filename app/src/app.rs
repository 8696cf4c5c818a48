//! The document shell, the app frame (header, navigation) and the routes.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::{AppHeader, NotFound};
use crate::i18n::{provide_i18n, use_i18n};
use crate::tickets::{IntakePage, TicketDetailPage, TicketListPage};

/// The HTML document around the app; rendered on the server only, in the request's language.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let lang = crate::i18n::request_locale_tag();
    #[cfg(not(feature = "ssr"))]
    let lang = "zh-CN";
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The whole application: frame and routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = provide_i18n();
    view! {
        <Stylesheet id="leptos" href="/pkg/afterdesk.css" />
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg" />
        <Meta name="description" content=move || i18n.t("app.description") />
        <Title formatter=move |page: String| {
            if page.is_empty() { i18n.t("app.name") } else { format!("{page} · {}", i18n.t("app.name")) }
        } />
        <Router>
            <AppHeader />
            <main id="main">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=TicketListPage ssr=SsrMode::Async />
                    <Route path=path!("/tickets") view=TicketListPage ssr=SsrMode::Async />
                    <Route path=path!("/tickets/new") view=IntakePage />
                    <Route path=path!("/tickets/:number") view=TicketDetailPage ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
    }
}

/// The translated page title, for `<Title>` inside pages.
pub fn page_title(key: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! { <Title text=move || i18n.t(key) /> }
}
