//! The on-site service report for touch: big fields, parts picked from the catalogue by name or code,
//! minutes, the customer's opinion and their drawn signature. Checked on the tablet with the same
//! rules the server applies, then queued in the outbox like every other action.

use leptos::prelude::*;

use super::outbox_client::{new_key, now_ms};
use super::parts_picker::PartsPicker;
use super::signature_pad::SignaturePad;
use super::use_outbox;
use crate::domain::FieldError;
use crate::domain::TicketStatus;
use crate::domain::outbox::{Intent, NewAction, QueueRefusal};
use crate::domain::service::report::ReportInput;
use crate::i18n::use_i18n;

/// What the form starts from and where it queues to.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportTarget {
    pub number: String,
    pub status: TicketStatus,
    pub version: u64,
    /// The report to start from: a queued one, else the one filed.
    pub start: ReportInput,
    /// The catalogue as `(code, name)`.
    pub parts: Vec<(String, String)>,
    /// The service class (warranty decision) and what the customer pays: the approved quote's total
    /// for charged work, nothing otherwise. The server decides both; the form only shows them.
    pub class: Option<crate::domain::service::ChargeClass>,
    pub charges_fen: u64,
    /// The job's unit, to check a scanned label against.
    pub serial: Option<String>,
    /// The technician, whose draft of this report the browser keeps.
    pub me: String,
    /// The parts the warehouse issued to this job: the catalogue parts the report may use.
    pub issued: Vec<crate::domain::parts::PartQuantity>,
}

/// The form.
#[component]
pub fn TouchReportForm(
    target: ReportTarget,
    /// Set while the form holds changes not yet queued (the page holds back re-reading the job).
    editing: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let start = target.start.clone();
    let text = |s: &str| RwSignal::new(s.to_owned());
    let fault_cause = text(&start.fault_cause);
    let work_done = text(&start.work_done);
    let work_minutes = text(&start.work_minutes);
    let travel_minutes = text(&start.travel_minutes);
    let opinion = text(&start.customer_opinion);
    let signed_by = text(&start.signed_by);
    let signature = RwSignal::new(start.signature.clone());
    let next_row = StoredValue::new(start.parts.len() as u32);
    let rows = RwSignal::new(
        start.parts.iter().enumerate().map(|(i, p)| (i as u32, RwSignal::new(p.clone()))).collect::<Vec<_>>(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saved = RwSignal::new(false);
    let owner = StoredValue::new((target.me.clone(), target.number.clone()));
    let current = move || ReportInput {
        fault_cause: fault_cause.get_untracked(),
        work_done: work_done.get_untracked(),
        parts: rows.with_untracked(|r| r.iter().map(|(_, p)| p.get_untracked()).collect()),
        work_minutes: work_minutes.get_untracked(),
        travel_minutes: travel_minutes.get_untracked(),
        customer_opinion: opinion.get_untracked(),
        signed_by: signed_by.get_untracked(),
        signature: signature.get_untracked(),
    };
    // A draft left by a reload or a crash comes back (in the browser, after hydration).
    Effect::new(move |_| {
        let Some(draft) = owner.with_value(|(me, number)| super::storage::load_draft(me, number)) else {
            return;
        };
        fault_cause.set(draft.fault_cause);
        work_done.set(draft.work_done);
        work_minutes.set(draft.work_minutes);
        travel_minutes.set(draft.travel_minutes);
        opinion.set(draft.customer_opinion);
        signed_by.set(draft.signed_by);
        signature.set(draft.signature);
        next_row.set_value(draft.parts.len() as u32);
        rows.set(draft.parts.into_iter().enumerate().map(|(i, p)| (i as u32, RwSignal::new(p))).collect());
    });
    Effect::new(move |first: Option<()>| {
        fault_cause.track();
        work_done.track();
        work_minutes.track();
        travel_minutes.track();
        opinion.track();
        signed_by.track();
        signature.track();
        rows.track();
        if first.is_some() {
            editing.set(true);
            saved.set(false);
            owner.with_value(|(me, number)| super::storage::save_draft(me, number, &current()));
        }
    });
    on_cleanup(move || {
        let _ = editing.try_set(false);
    });
    let error_for = move |field: &'static str| {
        move || {
            errors.with(|e| e.iter().find(|f| f.field == field && f.line.is_none()).map(|f| i18n.t(&f.code)))
        }
    };
    let (number, status, version) = (target.number.clone(), target.status, target.version);
    let usage = StoredValue::new((target.issued.clone(), target.parts.clone()));
    let save = move |_| {
        let report = current();
        // The server's own checks, so that a report that would be refused is fixed here, not
        // discovered later from the outbox.
        let mut found = match report.check() {
            Err(fields) => fields,
            Ok(content) => usage
                .with_value(|(issued, catalogue)| {
                    crate::domain::parts::check_usage(&content.parts, issued, |code| {
                        catalogue.iter().any(|(c, _)| c == code)
                    })
                })
                .err()
                .into_iter()
                .collect(),
        };
        if report.signature.is_empty() {
            found.push(FieldError::new("signature", "tablet.signature_needed"));
        }
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        errors.set(Vec::new());
        let action = NewAction {
            id: new_key(),
            number: number.clone(),
            intent: Intent::Report { report },
            server_version: version,
            server_status: status,
            to: outbox.queue.with_untracked(|q| q.projected_status(&number, (status, version))),
            now_ms: now_ms(),
        };
        match outbox.push(action) {
            Ok(()) => {
                owner.with_value(|(me, number)| super::storage::clear_draft(me, number));
                saved.set(true);
                editing.set(false);
            }
            Err(QueueRefusal::Full) => errors.set(vec![FieldError::new("report", "tablet.queue_full")]),
            Err(QueueRefusal::JobBlocked) => {
                errors.set(vec![FieldError::new("report", "tablet.settle_first")])
            }
        }
    };
    let field = move |id: &'static str, label: &'static str, value: RwSignal<String>, numeric: bool| {
        view! {
            <div class="field">
                <label for=id>{move || i18n.t(label)}</label>
                <input id=id type="text" inputmode=if numeric { "numeric" } else { "text" } prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
                {move || error_for(id)().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
        }
    };
    let area = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <div class="field wide">
                <label for=id>{move || i18n.t(label)}</label>
                <textarea id=id rows="3" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
                {move || error_for(id)().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
        }
    };
    view! {
        <section class="panel touch-report" aria-labelledby="report-h">
            <h2 id="report-h">{move || i18n.t("report.title")}</h2>
            {move || (!errors.with(Vec::is_empty)).then(|| view! {
                <p class="form-error" role="alert">{i18n.t("tablet.report_fix")}</p>
            })}
            {area("fault_cause", "service.field.fault_cause", fault_cause)}
            {area("work_done", "service.field.work_done", work_done)}
            <PartsPicker rows next_row catalogue=target.parts.clone() issued=target.issued.clone() serial=target.serial.clone() errors />
            <p class="charges">
                <strong>{move || i18n.t("report.class")}</strong> ": "
                {target.class.map(|c| view! { {c.letter().to_string()} " · " {move || i18n.t(c.label_key())} })}
                " · " <strong>{move || i18n.t("report.charges")}</strong> ": "
                {format!("¥{}", crate::domain::service::quote::format_yuan(target.charges_fen))}
            </p>
            <div class="field-row">
                {field("work_minutes", "service.field.work_minutes", work_minutes, true)}
                {field("travel_minutes", "service.field.travel_minutes", travel_minutes, true)}
            </div>
            {area("customer_opinion", "service.field.customer_opinion", opinion)}
            {field("signed_by", "service.field.signed_by", signed_by, false)}
            <div class="field wide">
                <p class="label">{move || i18n.t("report.customer_signature")}</p>
                <SignaturePad strokes=signature />
                {move || error_for("signature")().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            {move || error_for("report")().map(|m| view! { <p class="form-error">{m}</p> })}
            <div class="actions">
                <button type="button" class="step-btn" on:click=save>{move || i18n.t("tablet.report_save")}</button>
                {move || saved.get().then(|| view! { <span class="saved-note" role="status">{i18n.t("tablet.report_queued")}</span> })}
            </div>
        </section>
    }
}
