//! The dashboard's two boards: where each technician is, and what just happened.

use leptos::prelude::*;
use leptos_router::components::A;

use super::page::Highlighter;
use super::{FeedItem, TechnicianRow};
use crate::i18n::use_i18n;
use crate::tickets::widgets::StatusBadge;

/// Each technician's current job, open jobs and next appointment.
#[component]
pub(super) fn TechnicianBoard(rows: Vec<TechnicianRow>, marks: Highlighter) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel" aria-labelledby="techs-h">
            <h2 id="techs-h">{move || i18n.t("dashboard.technicians")}</h2>
            <table class="board">
                <thead><tr>
                    <th scope="col">{move || i18n.t("dashboard.tech_name")}</th>
                    <th scope="col">{move || i18n.t("dashboard.tech_current")}</th>
                    <th scope="col" class="num">{move || i18n.t("dashboard.tech_open")}</th>
                    <th scope="col">{move || i18n.t("dashboard.tech_next")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let state = row.current.as_ref().map(|j| format!("{}:{}", j.number, j.status.as_str()));
                        let changed = marks.changed(&format!("tech:{}", row.username),
                            format!("{state:?}/{}/{:?}", row.open_jobs, row.next_appointment));
                        view! {
                            <tr class:changed=changed>
                                <th scope="row">{row.display_name}</th>
                                <td>{match row.current {
                                    Some(job) => view! {
                                        <A href=format!("/tickets/{}", job.number)>{job.number.clone()}</A>
                                        " " <StatusBadge status=job.status />
                                        <span class="muted board-company">{job.company}</span>
                                    }.into_any(),
                                    None => view! { <span class="muted">{move || i18n.t("dashboard.tech_idle")}</span> }.into_any(),
                                }}</td>
                                <td class="num">{row.open_jobs}</td>
                                <td>{row.next_appointment.unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// An event's time: the hour on the day it is, the date too before.
fn when(item: &FeedItem, today: chrono::NaiveDate) -> String {
    let format = if item.at.date_naive() == today { "%H:%M" } else { "%m-%d %H:%M" };
    item.at.format(format).to_string()
}

/// The latest events, newest first.
#[component]
pub(super) fn Feed(items: Vec<FeedItem>, today: chrono::NaiveDate, marks: Highlighter) -> impl IntoView {
    let i18n = use_i18n();
    let empty = items.is_empty();
    // New entries are those newer than the newest shown before.
    let newest = items.first().map(|i| i.at.timestamp_micros()).unwrap_or_default();
    let before = marks.previous("feed:newest").and_then(|v| v.parse::<i64>().ok());
    marks.changed("feed:newest", newest);
    view! {
        <section class="panel" aria-labelledby="feed-h">
            <h2 id="feed-h">{move || i18n.t("dashboard.feed")}</h2>
            {empty.then(|| view! { <p class="muted">{move || i18n.t("dashboard.feed_empty")}</p> })}
            <ol class="feed">
                {items.into_iter().map(|item| {
                    let fresh = before.is_some_and(|b| item.at.timestamp_micros() > b);
                    let what = match item.step {
                        Some(step) => step.label_key(),
                        None => item.to_status.label_key().to_owned(),
                    };
                    view! {
                        <li class:changed=fresh>
                            <time datetime=item.at.to_rfc3339()>{when(&item, today)}</time>
                            <A href=format!("/tickets/{}", item.number)>{item.number.clone()}</A>
                            <span class="feed-what">{move || i18n.t(&what)}</span>
                            <span class="muted">{format!("{} · {}", item.actor, item.company)}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
