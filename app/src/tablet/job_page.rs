//! `/jobs/SV-…`: one job on the tablet: who, where and what, the status buttons, the queue of actions
//! not yet sent, the on-site report, and the unit's earlier services. Readable offline once loaded.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::outbox_panel::JobQueue;
use super::photo_client::{PhotoButtons, PhotoStrip, PhotoTarget};
use super::report_form::{ReportTarget, TouchReportForm};
use super::signature_pad::SignatureDrawing;
use super::step_bar::{JobFacts, StepBar};
use super::{JobView, PastService, SyncBar, load_job, map_href, use_outbox};
use crate::components::{ErrorNotice, NotFound, set_status};
use crate::domain::outbox::Intent;
use crate::domain::photo::PhotoStage;
use crate::domain::service::ServiceAction;
use crate::domain::service::report::{PartInput, ReportContent, ReportInput};
use crate::domain::workflow::{Actor, needs_service_report};
use crate::domain::{Role, TicketNumber, TicketStatus};
use crate::error::TicketError;
use crate::i18n::use_i18n;
use crate::live::{LiveHandlers, LiveIndicator, Topic, use_live};
use crate::tickets::{ClockList, StatusBadge, format_time};

/// The job page.
#[component]
pub fn JobPage() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let params = use_params_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let refresh = RwSignal::new(0u32);
    // While the technician fills the report, re-reading the job would rebuild the form under their
    // fingers: the news waits until the report is saved (the outbox keeps versions right meanwhile).
    let editing = RwSignal::new(false);
    // The same while the appointment is being chosen.
    let choosing = RwSignal::new(false);
    let stale = RwSignal::new(false);
    let refetch = move || {
        if editing.get_untracked() || choosing.get_untracked() {
            stale.set(true);
        } else {
            refresh.update(|n| *n += 1);
        }
    };
    Effect::new(move |_| {
        if !editing.get() && !choosing.get() && stale.get_untracked() {
            stale.set(false);
            refresh.update(|n| *n += 1);
        }
    });
    Effect::new(move |seen: Option<u32>| {
        let applied = outbox.applied.get();
        if seen.is_some_and(|s| s != applied) {
            refetch();
        }
        applied
    });
    let job = Resource::new(move || (number(), refresh.get()), |(n, _)| load_job(n));
    let topic = TicketNumber::parse(&number()).map(Topic::Ticket).unwrap_or(Topic::Jobs);
    let live = use_live(topic, LiveHandlers::refetch(refetch));
    view! {
        <div class="page-head tablet-head">
            <a class="touch-btn back" href="/jobs">{move || i18n.t("tablet.back")}</a>
            <h1>{number}</h1>
            <LiveIndicator status=live />
        </div>
        <SyncBar />
        // Outside the job itself: the queue and any conflict stay in view even when the job can no
        // longer be read (given to someone else meanwhile).
        {move || view! { <JobQueue number=number() /> }}
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match job.await {
                    Ok((view, cached)) => view! { <JobBody view cached editing choosing /> }.into_any(),
                    Err(TicketError::NotFound { .. }) => view! { <NotFound /> }.into_any(),
                    Err(error) => {
                        set_status(error.kind().status());
                        view! { <ErrorNotice kind=error.kind() /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn JobBody(view: JobView, cached: bool, editing: RwSignal<bool>, choosing: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    super::attach_and_keep(view.me.clone(), (!cached).then(|| view.clone()), super::storage::save_job);
    let saved_at = format_time(&view.read_at);
    let detail = view.detail;
    let t = detail.ticket.clone();
    let number = t.number.to_string();
    let (server_status, server_version) = (t.status, t.version);
    let service_state = detail.service.state();
    let facts = JobFacts {
        number: number.clone(),
        service_type: t.service_type,
        status: t.status,
        version: t.version,
        facts: service_state.workflow_facts(),
        appointment: t.appointment,
    };
    let key = number.clone();
    let projected =
        Memo::new(move |_| outbox.queue.with(|q| q.projected_status(&key, (server_status, server_version))));
    let key = number.clone();
    let queued_report = move || {
        outbox.queue.with(|q| {
            q.of_job(&key)
                .filter_map(|e| match &e.intent {
                    Intent::Report { report } => Some(report.clone()),
                    _ => None,
                })
                .last()
        })
    };
    let filed = detail.service.report.clone();
    let start =
        queued_report().or_else(|| filed.as_ref().map(|r| input_from(&r.content))).unwrap_or_default();
    let technician = Actor { roles: vec![Role::Technician], is_assigned_technician: true };
    let service_type = t.service_type;
    let report_check = move || {
        crate::domain::service::check(
            service_type,
            projected.get(),
            ServiceAction::FileReport,
            &technician,
            &service_state,
        )
    };
    let class = detail.service.warranty.as_ref().map(|w| w.decision.class);
    let charges_fen = detail.service.charges_fen();
    let target = ReportTarget {
        number: number.clone(),
        status: t.status,
        version: t.version,
        start,
        parts: view.parts,
        class,
        charges_fen,
        serial: t.serial_number.clone(),
        me: view.me.clone(),
        issued: detail
            .requisitions
            .iter()
            .filter(|r| r.status == crate::parts::RequisitionStatus::Issued)
            .flat_map(|r| r.lines.clone())
            .collect(),
    };
    let photo_target = PhotoTarget { number: number.clone(), status: t.status, version: t.version };
    let photos: Vec<(PhotoStage, String)> = detail
        .events
        .iter()
        .filter_map(|e| {
            let stage = PhotoStage::ALL.into_iter().find(|s| e.record.as_deref() == Some(s.record()))?;
            Some((stage, e.note.clone()?))
        })
        .collect();
    let print_href = format!("/tickets/{number}/report");
    let ticket_href = format!("/tickets/{number}");
    let phone_href = format!("tel:{}", t.phone.replace([' ', '-'], ""));
    let map = t.address.as_deref().map(map_href);
    let asset_href = t.serial_number.as_ref().map(|s| format!("/assets/{}", crate::tickets::encode_query(s)));
    view! {
        {cached.then(|| view! {
            <p class="panel notice offline-copy" role="status">{move || i18n.t_with("tablet.offline_copy", &[("at", &saved_at)])}</p>
        })}
        <div class="job-layout">
            <div class="job-facts">
                <section class="panel" aria-labelledby="customer-h">
                    <h2 id="customer-h">{t.company.clone()}</h2>
                    <div class="job-links">
                        <a class="touch-btn" href=phone_href>{move || i18n.t("tablet.call")} " " {t.contact_name.clone()}</a>
                        {map.map(|href| view! { <a class="touch-btn" href=href target="_blank" rel="noopener">{move || i18n.t("tablet.map")}</a> })}
                    </div>
                    <dl class="facts">
                        <crate::tickets::Fact label="ticket.address" value=t.address.clone() />
                        <crate::tickets::Fact label="change.appointment" value=t.appointment.map(|a| a.format("%Y-%m-%d %H:%M").to_string()) />
                        <crate::tickets::Fact label="ticket.preferred_time" value=t.preferred_time.clone() />
                        <crate::tickets::Fact label="workflow.bring" value=t.bring.clone() />
                    </dl>
                </section>
                <section class="panel" aria-labelledby="unit-h">
                    <h2 id="unit-h">{t.product_model.clone()}</h2>
                    <p>{move || i18n.t("ticket.serial_number")} ": "
                        {match (t.serial_number.clone(), asset_href) {
                            (Some(serial), Some(href)) => view! { <a href=href>{serial}</a> }.into_any(),
                            _ => view! { "—" }.into_any(),
                        }}
                    </p>
                    <p class="pre fault">{t.fault_description.clone()}</p>
                </section>
                <section class="panel" aria-labelledby="clocks-h">
                    <h2 id="clocks-h">{move || i18n.t("clock.title")}</h2>
                    <ClockList clocks=detail.clocks.clone() />
                </section>
                <PastServices history=view.history />
            </div>
            <div class="job-work">
                <section class="panel" aria-labelledby="status-h">
                    <h2 id="status-h">{move || i18n.t("tablet.status")} " " {move || view! { <StatusBadge status=projected.get() /> }}</h2>
                    <StepBar job=facts scheduling=choosing />
                </section>
                <section class="panel" aria-labelledby="photos-h">
                    <h2 id="photos-h">{move || i18n.t("tablet.photos")}</h2>
                    <PhotoStrip number=number.clone() stored=photos />
                    {t.status.is_open().then(|| view! { <PhotoButtons target=photo_target /> })}
                </section>
                {move || match (report_check(), projected.get()) {
                    (Ok(()), _) => view! { <TouchReportForm target=target.clone() editing /> }.into_any(),
                    (Err(refusal), TicketStatus::InProgress) if needs_service_report(service_type) => view! {
                        <p class="panel notice">{i18n.t(refusal.message_key())} " " <a href=ticket_href.clone()>{i18n.t("tablet.open_ticket")}</a></p>
                    }.into_any(),
                    _ => ().into_any(),
                }}
                {filed.map(|r| view! {
                    <section class="panel" aria-labelledby="filed-h">
                        <h2 id="filed-h">{move || i18n.t("tablet.report_filed")}</h2>
                        <p>{r.content.work_done.clone()}</p>
                        {(!r.content.signature.is_empty()).then(|| view! {
                            <SignatureDrawing strokes=r.content.signature.clone() label=r.content.signed_by.clone() />
                        })}
                        <p><a class="touch-btn" href=print_href>{move || i18n.t("report.print")}</a></p>
                    </section>
                })}
            </div>
        </div>
    }
}

/// The unit's earlier services, newest first.
#[component]
fn PastServices(history: Vec<PastService>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel" aria-labelledby="history-h">
            <h2 id="history-h">{move || i18n.t("tablet.history")}</h2>
            {if history.is_empty() {
                view! { <p class="muted">{move || i18n.t("tablet.history_none")}</p> }.into_any()
            } else {
                view! {
                    <ol class="history">
                        {history.into_iter().map(|h| view! {
                            <li>
                                <p><a href=format!("/tickets/{}", h.number)>{h.number.clone()}</a> " "
                                    <span class="muted">{format_time(&h.created_at)}</span> " "
                                    {move || i18n.t(h.service_type.label_key())} " · " <StatusBadge status=h.status />
                                </p>
                                {h.fault_cause.clone().map(|c| view! { <p><strong>{move || i18n.t("service.field.fault_cause")}</strong> ": " {c}</p> })}
                                {h.work_done.clone().map(|w| view! { <p><strong>{move || i18n.t("service.field.work_done")}</strong> ": " {w}</p> })}
                                {h.technician.clone().map(|by| view! { <p class="muted">{by}</p> })}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

/// A filed report as the form's starting point.
fn input_from(c: &ReportContent) -> ReportInput {
    ReportInput {
        fault_cause: c.fault_cause.clone(),
        work_done: c.work_done.clone(),
        parts: c
            .parts
            .iter()
            .map(|p| PartInput {
                name: p.name.clone(),
                code: p.code.clone().unwrap_or_default(),
                quantity: p.quantity.to_string(),
                old_part: serde_json::to_value(p.old_part)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
            })
            .collect(),
        work_minutes: c.work_minutes.to_string(),
        travel_minutes: c.travel_minutes.to_string(),
        customer_opinion: c.customer_opinion.clone().unwrap_or_default(),
        signed_by: c.signed_by.clone(),
        signature: c.signature.clone(),
    }
}
