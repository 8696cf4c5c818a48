use leptos::prelude::*;

use crate::error::TicketError;
use crate::i18n::use_i18n;

/// A localized message for a failed request, announced to screen readers.
#[component]
pub fn ErrorNotice(error: TicketError) -> impl IntoView {
    let i18n = use_i18n();
    let key = error.kind().message_key();
    view! {
        <div class="alert alert-error" role="alert">
            {move || i18n.t(key)}
        </div>
    }
}
