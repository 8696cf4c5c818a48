use leptos::prelude::*;

use crate::error::ErrorKind;
use crate::i18n::use_i18n;

/// A localized message for a failed request, announced to screen readers.
#[component]
pub fn ErrorNotice(kind: ErrorKind) -> impl IntoView {
    let i18n = use_i18n();
    let key = kind.message_key();
    view! {
        <div class="alert alert-error" role="alert">
            {move || i18n.t(key)}
        </div>
    }
}
