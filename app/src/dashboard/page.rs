//! `/dashboard`: the page a supervisor leaves open all day (wall screen or laptop).

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::components::{A, Form};
use leptos_router::hooks::use_query_map;

use super::boards::{Feed, TechnicianBoard};
use super::sla_board::SlaBoardPanel;
use super::{DashboardData, DashboardFilter, load_dashboard};
use crate::app::page_title;
use crate::components::ErrorNotice;
use crate::i18n::use_i18n;
use crate::live::{LiveHandlers, LiveIndicator, Topic, use_live};
use crate::tickets::TicketQuery;
use crate::tickets::list_page::list_href;

/// Remembers what the dashboard showed last, so that what changed since is highlighted.
#[derive(Clone, Copy)]
pub(super) struct Highlighter {
    shown: StoredValue<HashMap<String, String>>,
    /// Nothing is highlighted on the first showing.
    primed: StoredValue<bool>,
}

impl Highlighter {
    fn new() -> Self {
        Highlighter { shown: StoredValue::new(HashMap::new()), primed: StoredValue::new(false) }
    }

    /// Whether `key` now shows something other than last time; remembers `value`.
    pub(super) fn changed(&self, key: &str, value: impl ToString) -> bool {
        let value = value.to_string();
        let primed = self.primed.get_value();
        let before =
            self.shown.try_update_value(|shown| shown.insert(key.to_owned(), value.clone())).flatten();
        primed && before.as_deref() != Some(value.as_str())
    }

    /// What `key` showed last time.
    pub(super) fn previous(&self, key: &str) -> Option<String> {
        self.shown.with_value(|shown| shown.get(key).cloned())
    }

    fn primed(&self) {
        self.primed.set_value(true);
    }
}

/// The dashboard, filtered by the region and product line in its URL.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let filter = move || {
        params.with(|p| DashboardFilter {
            region: p.get("region").unwrap_or_default(),
            product_line: p.get("line").unwrap_or_default(),
        })
    };
    let refresh = RwSignal::new(0u32);
    let data = Resource::new(move || (filter(), refresh.get()), |(filter, _)| load_dashboard(filter));
    let live = use_live(Topic::Dashboard, LiveHandlers::refetch(move || refresh.update(|n| *n += 1)));
    reread_every(REREAD_MS, move || refresh.update(|n| *n += 1));
    let marks = Highlighter::new();
    view! {
        {page_title("dashboard.title")}
        <div class="page-head"><h1>{move || i18n.t("dashboard.title")}</h1><LiveIndicator status=live /></div>
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => {
                        let view = view! { <Dashboard data filter=filter() marks /> }.into_any();
                        marks.primed();
                        view
                    }
                    Err(error) => view! { <ErrorNotice kind=error.kind() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// How often the dashboard is read again with nothing changed: deadlines soon at risk are sent
/// [`super::sla::SOON`] ahead, so this must stay well within it.
const REREAD_MS: u32 = 5 * 60 * 1000;

/// Calls `reread` every `ms` while the page is open (in the browser only: the effect keeps the
/// interval it returns, and effects never run on the server).
fn reread_every(ms: u32, reread: impl Fn() + Clone + 'static) {
    Effect::new(move |_| gloo_timers::callback::Interval::new(ms, reread.clone()));
}

#[component]
fn Dashboard(data: DashboardData, filter: DashboardFilter, marks: Highlighter) -> impl IntoView {
    let i18n = use_i18n();
    let c = &data.counts;
    let today = data.sla.read_at.date();
    // The counts link to the list with the same region and product line.
    let place = TicketQuery {
        region: filter.region.clone(),
        line: filter.product_line.clone(),
        ..Default::default()
    };
    let tile = move |key: &'static str, n: u64, class: &'static str| {
        let changed = marks.changed(key, n);
        view! {
            <div class=format!("tile {class}") class:changed=changed>
                <span class="tile-n">{n}</span><span>{move || i18n.t(key)}</span>
            </div>
        }
    };
    view! {
        <Filters filter regions=data.regions product_lines=data.product_lines />
        <div class="tiles">
            {tile("dashboard.open", c.total, "")}
            {tile("dashboard.urgent", c.urgent, "urgent")}
            {tile("dashboard.today", data.registered_today, "")}
            {tile("dashboard.closed_today", data.closed_today, "")}
        </div>
        <SlaBoardPanel board=data.sla marks />
        <div class="grid-2">
            <section class="panel" aria-labelledby="by-status-h">
                <h2 id="by-status-h">{move || i18n.t("dashboard.by_status")}</h2>
                <ul class="count-list">
                    {c.by_status.iter().map(|(status, n)| {
                        let changed = marks.changed(&format!("status:{}", status.as_str()), n);
                        let href = list_href(&TicketQuery { status: status.as_str().to_owned(), ..place.clone() }, "");
                        let status = *status;
                        view! { <li class:changed=changed><A href=href>{move || i18n.t(status.label_key())}</A><span>{*n}</span></li> }
                    }).collect_view()}
                </ul>
            </section>
            <section class="panel" aria-labelledby="by-type-h">
                <h2 id="by-type-h">{move || i18n.t("dashboard.by_type")}</h2>
                <ul class="count-list">
                    {c.by_type.iter().map(|(t, n)| {
                        let changed = marks.changed(&format!("type:{}", t.as_str()), n);
                        let href = list_href(&TicketQuery { service_type: t.as_str().to_owned(), ..place.clone() }, "");
                        let t = *t;
                        view! { <li class:changed=changed><A href=href>{move || i18n.t(t.label_key())}</A><span>{*n}</span></li> }
                    }).collect_view()}
                </ul>
            </section>
        </div>
        <div class="grid-2">
            <TechnicianBoard rows=data.technicians marks />
            <Feed items=data.feed today=today marks />
        </div>
    }
}

/// Region and product-line choices; the choice lives in the URL, so a filtered dashboard can be
/// bookmarked for a wall screen.
#[component]
fn Filters(filter: DashboardFilter, regions: Vec<String>, product_lines: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let filtered = !filter.region.is_empty() || !filter.product_line.is_empty();
    let choices = move |name: &'static str, label: &'static str, all: Vec<String>, chosen: String| {
        view! {
            <label>
                <span>{move || i18n.t(label)}</span>
                <select name=name>
                    <option value="">{move || i18n.t("list.any")}</option>
                    {all.into_iter().map(|value| {
                        let selected = value == chosen;
                        view! { <option value=value.clone() selected=selected>{value.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    };
    view! {
        <Form method="GET" action="/dashboard" attr:class="filter-bar" attr:role="search">
            {choices("region", "dashboard.filter_region", regions, filter.region)}
            {choices("line", "dashboard.filter_line", product_lines, filter.product_line)}
            <button type="submit" class="button">{move || i18n.t("list.apply")}</button>
            {filtered.then(|| view! { <A href="/dashboard" attr:class="button">{move || i18n.t("dashboard.clear")}</A> })}
        </Form>
    }
}
