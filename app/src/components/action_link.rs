//! A link shown only to people whose roles allow the action behind it.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::access::{Action, permits};
use crate::i18n::use_i18n;

/// A button-styled link to `href`, labelled with translation key `label`, for those allowed `action`.
#[component]
pub fn ActionLink(
    action: Action,
    href: String,
    label: &'static str,
    #[prop(optional)] primary: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let me = crate::auth::use_me();
    let class = if primary { "button primary" } else { "button" };
    view! {
        <Suspense>
            {move || {
                let href = href.clone();
                Suspend::new(async move {
                    let may = me.await.is_some_and(|me| permits(&me.subject(), action, None).is_ok());
                    may.then(|| view! { <A href=href attr:class=class>{move || i18n.t(label)}</A> })
                })
            }}
        </Suspense>
    }
}
