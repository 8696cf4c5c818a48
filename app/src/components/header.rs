use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::{Me, SignOut, use_me};
use crate::domain::access::nav_items;
use crate::i18n::{LanguageSwitch, use_i18n};

/// The top bar on every page: product name, the navigation the person's roles open, who is signed in,
/// sign-out and the language switch.
#[component]
pub fn AppHeader() -> impl IntoView {
    let i18n = use_i18n();
    let me = use_me();
    view! {
        <a class="skip-link" href="#main">{move || i18n.t("nav.skip_to_content")}</a>
        <header class="app-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"AD"</span>
                <span class="brand-name">{move || i18n.t("app.name")}</span>
            </a>
            <Suspense>
                {move || Suspend::new(async move {
                    me.await.map(|me| view! { <Navigation me /> })
                })}
            </Suspense>
            <LanguageSwitch />
        </header>
    }
}

#[component]
fn Navigation(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let items = if me.must_change_password { Vec::new() } else { nav_items(&me.subject()) };
    let sign_out = ServerAction::<SignOut>::new();
    Effect::new(move |_| {
        if sign_out.value().get().is_some() {
            // A full load drops every cached page of the signed-out person.
            let _ = window().location().assign("/signin");
        }
    });
    view! {
        <nav aria-label=move || i18n.t("nav.main")>
            {items.into_iter().map(|item| view! {
                <A href=item.href exact=true>{move || i18n.t(item.label)}</A>
            }).collect_view()}
        </nav>
        <div class="user-menu">
            <A href="/account" attr:class="user-name">{me.display_name.clone()}</A>
            <button type="button" class="button link" on:click=move |_| { sign_out.dispatch(SignOut {}); }>
                {move || i18n.t("nav.sign_out")}
            </button>
        </div>
    }
}
