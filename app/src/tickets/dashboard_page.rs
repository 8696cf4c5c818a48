//! `/dashboard`: the supervisor's view of open work.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{DashboardCounts, load_dashboard};
use crate::app::page_title;
use crate::components::ErrorNotice;
use crate::i18n::use_i18n;
use crate::live::{LiveHandlers, LiveIndicator, Topic, use_live};

/// Counts of open work by state and by service type; each links to the filtered list.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let refresh = RwSignal::new(0u32);
    let counts = Resource::new(move || refresh.get(), |_| load_dashboard());
    let live = use_live(Topic::Dashboard, LiveHandlers::refetch(move || refresh.update(|n| *n += 1)));
    view! {
        {page_title("dashboard.title")}
        <div class="page-head"><h1>{move || i18n.t("dashboard.title")}</h1><LiveIndicator status=live /></div>
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match counts.await {
                    Ok(counts) => view! { <Counts counts /> }.into_any(),
                    Err(error) => view! { <ErrorNotice kind=error.kind() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Counts(counts: DashboardCounts) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="tiles">
            <div class="tile"><span class="tile-n">{counts.open_total}</span><span>{move || i18n.t("dashboard.open")}</span></div>
            <div class="tile urgent"><span class="tile-n">{counts.urgent_open}</span><span>{move || i18n.t("dashboard.urgent")}</span></div>
            <div class="tile"><span class="tile-n">{counts.registered_today}</span><span>{move || i18n.t("dashboard.today")}</span></div>
        </div>
        <div class="grid-2">
            <section class="panel">
                <h2>{move || i18n.t("dashboard.by_status")}</h2>
                <ul class="count-list">
                    {counts.open_by_status.into_iter().map(|(status, n)| view! {
                        <li><A href=format!("/tickets?status={}", status.as_str())>{move || i18n.t(status.label_key())}</A><span>{n}</span></li>
                    }).collect_view()}
                </ul>
            </section>
            <section class="panel">
                <h2>{move || i18n.t("dashboard.by_type")}</h2>
                <ul class="count-list">
                    {counts.open_by_type.into_iter().map(|(t, n)| view! {
                        <li><A href=format!("/tickets?type={}", t.as_str())>{move || i18n.t(t.label_key())}</A><span>{n}</span></li>
                    }).collect_view()}
                </ul>
            </section>
        </div>
    }
}
