//! The SLA board: deadlines missed or at risk, counting down in working time every second.

use std::sync::Arc;

use chrono::{NaiveDateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;

use super::page::Highlighter;
use super::sla::{SlaBoard, SlaEntry, countdown, read, shows};
use crate::domain::sla::{ClockReading, ClockState, WorkCalendar};
use crate::i18n::use_i18n;

/// Company-local time, ticking once a second in the browser from the moment the board was read
/// (on the server, and while hydrating, it stays at that moment, so both render the same).
fn ticking_clock(read_at: NaiveDateTime) -> ReadSignal<NaiveDateTime> {
    let now = RwSignal::new(read_at);
    // The effect keeps the interval it returns (and so its ticking) until the board goes away. Effects
    // never run on the server, where a browser timer must not even be created.
    Effect::new(move |_| {
        let mounted = Utc::now();
        gloo_timers::callback::Interval::new(1_000, move || now.set(read_at + (Utc::now() - mounted)))
    });
    now.read_only()
}

fn is_working_time(calendar: &WorkCalendar, now: NaiveDateTime) -> bool {
    calendar.periods(now.date()).iter().any(|p| p.start <= now.time() && now.time() < p.end)
}

/// Deadlines missed or at risk, most urgent first; the board's counts and countdowns follow the
/// clock, so a deadline moves onto it (or turns red) the second it should.
#[component]
pub(super) fn SlaBoardPanel(board: SlaBoard, marks: Highlighter) -> impl IntoView {
    let i18n = use_i18n();
    let now = ticking_clock(board.read_at);
    let calendar = Arc::new(board.calendar);
    let entries = Arc::new(board.entries);
    let readings = {
        let (calendar, entries) = (calendar.clone(), entries.clone());
        Memo::new(move |_| {
            let now = now.get();
            entries.iter().map(|e| read(e, &calendar, now)).collect::<Vec<_>>()
        })
    };
    let count =
        move |state: ClockState| readings.with(|r| r.iter().filter(|r| r.state == state).count()).to_string();
    let after_hours = {
        let calendar = calendar.clone();
        move || !is_working_time(&calendar, now.get())
    };
    let more = board.more;
    view! {
        <section class="panel sla-board" aria-labelledby="sla-h">
            <div class="panel-head">
                <h2 id="sla-h">{move || i18n.t("dashboard.sla")}</h2>
                <span class="badge clock-breached">
                    {move || i18n.t_with("dashboard.sla_breached", &[("n", &count(ClockState::Breached))])}
                </span>
                <span class="badge clock-at_risk">
                    {move || i18n.t_with("dashboard.sla_at_risk", &[("n", &count(ClockState::AtRisk))])}
                </span>
            </div>
            <Show when=after_hours>
                <p class="muted">{move || i18n.t("dashboard.sla_after_hours")}</p>
            </Show>
            <Show when=move || readings.with(|r| !r.iter().any(shows))>
                <p class="muted">{move || i18n.t("dashboard.sla_none")}</p>
            </Show>
            <table class="board">
                <thead><tr>
                    <th scope="col">{move || i18n.t("dashboard.sla_ticket")}</th>
                    <th scope="col">{move || i18n.t("dashboard.sla_deadline")}</th>
                    <th scope="col" class="num">{move || i18n.t("dashboard.sla_left")}</th>
                    <th scope="col">{move || i18n.t("dashboard.tech_name")}</th>
                </tr></thead>
                <tbody>
                    {entries.iter().enumerate().map(|(i, entry)| {
                        let reading = move || readings.with(|r| r.get(i).cloned());
                        sla_row(entry.clone(), Signal::derive(reading), marks)
                    }).collect_view()}
                </tbody>
            </table>
            {(more > 0).then(|| view! {
                <p class="muted">{move || i18n.t_with("dashboard.sla_more", &[("n", &more.to_string())])}</p>
            })}
        </section>
    }
}

fn sla_row(entry: SlaEntry, reading: Signal<Option<ClockReading>>, marks: Highlighter) -> impl IntoView {
    let i18n = use_i18n();
    let kind_key = format!("clock.{}", wire(entry.kind));
    let changed = marks.changed(&format!("sla:{}:{}", entry.number, wire(entry.kind)), "");
    let state = move || reading.get().map_or(ClockState::OnTrack, |r| r.state);
    let left = move || match reading.get() {
        Some(r) if r.paused => i18n.t("dashboard.sla_paused"),
        Some(r) if r.state == ClockState::Breached => {
            i18n.t_with("dashboard.sla_overdue", &[("t", &countdown(r.remaining))])
        }
        Some(r) => countdown(r.remaining),
        None => String::new(),
    };
    view! {
        <tr class:changed=changed hidden=move || reading.get().is_none_or(|r| !shows(&r))>
            <th scope="row">
                <A href=format!("/tickets/{}", entry.number)>{entry.number.clone()}</A>
                <span class="muted board-company">{entry.company}</span>
            </th>
            <td>
                {move || i18n.t(&kind_key)} " "
                <span class=move || format!("badge clock-{}", wire(state()))>
                    {move || i18n.t(&format!("clock_state.{}", wire(state())))}
                </span>
            </td>
            <td class="num countdown">{left}</td>
            <td>{entry.technician.unwrap_or_else(|| "—".into())}</td>
        </tr>
    }
}

/// The snake_case name serde gives a unit variant (`at_risk`, `call_back`).
fn wire(value: impl serde::Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}
