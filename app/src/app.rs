//! The document shell, the app frame (header, navigation) and the routes.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{SsrMode, path};

use crate::assets::{AssetLabelPage, AssetListPage, AssetNewPage, AssetPage};
use crate::auth::pages::provide_me;
use crate::auth::{
    AccountPage, AuditPage, CalendarPage, SignInPage, UserEditPage, UserListPage, UserNewPage, use_me,
};
use crate::components::{AppHeader, Forbidden, NotFound};
use crate::dashboard::DashboardPage;
use crate::domain::access::{PageAccess, home_path, page_access};
use crate::i18n::{provide_i18n, use_i18n};
use crate::parts::PartsPage;
use crate::service::{ReceiptPrintPage, ReportPrintPage};
use crate::tablet::{JobPage, JobsPage, provide_outbox};
use crate::tickets::{DispatchOrderPage, IntakePage, TicketDetailPage, TicketListPage};

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
    provide_me();
    crate::tickets::provide_conflict_notice();
    provide_outbox();
    let app_name = head_text(i18n, "app.name");
    view! {
        <Stylesheet id="leptos" href="/pkg/afterdesk.css" />
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg" />
        <Meta name="description" content=head_text(i18n, "app.description") />
        <Title formatter=move |page: String| {
            let name = app_name.get().to_string();
            if page.is_empty() { name } else { format!("{page} · {name}") }
        } />
        <Router>
            <AppHeader />
            <main id="main">
                <Routes fallback=|| guarded(NotFound)()>
                    <Route path=path!("/signin") view=guarded(SignInPage) />
                    <Route path=path!("/") view=guarded(|| ()) />
                    <Route path=path!("/dashboard") view=guarded(DashboardPage) ssr=SsrMode::Async />
                    <Route path=path!("/jobs") view=guarded(JobsPage) ssr=SsrMode::Async />
                    <Route path=path!("/jobs/:number") view=guarded(JobPage) ssr=SsrMode::Async />
                    <Route path=path!("/tickets") view=guarded(TicketListPage) ssr=SsrMode::Async />
                    <Route path=path!("/tickets/new") view=guarded(IntakePage) />
                    <Route path=path!("/tickets/:number") view=guarded(TicketDetailPage) ssr=SsrMode::Async />
                    <Route path=path!("/tickets/:number/report") view=guarded(ReportPrintPage) ssr=SsrMode::Async />
                    <Route path=path!("/tickets/:number/receipt") view=guarded(ReceiptPrintPage) ssr=SsrMode::Async />
                    <Route path=path!("/tickets/:number/dispatch-order") view=guarded(DispatchOrderPage) ssr=SsrMode::Async />
                    <Route path=path!("/assets") view=guarded(AssetListPage) ssr=SsrMode::Async />
                    <Route path=path!("/assets/new") view=guarded(AssetNewPage) />
                    <Route path=path!("/assets/:serial") view=guarded(AssetPage) ssr=SsrMode::Async />
                    <Route path=path!("/assets/:serial/label") view=guarded(AssetLabelPage) ssr=SsrMode::Async />
                    <Route path=path!("/parts") view=guarded(PartsPage) ssr=SsrMode::Async />
                    <Route path=path!("/account") view=guarded(AccountPage) />
                    <Route path=path!("/admin/users") view=guarded(UserListPage) ssr=SsrMode::Async />
                    <Route path=path!("/admin/users/new") view=guarded(UserNewPage) />
                    <Route path=path!("/admin/users/:username") view=guarded(UserEditPage) ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=guarded(AuditPage) ssr=SsrMode::Async />
                    <Route path=path!("/admin/calendar") view=guarded(CalendarPage) ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
    }
}

/// The translated page title, for `<Title>` inside pages.
pub fn page_title(key: &'static str) -> impl IntoView {
    view! { <Title text=head_text(use_i18n(), key) /> }
}

/// Text for `<head>` (title, description). The server writes the head after the page, at a moment
/// that can fall outside the request's reactive arena, where reading a signal panics (and a panic
/// there left the worker thread rendering later pages without their context: in Chinese, for
/// people who chose English). So on the server it is plain text read now; in the browser it
/// follows the language switch.
fn head_text(i18n: crate::i18n::I18n, key: &'static str) -> leptos::text_prop::TextProp {
    #[cfg(feature = "ssr")]
    {
        i18n.t(key).into()
    }
    #[cfg(not(feature = "ssr"))]
    {
        (move || i18n.t(key)).into()
    }
}

/// A page behind [`Gate`].
fn guarded<V: IntoView + 'static>(page: fn() -> V) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static {
    move || view! { <Gate page /> }.into_any()
}

/// Applies the page rules of `domain::access` to the page the router shows: the server already
/// redirected first loads (see the server's session layer); this covers navigation inside the app.
#[component]
fn Gate<V: IntoView + 'static>(page: fn() -> V) -> impl IntoView {
    let me = use_me();
    let location = use_location();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let me = me.await;
                let decision = Memo::new(move |_| {
                    let subject = me.as_ref().map(|m| m.subject());
                    let must_change = me.as_ref().is_some_and(|m| m.must_change_password);
                    let path = location.pathname.get();
                    (page_access(&path, subject.as_ref(), must_change), subject.map(|s| home_path(&s).to_owned()))
                });
                move || match decision.get() {
                    (PageAccess::Forbidden, home) => {
                        view! { <Forbidden home=home.unwrap_or_else(|| "/".into()) /> }.into_any()
                    }
                    (PageAccess::SignIn, _) => {
                        let next = location.pathname.get_untracked();
                        view! { <Redirect path=format!("/signin?next={}", crate::tickets::encode_query(&next)) /> }.into_any()
                    }
                    (PageAccess::ChangePassword, _) => view! { <Redirect path="/account" /> }.into_any(),
                    (PageAccess::Redirect(to), _) => view! { <Redirect path=to /> }.into_any(),
                    _ => page().into_any(),
                }
            })}
        </Suspense>
    }
}
