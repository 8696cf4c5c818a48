//! The ticket life cycle as rules: which step exists for which service type, who may take it, and what
//! must be true first. Every screen asks [`available`]; every server function re-checks with [`check`].

#[cfg(test)]
pub(crate) mod properties;
pub mod review;
mod rules;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::{Role, ServiceType, TicketStatus};
pub use rules::{may_do_work, needs_dispatch, needs_inspection, needs_service_report, technician_can_claim};

/// A step a person takes on a ticket, moving it to another state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Classified and accepted: the SLA clocks start. new → accepted.
    Accept,
    /// A technician is assigned (or reassigned before setting off). accepted, dispatched or scheduled →
    /// dispatched (on-site types).
    Dispatch,
    /// The appointment with the customer is agreed (its time is required). dispatched → scheduled.
    Schedule,
    /// The technician sets off. scheduled → en route.
    Depart,
    /// Work begins: on site, in the workshop, on the phone, or the complaint investigation.
    StartWork,
    /// Work stops until spare parts arrive. in progress → waiting for parts.
    AwaitParts,
    /// The parts are here. waiting for parts → in progress.
    PartsArrived,
    /// Work stops until the customer answers (quote, access, parts they supply).
    AwaitCustomer,
    /// The customer answered. waiting for customer → in progress.
    CustomerReplied,
    /// The work is done (service report filed where the type needs one). → resolved.
    Resolve,
    /// The repaired or returned unit passed quality inspection. resolved → inspected.
    PassInspection,
    /// The unit failed inspection and goes back to repair. resolved → in progress.
    FailInspection,
    /// Customer service called the customer back and recorded satisfaction. → followed up.
    FollowUp,
    /// The supervisor checked completeness and timeliness. followed up → reviewed.
    Review,
    /// Filed. reviewed → closed.
    Archive,
    /// Dropped before the work was done; needs a reason. → cancelled.
    Cancel,
    /// Back to work: after an unsatisfied follow-up, or the same fault again after closing. → accepted.
    Reopen,
}

impl Step {
    /// Every step, in life-cycle order (the order the ticket page offers them).
    pub const ALL: [Step; 17] = [
        Step::Accept,
        Step::Dispatch,
        Step::Schedule,
        Step::Depart,
        Step::StartWork,
        Step::AwaitParts,
        Step::PartsArrived,
        Step::AwaitCustomer,
        Step::CustomerReplied,
        Step::Resolve,
        Step::PassInspection,
        Step::FailInspection,
        Step::FollowUp,
        Step::Review,
        Step::Archive,
        Step::Cancel,
        Step::Reopen,
    ];

    /// The translation key of this step's button label.
    pub fn label_key(self) -> String {
        let wire = serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_owned));
        format!("step.{}", wire.unwrap_or_default())
    }
}

/// The states in which a job is its technician's to work on: from dispatch until it is resolved (the
/// technician's tablet lists these; the dashboard's board counts them).
pub const WITH_TECHNICIAN: [TicketStatus; 6] = [
    TicketStatus::Dispatched,
    TicketStatus::Scheduled,
    TicketStatus::EnRoute,
    TicketStatus::InProgress,
    TicketStatus::WaitingParts,
    TicketStatus::WaitingCustomer,
];

/// Who is acting: their roles, and whether the ticket is dispatched to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub roles: Vec<Role>,
    /// True when the ticket is assigned to this person as its technician.
    pub is_assigned_technician: bool,
}

/// What is known about the ticket beyond its state: the facts the guards look at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// A service report has been filed.
    pub has_service_report: bool,
    /// The work is charged (class A) and needs a quote.
    pub quote_required: bool,
    /// The customer approved the quote.
    pub quote_approved: bool,
    /// The satisfaction recorded at the last follow-up, if any (true = satisfied).
    pub follow_up_satisfied: Option<bool>,
    /// The reason typed for this step (cancelling and reopening need one).
    pub reason: Option<String>,
}

/// Reads a follow-up satisfaction score: a whole number from 1 (very unsatisfied) to 5 (very satisfied).
pub fn parse_score(raw: &str) -> Option<u8> {
    raw.trim().parse::<u8>().ok().filter(|n| (1..=5).contains(n))
}

/// Whether a score counts as satisfied: 3 ("acceptable") and above; 1 and 2 reopen the ticket.
pub fn is_satisfied(score: u8) -> bool {
    score >= 3
}

/// Why a step cannot be taken now. Each maps to a message the person can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepRefusal {
    #[error("this step does not exist for this service type or from this state")]
    NotFromHere,
    #[error("none of your roles may take this step")]
    RoleNotPermitted,
    #[error("only the technician the ticket is dispatched to may take this step")]
    NotAssigned,
    #[error("a service report must be filed first")]
    ServiceReportMissing,
    #[error("the customer must approve the quote first")]
    QuoteNotApproved,
    #[error("a reason is required")]
    ReasonRequired,
    #[error("the customer must be followed up first")]
    FollowUpMissing,
    #[error("the customer is not satisfied: reopen the ticket instead")]
    CustomerUnsatisfied,
    #[error("the warranty decision (charge class) must be recorded first")]
    ChargeUndecided,
    #[error("this work is not charged: no quote is needed")]
    QuoteNotNeeded,
    #[error("there is no quote waiting for the customer's answer")]
    NoOpenQuote,
    #[error("the customer has already answered this quote")]
    QuoteAlreadyDecided,
    #[error("there is no open parts requisition with this number")]
    NoOpenRequisition,
}

impl StepRefusal {
    /// The translation key of the message for this refusal.
    pub fn message_key(self) -> &'static str {
        match self {
            Self::NotFromHere => "workflow.not_from_here",
            Self::RoleNotPermitted => "workflow.role_not_permitted",
            Self::NotAssigned => "workflow.not_assigned",
            Self::ServiceReportMissing => "workflow.service_report_missing",
            Self::QuoteNotApproved => "workflow.quote_not_approved",
            Self::ReasonRequired => "workflow.reason_required",
            Self::FollowUpMissing => "workflow.follow_up_missing",
            Self::CustomerUnsatisfied => "workflow.customer_unsatisfied",
            Self::ChargeUndecided => "workflow.charge_undecided",
            Self::QuoteNotNeeded => "workflow.quote_not_needed",
            Self::NoOpenQuote => "workflow.no_open_quote",
            Self::QuoteAlreadyDecided => "workflow.quote_already_decided",
            Self::NoOpenRequisition => "workflow.no_open_requisition",
        }
    }
}

/// Whether `actor` may take `step` on a ticket of `service_type` in state `from` given `facts`; the new
/// state when they may. The only gate: server functions call it before every write.
pub fn check(
    service_type: ServiceType,
    from: TicketStatus,
    step: Step,
    actor: &Actor,
    facts: &Facts,
) -> Result<TicketStatus, StepRefusal> {
    let to = rules::target(service_type, from, step).ok_or(StepRefusal::NotFromHere)?;
    rules::authorize(service_type, step, actor)?;
    rules::guard(service_type, from, step, facts)?;
    Ok(to)
}

/// The steps `actor` could take now, ignoring guards that ask for input (a reason, a report): what the
/// ticket page offers, each with the form its step needs. Guards still decide on submit.
pub fn available(service_type: ServiceType, from: TicketStatus, actor: &Actor) -> Vec<Step> {
    Step::ALL
        .into_iter()
        .filter(|step| rules::target(service_type, from, *step).is_some())
        .filter(|step| rules::authorize(service_type, *step, actor).is_ok())
        .collect()
}
