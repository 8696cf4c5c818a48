//! Server functions that add service records to a ticket: the warranty decision, a quote, the
//! customer's answer to it, the service report. Each re-checks access, the rules and the version.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::{QuoteAnswerRequest, QuoteRequest, ReportRequest, WarrantyRequest};
use crate::error::TicketError;
use crate::tickets::StepDone;

#[cfg(feature = "ssr")]
mod ssr {
    use chrono::Utc;

    use crate::auth::guard::{self, Staff};
    use crate::db::service::{RecordBody, RecordWrite};
    use crate::db::workflow::{StepWritten, applied};
    use crate::domain::access::{Action, TicketFacts};
    use crate::domain::service::{self, ServiceAction};
    use crate::domain::{FieldError, TicketNumber, text::clean_optional};
    use crate::error::TicketError;
    use crate::service::{RecordTarget, Recorded, ServiceRecord};
    use crate::state::AppState;
    use crate::tickets::workflow_api::ssr::{actor, idempotency_key};
    use crate::tickets::{FieldChange, StepDone, Ticket};

    /// A request that passed access, rules and version checks.
    pub struct Checked {
        pub staff: Staff,
        pub state: AppState,
        pub ticket: Ticket,
        pub record: ServiceRecord,
        pub key: String,
    }

    /// Either the checked request, or the answer already given to the same request.
    pub enum Ready {
        Checked(Box<Checked>),
        AlreadyDone(StepDone),
    }

    /// The checks every record write shares, in the order a person can act on: who they are, the
    /// ticket, whether this request already applied, the version they saw, the rules.
    pub async fn check(target: &RecordTarget, action: ServiceAction) -> Result<Ready, TicketError> {
        let staff = guard::require(Action::UpdateTicket)?;
        let state = leptos::prelude::use_context::<AppState>().ok_or(TicketError::Internal)?;
        let not_found = || TicketError::NotFound { number: target.number.chars().take(40).collect() };
        let number = TicketNumber::parse(&target.number).map_err(|_| not_found())?;
        let key = idempotency_key(&target.idempotency_key)?.to_owned();
        let ticket =
            crate::db::tickets::get(&state.db, &number, state.tz).await?.ok_or_else(not_found)?.ticket;
        guard::require_on(
            &staff,
            Action::UpdateTicket,
            &TicketFacts::of(ticket.service_type, ticket.assignee.clone()),
        )?;
        if let Some(done) = applied(&state.db, &number.to_string(), &key).await? {
            return Ok(Ready::AlreadyDone(done));
        }
        if target.version != ticket.version {
            return Err(TicketError::Conflict { current_version: ticket.version });
        }
        let record = crate::db::service::load(&state.db, &number.to_string(), state.tz).await?;
        let who = actor(&staff, ticket.assignee.as_deref());
        service::check(ticket.service_type, ticket.status, action, &who, &record.state())
            .map_err(|refusal| TicketError::Refused { refusal })?;
        Ok(Ready::Checked(Box::new(Checked { staff, state, ticket, record, key })))
    }

    impl Checked {
        /// "Recorded by this person, now", in the company's time zone.
        pub fn recorded_now(&self) -> Recorded {
            Recorded {
                by: self.staff.display_name.clone(),
                at: Utc::now().with_timezone(&self.state.tz).fixed_offset(),
            }
        }

        /// Writes the record with the ticket's next version and its event.
        pub async fn write(
            &self,
            what: &'static str,
            body: RecordBody<'_>,
            note: Option<&str>,
            changes: &[FieldChange],
        ) -> Result<StepDone, TicketError> {
            let number = self.ticket.number.to_string();
            let write = RecordWrite {
                number: &number,
                status: self.ticket.status,
                version: self.ticket.version,
                request_key: &self.key,
                what,
                body,
                actor_name: &self.staff.display_name,
                actor_username: &self.staff.username,
                note,
                changes,
                now: Utc::now(),
            };
            match crate::db::service::write(&self.state.db, &write).await? {
                StepWritten::Done(done) => {
                    tracing::info!(%number, what, by = %self.staff.username, "service record");
                    Ok(done)
                }
                StepWritten::Stale { current_version } => Err(TicketError::Conflict { current_version }),
                StepWritten::Missing => Err(TicketError::NotFound { number }),
            }
        }
    }

    /// An optional free-text note of at most `max` characters, or the field error.
    pub fn note(raw: &str, field: &str, max: usize, errors: &mut Vec<FieldError>) -> Option<String> {
        clean_optional(raw, max).unwrap_or_else(|e| {
            errors.push(FieldError::new(field, e.code()));
            None
        })
    }

    /// One changed value for the event, when it changed.
    pub fn change(field: &str, old: Option<String>, new: Option<String>) -> Vec<FieldChange> {
        if old == new { Vec::new() } else { vec![FieldChange { field: field.into(), old, new }] }
    }
}

/// Records the warranty decision: the server decides the charge class from the facts typed (start
/// date, months, contract, seal, cause) for today's date.
#[server(prefix = "/api", endpoint = "service/warranty", input = Json)]
pub async fn decide_warranty(request: WarrantyRequest) -> Result<StepDone, TicketError> {
    use crate::db::service::RecordBody;
    use crate::domain::service::ServiceAction;
    use crate::domain::service::warranty::{WarrantyForm, decide};

    let c = match ssr::check(&request.target, ServiceAction::DecideWarranty).await? {
        ssr::Ready::AlreadyDone(done) => return Ok(done),
        ssr::Ready::Checked(c) => c,
    };
    let today = c.state.today();
    let form = WarrantyForm {
        start_date: &request.start_date,
        months: &request.months,
        contract_until: &request.contract_until,
        seal_broken: request.seal_broken,
        user_caused: request.user_caused,
    };
    let mut errors = Vec::new();
    let note = ssr::note(&request.note, "note", 500, &mut errors);
    let facts = form.check(today).map_err(|mut fields| {
        fields.append(&mut errors);
        TicketError::Invalid { fields }
    })?;
    if !errors.is_empty() {
        return Err(TicketError::Invalid { fields: errors });
    }
    let decision = decide(&facts, today);
    let record = super::WarrantyRecord { facts, decision, recorded: c.recorded_now() };
    let wire = |class: crate::domain::service::ChargeClass| {
        serde_json::to_value(class).ok().and_then(|v| v.as_str().map(str::to_owned))
    };
    let old = c.record.warranty.as_ref().and_then(|w| wire(w.decision.class));
    let changes = ssr::change("charge_class", old, wire(decision.class));
    c.write("warranty", RecordBody::Warranty(&record), note.as_deref(), &changes).await
}

/// Sends a quote for charged work; replaces an unanswered or rejected one. The server prices it.
#[server(prefix = "/api", endpoint = "service/quote", input = Json)]
pub async fn propose_quote(request: QuoteRequest) -> Result<StepDone, TicketError> {
    use crate::db::service::RecordBody;
    use crate::domain::service::ServiceAction;
    use crate::domain::service::quote::{QuoteStatus, check_lines, format_yuan, limits};

    if request.lines.len() > limits::LINES * 4 {
        return Err(TicketError::BadRequest { detail: "too many quote lines".into() });
    }
    let c = match ssr::check(&request.target, ServiceAction::ProposeQuote).await? {
        ssr::Ready::AlreadyDone(done) => return Ok(done),
        ssr::Ready::Checked(c) => c,
    };
    let mut errors = Vec::new();
    let note = ssr::note(&request.note, "note", 500, &mut errors);
    let checked = check_lines(&request.lines).map_err(|mut fields| {
        fields.append(&mut errors);
        TicketError::Invalid { fields }
    })?;
    if !errors.is_empty() {
        return Err(TicketError::Invalid { fields: errors });
    }
    let (lines, total_fen) = checked;
    let quote = super::Quote {
        lines,
        total_fen,
        status: QuoteStatus::Proposed,
        proposed: c.recorded_now(),
        answered: None,
        answer_note: None,
    };
    let old = c.record.quote.as_ref().map(|q| format!("¥{}", format_yuan(q.total_fen)));
    let changes = ssr::change("quote_total", old, Some(format!("¥{}", format_yuan(total_fen))));
    c.write("quote_proposed", RecordBody::Quote(&quote), note.as_deref(), &changes).await
}

/// Records the customer's answer to the open quote. An answered quote cannot be answered again.
#[server(prefix = "/api", endpoint = "service/quote_answer", input = Json)]
pub async fn answer_quote(request: QuoteAnswerRequest) -> Result<StepDone, TicketError> {
    use crate::db::service::RecordBody;
    use crate::domain::service::ServiceAction;
    use crate::domain::service::quote::QuoteStatus;

    let c = match ssr::check(&request.target, ServiceAction::AnswerQuote).await? {
        ssr::Ready::AlreadyDone(done) => return Ok(done),
        ssr::Ready::Checked(c) => c,
    };
    let mut errors = Vec::new();
    let note = ssr::note(&request.note, "note", 500, &mut errors);
    if !errors.is_empty() {
        return Err(TicketError::Invalid { fields: errors });
    }
    let Some(mut quote) = c.record.quote.clone() else {
        return Err(TicketError::Refused { refusal: crate::domain::workflow::StepRefusal::NoOpenQuote });
    };
    let status = if request.approved { QuoteStatus::Approved } else { QuoteStatus::Rejected };
    let changes = ssr::change(
        "quote_status",
        Some("proposed".into()),
        Some(if request.approved { "approved" } else { "rejected" }.into()),
    );
    quote.status = status;
    quote.answered = Some(c.recorded_now());
    quote.answer_note = note.clone();
    let what = if request.approved { "quote_approved" } else { "quote_rejected" };
    c.write(what, RecordBody::Quote(&quote), note.as_deref(), &changes).await
}

/// Files the service report (or amends it before the work is resolved). Charges come from the
/// approved quote for charged work and are zero otherwise: the form cannot set them.
#[server(prefix = "/api", endpoint = "service/report", input = Json)]
pub async fn file_report(request: ReportRequest) -> Result<StepDone, TicketError> {
    use crate::db::service::RecordBody;
    use crate::domain::service::report::limits;
    use crate::domain::service::{ChargeClass, QuoteStatus, ServiceAction};

    if request.report.parts.len() > limits::PARTS * 4 {
        return Err(TicketError::BadRequest { detail: "too many parts".into() });
    }
    let c = match ssr::check(&request.target, ServiceAction::FileReport).await? {
        ssr::Ready::AlreadyDone(done) => return Ok(done),
        ssr::Ready::Checked(c) => c,
    };
    let content = request.report.check().map_err(|fields| TicketError::Invalid { fields })?;
    let class = c.record.state().class.unwrap_or(ChargeClass::Free);
    let charges_fen = match (&c.record.quote, class) {
        (Some(q), ChargeClass::Charged) if q.status == QuoteStatus::Approved => q.total_fen,
        _ => 0,
    };
    let amended = c.record.report.is_some();
    let report = super::ServiceReport { content, class, charges_fen, filed: c.recorded_now() };
    let what = if amended { "report_amended" } else { "report_filed" };
    c.write(what, RecordBody::Report(&report), None, &[]).await
}
