//! (ssr) The checks every ticket record write shares — who asks, the ticket, a replayed request, the
//! version seen, the service rules — and the write of a checked record with its event.

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
    let ticket = crate::db::tickets::get(&state.db, &number, state.tz).await?.ok_or_else(not_found)?.ticket;
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
        stock: &[(String, i64)],
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
            stock,
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
