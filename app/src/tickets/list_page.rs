//! The ticket queue: newest first, filtered by state, service type and text (and region and
//! product line, when opened from the dashboard), paged by cursor.
//! Filters live in the URL so a filtered list can be bookmarked and shared.

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use super::widgets::{StatusBadge, UrgencyBadge, format_time};
use super::{TicketQuery, TicketSummary, list_tickets};
use crate::app::page_title;
use crate::components::ErrorNotice;
use crate::domain::{ServiceType, TicketStatus};
use crate::i18n::use_i18n;
use crate::live::{LiveHandlers, LiveIndicator, Topic, use_live};

/// `/tickets`: the list with its filter bar.
#[component]
pub fn TicketListPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = move || {
        params.with(|p| TicketQuery {
            status: p.get("status").unwrap_or_default(),
            service_type: p.get("type").unwrap_or_default(),
            q: p.get("q").unwrap_or_default(),
            after: p.get("after").unwrap_or_default(),
            region: p.get("region").unwrap_or_default(),
            line: p.get("line").unwrap_or_default(),
        })
    };
    let refresh = RwSignal::new(0u32);
    let page = Resource::new(move || (query(), refresh.get()), |(query, _)| list_tickets(query));
    let live = use_live(Topic::Tickets, LiveHandlers::refetch(move || refresh.update(|n| *n += 1)));
    view! {
        {page_title("list.title")}
        <div class="page-head">
            <h1>{move || i18n.t("list.title")}</h1>
            <LiveIndicator status=live />
            <crate::components::ActionLink action=crate::domain::access::Action::CreateTicket href="/tickets/new".to_owned() label="nav.new_ticket" primary=true />
        </div>
        <FilterBar query=Signal::derive(query) />
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => {
                        let q = query();
                        let next = page.next.map(|cursor| list_href(&q, &cursor));
                        let first = (!q.after.is_empty()).then(|| list_href(&q, ""));
                        view! { <TicketTable items=page.items /> <Pager next first /> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice kind=error.kind() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The list's URL for the filters of `q`, from the page after cursor `after` (empty: the first).
pub(crate) fn list_href(q: &TicketQuery, after: &str) -> String {
    let mut pairs = Vec::new();
    let filters = [
        ("status", &q.status),
        ("type", &q.service_type),
        ("q", &q.q),
        ("region", &q.region),
        ("line", &q.line),
    ];
    for (name, value) in filters {
        if !value.is_empty() {
            pairs.push(format!("{name}={}", encode_query(value)));
        }
    }
    if !after.is_empty() {
        pairs.push(format!("after={}", encode_query(after)));
    }
    if pairs.is_empty() { "/tickets".to_owned() } else { format!("/tickets?{}", pairs.join("&")) }
}

/// Percent-encodes a query value (everything but unreserved characters).
pub fn encode_query(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
fn FilterBar(query: Signal<TicketQuery>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Form method="GET" action="/tickets" attr:class="filter-bar" attr:role="search">
            <label>
                <span>{move || i18n.t("list.filter_status")}</span>
                <select name="status" prop:value=move || query.get().status>
                    <option value="">{move || i18n.t("list.any")}</option>
                    {TicketStatus::ALL.iter().map(|s| view! {
                        <option value=s.as_str() selected=move || query.get().status == s.as_str()>
                            {move || i18n.t(s.label_key())}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <span>{move || i18n.t("list.filter_type")}</span>
                <select name="type" prop:value=move || query.get().service_type>
                    <option value="">{move || i18n.t("list.any")}</option>
                    {ServiceType::ALL.iter().map(|t| view! {
                        <option value=t.as_str() selected=move || query.get().service_type == t.as_str()>
                            {move || i18n.t(t.label_key())}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <label class="grow">
                <span>{move || i18n.t("list.search")}</span>
                <input
                    type="search"
                    name="q"
                    maxlength="100"
                    prop:value=move || query.get().q
                    placeholder=move || i18n.t("list.search_placeholder")
                />
            </label>
            <PlaceFilters query />
            <button type="submit" class="button">{move || i18n.t("list.apply")}</button>
        </Form>
    }
}

/// The region and product line the list was opened with (from the dashboard): kept by the form,
/// shown, and each removable.
#[component]
fn PlaceFilters(query: Signal<TicketQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let chip = move |name: &'static str, label: &'static str| {
        move || {
            let q = query.get();
            let (value, without) = match name {
                "region" => (q.region.clone(), TicketQuery { region: String::new(), ..q }),
                _ => (q.line.clone(), TicketQuery { line: String::new(), ..q }),
            };
            (!value.is_empty()).then(|| {
                let remove = list_href(&TicketQuery { after: String::new(), ..without }, "");
                view! {
                    <input type="hidden" name=name value=value.clone() />
                    <span class="filter-chip">
                        {move || i18n.t(label)}": "{value.clone()}
                        <a href=remove aria-label=move || i18n.t("list.remove_filter")>"×"</a>
                    </span>
                }
            })
        }
    };
    view! {
        {chip("region", "dashboard.filter_region")}
        {chip("line", "dashboard.filter_line")}
    }
}

/// The table of tickets the list and the jobs page show.
#[component]
pub(crate) fn TicketTable(items: Vec<TicketSummary>) -> impl IntoView {
    let i18n = use_i18n();
    if items.is_empty() {
        return view! { <p class="panel empty">{move || i18n.t("list.empty")}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="tickets">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t("ticket.number")}</th>
                        <th scope="col">{move || i18n.t("ticket.company")}</th>
                        <th scope="col">{move || i18n.t("ticket.product")}</th>
                        <th scope="col">{move || i18n.t("ticket.service_type")}</th>
                        <th scope="col">{move || i18n.t("ticket.urgency")}</th>
                        <th scope="col">{move || i18n.t("ticket.status")}</th>
                        <th scope="col">{move || i18n.t("ticket.created_at")}</th>
                    </tr>
                </thead>
                <tbody>
                    {items.into_iter().map(|t| {
                        let href = format!("/tickets/{}", t.number);
                        let serial = t.serial_number.clone().unwrap_or_default();
                        view! {
                            <tr>
                                <td><a class="ticket-link" href=href>{t.number.to_string()}</a></td>
                                <td>{t.company}</td>
                                <td>{t.product_model}<div class="muted small">{serial}</div></td>
                                <td>{move || i18n.t(t.service_type.label_key())}</td>
                                <td><UrgencyBadge urgency=t.urgency /></td>
                                <td><StatusBadge status=t.status /></td>
                                <td class="nowrap">{format_time(&t.created_at)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Pager(next: Option<String>, first: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="pager" aria-label=move || i18n.t("list.pages")>
            {first.map(|href| view! { <a class="button" href=href>{move || i18n.t("list.first_page")}</a> })}
            {next.map(|href| view! { <a class="button" href=href rel="next">{move || i18n.t("list.next_page")}</a> })}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_keep_the_filters_and_encode_them() {
        let q = TicketQuery { status: "new".into(), q: "苏州 a&b".into(), ..Default::default() };
        assert_eq!(
            list_href(&q, "2026-11-25T08:00:00+00:00~SV-20261125-0001"),
            "/tickets?status=new&q=%E8%8B%8F%E5%B7%9E%20a%26b&after=2026-11-25T08%3A00%3A00%2B00%3A00~SV-20261125-0001"
        );
        assert_eq!(list_href(&TicketQuery::default(), ""), "/tickets");
        let east = TicketQuery { region: "华东·苏州".into(), line: "VMC".into(), ..Default::default() };
        assert_eq!(
            list_href(&east, ""),
            "/tickets?region=%E5%8D%8E%E4%B8%9C%C2%B7%E8%8B%8F%E5%B7%9E&line=VMC"
        );
    }
}
