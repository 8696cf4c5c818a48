//! Service execution as rules: the warranty decision, quotes for charged work, the service report, and
//! who may record each of them when. Server functions ask [`check`] before every write; the ticket
//! page offers what [`available`] returns.

pub mod depot;
pub mod quote;
pub mod report;
#[cfg(test)]
mod tests;
pub mod warranty;

use serde::{Deserialize, Serialize};

use super::workflow::{self, Actor, Facts, StepRefusal};
use super::{Role, ServiceType, TicketStatus};
pub use quote::QuoteStatus;
pub use warranty::ChargeClass;

/// A record a person adds to a ticket besides taking a workflow step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceAction {
    /// Record the warranty decision and with it the charge class.
    DecideWarranty,
    /// Send a quote (a new one replaces an unanswered or rejected one).
    ProposeQuote,
    /// Record the customer's answer to the quote: approved or rejected.
    AnswerQuote,
    /// File (or amend, before resolving) the service report.
    FileReport,
    /// Ask the warehouse for spare parts (配件领用).
    RequestParts,
    /// The warehouse issues (or cancels) a parts requisition.
    IssueParts,
    /// Record a depot repair's receipt, repairer and tracking numbers (depot repair only).
    RecordDepot,
}

impl ServiceAction {
    pub const ALL: [ServiceAction; 7] = [
        Self::DecideWarranty,
        Self::ProposeQuote,
        Self::AnswerQuote,
        Self::FileReport,
        Self::RequestParts,
        Self::IssueParts,
        Self::RecordDepot,
    ];
}

/// What a ticket already has on record: what the rules look at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ServiceState {
    pub class: Option<ChargeClass>,
    pub quote: Option<QuoteStatus>,
    pub has_report: bool,
}

impl ServiceState {
    /// The facts the workflow's guards need (report filed; quote needed and approved).
    pub fn workflow_facts(&self) -> Facts {
        Facts {
            has_service_report: self.has_report,
            quote_required: self.class == Some(ChargeClass::Charged),
            quote_approved: self.quote == Some(QuoteStatus::Approved),
            ..Facts::default()
        }
    }
}

/// Types that keep a warranty decision, quote and service report.
pub fn keeps_service_records(t: ServiceType) -> bool {
    workflow::needs_service_report(t)
}

/// States in which the work is under way and not yet done.
fn work_open(s: TicketStatus) -> bool {
    use TicketStatus::*;
    matches!(s, Accepted | Dispatched | Scheduled | EnRoute | InProgress | WaitingParts | WaitingCustomer)
}

/// Whether the customer may answer the quote themselves (through their link): a proposed quote on
/// work still open, as an agent recording their answer would need.
pub fn customer_may_answer_quote(
    t: ServiceType,
    status: TicketStatus,
    state: &ServiceState,
) -> Result<(), StepRefusal> {
    if !keeps_service_records(t) || !work_open(status) {
        return Err(StepRefusal::NotFromHere);
    }
    match state.quote {
        None => Err(StepRefusal::NoOpenQuote),
        Some(QuoteStatus::Proposed) => Ok(()),
        Some(_) => Err(StepRefusal::QuoteAlreadyDecided),
    }
}

/// Whether `actor` may record `action` on a ticket of type `t` in state `status` holding `state`.
pub fn check(
    t: ServiceType,
    status: TicketStatus,
    action: ServiceAction,
    actor: &Actor,
    state: &ServiceState,
) -> Result<(), StepRefusal> {
    if !keeps_service_records(t) {
        return Err(StepRefusal::NotFromHere);
    }
    let in_state = match action {
        ServiceAction::FileReport => status == TicketStatus::InProgress,
        // The tracking number back is known once the repaired unit is shipped.
        ServiceAction::RecordDepot if t != ServiceType::DepotRepair => false,
        ServiceAction::RecordDepot => {
            work_open(status) || matches!(status, TicketStatus::Resolved | TicketStatus::Inspected)
        }
        _ => work_open(status),
    };
    if !in_state {
        return Err(StepRefusal::NotFromHere);
    }
    match action {
        ServiceAction::AnswerQuote
            if actor.roles.iter().any(|r| matches!(r, Role::Agent | Role::Supervisor)) => {}
        ServiceAction::IssueParts if actor.roles.contains(&Role::Warehouse) => {}
        ServiceAction::IssueParts => return Err(StepRefusal::RoleNotPermitted),
        _ => workflow::may_do_work(t, actor)?,
    }
    let quote_approved = state.quote == Some(QuoteStatus::Approved);
    match action {
        ServiceAction::DecideWarranty if quote_approved => Err(StepRefusal::QuoteAlreadyDecided),
        ServiceAction::DecideWarranty => Ok(()),
        ServiceAction::ProposeQuote => match state.class {
            None => Err(StepRefusal::ChargeUndecided),
            Some(ChargeClass::Charged) if quote_approved => Err(StepRefusal::QuoteAlreadyDecided),
            Some(ChargeClass::Charged) => Ok(()),
            Some(_) => Err(StepRefusal::QuoteNotNeeded),
        },
        ServiceAction::AnswerQuote => match state.quote {
            None => Err(StepRefusal::NoOpenQuote),
            Some(QuoteStatus::Proposed) => Ok(()),
            Some(_) => Err(StepRefusal::QuoteAlreadyDecided),
        },
        ServiceAction::RequestParts | ServiceAction::IssueParts | ServiceAction::RecordDepot => Ok(()),
        ServiceAction::FileReport => match state.class {
            None => Err(StepRefusal::ChargeUndecided),
            Some(ChargeClass::Charged) if !quote_approved => Err(StepRefusal::QuoteNotApproved),
            Some(_) => Ok(()),
        },
    }
}

/// The records `actor` may add now: what the ticket page offers.
pub fn available(
    t: ServiceType,
    status: TicketStatus,
    actor: &Actor,
    state: &ServiceState,
) -> Vec<ServiceAction> {
    ServiceAction::ALL.into_iter().filter(|a| check(t, status, *a, actor, state).is_ok()).collect()
}
