//! `/jobs`: the technician's own open jobs, the tickets dispatched to them.

use leptos::prelude::*;

use super::list_page::TicketTable;
use super::{TicketQuery, list_tickets};
use crate::app::page_title;
use crate::components::ErrorNotice;
use crate::i18n::use_i18n;
use crate::live::{LiveHandlers, LiveIndicator, Topic, use_live};

/// The jobs dispatched to the signed-in technician, newest first.
#[component]
pub fn JobsPage() -> impl IntoView {
    let i18n = use_i18n();
    let refresh = RwSignal::new(0u32);
    let jobs = Resource::new(move || refresh.get(), |_| list_tickets(TicketQuery::default()));
    let live = use_live(Topic::Jobs, LiveHandlers::refetch(move || refresh.update(|n| *n += 1)));
    view! {
        {page_title("jobs.title")}
        <div class="page-head"><h1>{move || i18n.t("jobs.title")}</h1><LiveIndicator status=live /></div>
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match jobs.await {
                    Ok(page) => {
                        let open: Vec<_> = page.items.into_iter().filter(|t| t.status.is_open()).collect();
                        if open.is_empty() {
                            view! { <p class="panel notice">{move || i18n.t("jobs.none")}</p> }.into_any()
                        } else {
                            view! { <TicketTable items=open /> }.into_any()
                        }
                    }
                    Err(error) => view! { <ErrorNotice kind=error.kind() /> }.into_any(),
                }
            })}
        </Transition>
    }
}
