//! The big status buttons of a job: one tap queues the step (accepting asks for the agreed time
//! first). What is offered follows the workflow rules from the state the job will be in once the
//! queued actions are applied, so a technician can go on working offline.

use leptos::prelude::*;

use super::outbox_client::{new_key, now_ms};
use super::{TABLET_STEPS, tablet_label_key, use_outbox};
use crate::domain::outbox::{Intent, NewAction, QueueRefusal};
use crate::domain::workflow::{self, Actor, Facts, Step};
use crate::domain::{Role, ServiceType, TicketStatus};
use crate::i18n::use_i18n;

/// What the step bar needs to know of the job as the server last said.
#[derive(Debug, Clone, PartialEq)]
pub struct JobFacts {
    pub number: String,
    pub service_type: ServiceType,
    pub status: TicketStatus,
    pub version: u64,
    /// The workflow facts from the service records (report filed, quote approved…).
    pub facts: Facts,
    /// The customer's preferred time, to prefill the appointment.
    pub appointment: Option<chrono::NaiveDateTime>,
}

fn technician() -> Actor {
    Actor { roles: vec![Role::Technician], is_assigned_technician: true }
}

/// The buttons, and the appointment field when accepting.
#[component]
pub fn StepBar(
    job: JobFacts,
    /// Open while the agreed time is being chosen (the page holds back news meanwhile).
    scheduling: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let job = StoredValue::new(job);
    let projected = Memo::new(move |_| {
        job.with_value(|j| outbox.queue.with(|q| q.projected_status(&j.number, (j.status, j.version))))
    });
    let report_known = move || {
        job.with_value(|j| j.facts.has_service_report || outbox.queue.with(|q| q.has_report(&j.number)))
    };
    let blocked = move || job.with_value(|j| outbox.queue.with(|q| q.blocked(&j.number).is_some()));
    let steps = move || {
        let from = projected.get();
        let service_type = job.with_value(|j| j.service_type);
        let open = workflow::available(service_type, from, &technician());
        TABLET_STEPS.into_iter().filter(|s| open.contains(s)).collect::<Vec<_>>()
    };
    let message = RwSignal::new(None::<String>);
    let appointment =
        RwSignal::new(job.with_value(|j| {
            j.appointment.map(|a| a.format("%Y-%m-%dT%H:%M").to_string()).unwrap_or_default()
        }));
    let take = move |step: Step, when: String| {
        let (number, service_type, status, version, mut facts) =
            job.with_value(|j| (j.number.clone(), j.service_type, j.status, j.version, j.facts.clone()));
        facts.has_service_report = report_known();
        let from = projected.get_untracked();
        let to = match workflow::check(service_type, from, step, &technician(), &facts) {
            Ok(to) => to,
            Err(refusal) => return message.set(Some(i18n.t(refusal.message_key()))),
        };
        let action = NewAction {
            id: new_key(),
            number,
            intent: Intent::Step { step, appointment: when.replacen('T', " ", 1) },
            server_version: version,
            server_status: status,
            to,
            now_ms: now_ms(),
        };
        match outbox.push(action) {
            Ok(()) => {
                message.set(None);
                scheduling.set(false);
            }
            Err(QueueRefusal::Full) => message.set(Some(i18n.t("tablet.queue_full"))),
            Err(QueueRefusal::JobBlocked) => message.set(Some(i18n.t("tablet.settle_first"))),
        }
    };
    view! {
        <div class="step-bar" role="group" aria-label=move || i18n.t("tablet.steps_label")>
            {move || {
                let steps = steps();
                if steps.is_empty() {
                    return view! { <p class="muted">{i18n.t("tablet.no_steps")}</p> }.into_any();
                }
                steps.into_iter().map(|step| {
                    let label = tablet_label_key(step);
                    let needs_report = step == Step::Resolve
                        && job.with_value(|j| workflow::needs_service_report(j.service_type))
                        && !report_known();
                    let wire = serde_json::to_value(step).ok().and_then(|v| v.as_str().map(str::to_owned));
                    view! {
                        <button
                            type="button"
                            class="step-btn"
                            data-step=wire
                            disabled=move || blocked() || needs_report
                            on:click=move |_| {
                                if step == Step::Schedule {
                                    scheduling.set(true);
                                } else {
                                    take(step, String::new());
                                }
                            }
                        >
                            {i18n.t(&label)}
                        </button>
                        {needs_report.then(|| view! { <p class="muted step-hint">{i18n.t("tablet.report_first")}</p> })}
                    }
                }).collect_view().into_any()
            }}
        </div>
        {move || scheduling.get().then(|| view! {
            <div class="panel schedule-sheet">
                <label for="appointment">{i18n.t("tablet.appointment_label")}</label>
                <input id="appointment" type="datetime-local" prop:value=move || appointment.get()
                    on:input=move |ev| appointment.set(event_target_value(&ev)) />
                <div class="actions">
                    <button type="button" class="touch-btn primary" on:click=move |_| {
                        let when = appointment.get_untracked();
                        if when.trim().is_empty() {
                            message.set(Some(i18n.t("tablet.appointment_needed")));
                        } else {
                            take(Step::Schedule, when);
                        }
                    }>{i18n.t("tablet.confirm_accept")}</button>
                    <button type="button" class="touch-btn" on:click=move |_| scheduling.set(false)>{i18n.t("tablet.cancel")}</button>
                </div>
            </div>
        })}
        {move || message.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
    }
}
