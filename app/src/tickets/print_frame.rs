//! The frame every printable form of a ticket shares: load the ticket named in the URL, offer "back"
//! and "print" (never printed), and show the form, or 404 when the ticket has no such form.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{TicketDetail, get_ticket};
use crate::components::{ErrorNotice, NotFound, set_status};
use crate::error::TicketError;
use crate::i18n::use_i18n;

/// Shows `paper(detail)` when `has_form(&detail)`, else the not-found page.
#[component]
pub fn PrintFrame(has_form: fn(&TicketDetail) -> bool, paper: fn(TicketDetail) -> AnyView) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let detail = Resource::new(move || params.with(|p| p.get("number").unwrap_or_default()), get_ticket);
    view! {
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) if has_form(&d) => {
                        let back = format!("/tickets/{}", d.ticket.number);
                        view! {
                            <div class="no-print print-actions">
                                <a class="button" href=back>{move || i18n.t("report.back")}</a>
                                <button type="button" class="button primary" on:click=move |_| {
                                    if let Some(w) = web_sys::window() { let _ = w.print(); }
                                }>{move || i18n.t("report.print_now")}</button>
                            </div>
                            {paper(d)}
                        }
                        .into_any()
                    }
                    Ok(_) | Err(TicketError::NotFound { .. }) => view! { <NotFound /> }.into_any(),
                    Err(error) => {
                        set_status(error.kind().status());
                        view! { <ErrorNotice kind=error.kind() /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
