//! The ticket DTOs shared by server functions and the wasm client.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::sla::{ClockKind, ClockState};
use crate::domain::workflow::Step;
use crate::domain::{Channel, ServiceType, TicketNumber, TicketStatus, Urgency};

/// A ticket with everything intake recorded. Times are in the company's time zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    pub number: TicketNumber,
    pub status: TicketStatus,
    pub service_type: ServiceType,
    pub urgency: Urgency,
    pub channel: Channel,
    pub company: String,
    pub contact_name: String,
    pub phone: String,
    pub region: String,
    pub address: Option<String>,
    pub product_model: String,
    pub serial_number: Option<String>,
    pub purchase_date: Option<NaiveDate>,
    pub fault_description: String,
    pub preferred_time: Option<String>,
    /// The user name of the technician the ticket is dispatched to.
    pub assignee: Option<String>,
    /// The assigned technician's display name.
    #[serde(default)]
    pub assignee_name: Option<String>,
    /// When the technician is expected on site, as agreed with the customer (company time).
    #[serde(default)]
    pub appointment: Option<chrono::NaiveDateTime>,
    /// How long the dispatcher expects the job to take on site, in minutes.
    #[serde(default)]
    pub estimate_minutes: Option<u32>,
    /// Parts and tools the technician should bring (on the dispatch order).
    #[serde(default)]
    pub bring: Option<String>,
    /// What the customer said at the last follow-up (true = satisfied); cleared when reopened.
    pub follow_up_satisfied: Option<bool>,
    /// The 1–5 score of the last follow-up, when one was given; cleared when reopened.
    #[serde(default)]
    pub follow_up_score: Option<u8>,
    /// The customer's own answer to the satisfaction survey, given through their link.
    #[serde(default)]
    pub survey: Option<crate::share::CustomerSurvey>,
    /// What kind of fault (classified at intake, corrected on the service report).
    #[serde(default)]
    pub fault_category: Option<crate::domain::repeat::FaultCategory>,
    /// The earlier ticket of the same unit with the same fault this one repeats (within the window).
    #[serde(default)]
    pub repeat_of: Option<String>,
    /// A depot repair sent to an outside repairer (its turnaround is 3 working days, not 1).
    #[serde(default)]
    pub outside_repairer: bool,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    pub version: u64,
}

/// One entry of a ticket's audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketEvent {
    pub at: DateTime<FixedOffset>,
    pub kind: TicketEventKind,
    pub from_status: Option<TicketStatus>,
    pub to_status: TicketStatus,
    pub actor: String,
    pub note: Option<String>,
    /// The workflow step that made this change, when one did.
    pub step: Option<Step>,
    /// The ticket version this event produced: 1, 2, 3… without gaps.
    pub version: u64,
    /// Fields the step changed besides the state.
    pub changes: Vec<FieldChange>,
    /// For a missed deadline: which clock.
    #[serde(default)]
    pub clock: Option<ClockKind>,
    /// For a service record: which (`warranty`, `quote_proposed`, `quote_approved`, `quote_rejected`,
    /// `report_filed`, `report_amended`).
    #[serde(default)]
    pub record: Option<String>,
}

/// The states a ticket entered, `(company-local time, state)`, oldest first: what its clocks are
/// measured from. Missed deadlines and service records are not state changes and are left out.
pub fn status_history(events: &[TicketEvent]) -> Vec<(chrono::NaiveDateTime, TicketStatus)> {
    events
        .iter()
        .filter(|e| !matches!(e.kind, TicketEventKind::Breach | TicketEventKind::Record))
        .map(|e| (e.at.naive_local(), e.to_status))
        .collect()
}

/// One field changed by a step: its name and the values before and after (`None` = empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// `assignee` (a user name), `follow_up` (`satisfied` / `unsatisfied`), `appointment`,
    /// `estimate_minutes`, `bring`, or a service record's `charge_class`, `quote_total`, `quote_status`.
    pub field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
}

/// What an event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketEventKind {
    Created,
    StatusChanged,
    /// A workflow step taken through the ticket page.
    Step,
    /// A deadline was missed (recorded by the periodic scan).
    Breach,
    /// A service record was added or replaced (warranty decision, quote, answer, report).
    Record,
}

/// A ticket and its audit trail, oldest event first: what the ticket page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketDetail {
    pub ticket: Ticket,
    pub events: Vec<TicketEvent>,
    /// The deadlines running or finished, read when the page was loaded.
    pub clocks: Vec<TicketClock>,
    /// The steps the person asking may take now.
    pub steps: Vec<Step>,
    /// Technicians to dispatch to, when dispatching is one of `steps`.
    pub technicians: Vec<StaffOption>,
    /// The same technicians ranked for this ticket, with the reasons, when dispatching is one of `steps`.
    #[serde(default)]
    pub suggestions: Vec<crate::domain::dispatch::Suggestion>,
    /// Warranty decision, quote and service report, and which of them the person may record now.
    #[serde(default)]
    pub service: crate::service::ServiceRecord,
    /// Everyone who can be named responsible for a missed deadline, when reviewing is one of `steps`.
    #[serde(default)]
    pub staff: Vec<StaffOption>,
    /// The ticket's spare-parts requisitions, oldest first.
    #[serde(default)]
    pub requisitions: Vec<crate::parts::Requisition>,
    /// The ticket's customer links, newest first, when the person may share the ticket.
    #[serde(default)]
    pub share_links: Option<Vec<crate::share::ShareLink>>,
}

/// One deadline of a ticket as read at a moment (company-local deadline).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketClock {
    pub kind: ClockKind,
    pub state: ClockState,
    /// When the budget runs out if nothing pauses it; `None` while paused or stopped.
    pub deadline: Option<chrono::NaiveDateTime>,
    /// Working minutes left; negative once breached.
    pub remaining_minutes: i64,
    pub paused: bool,
}

/// A person to choose in a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffOption {
    pub username: String,
    pub display_name: String,
}

/// A workflow step as the ticket page sends it. `version` is the ticket version the page showed;
/// `idempotency_key` makes a resent request (double tap, retry after a timeout) apply once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepRequest {
    pub number: String,
    pub step: String,
    pub version: u64,
    pub idempotency_key: String,
    pub note: String,
    /// Cancelling and reopening need one.
    pub reason: String,
    /// Dispatching: the technician's user name.
    pub assignee: String,
    /// Following up: `satisfied` or `unsatisfied`.
    pub satisfaction: String,
    /// Scheduling: the agreed time on site, `YYYY-MM-DDTHH:MM` (company time).
    pub appointment: String,
    /// Dispatching: expected minutes on site (optional).
    pub estimate_minutes: String,
    /// Dispatching: parts and tools to bring (optional).
    pub bring: String,
    /// Reviewing: the person responsible for each missed deadline (user names).
    pub responsible: Vec<(crate::domain::sla::ClockKind, String)>,
}

/// The ticket after a step: its new state and version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepDone {
    pub status: TicketStatus,
    pub version: u64,
}

/// One row of the ticket list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketSummary {
    pub number: TicketNumber,
    pub status: TicketStatus,
    pub service_type: ServiceType,
    pub urgency: Urgency,
    pub company: String,
    pub product_model: String,
    pub serial_number: Option<String>,
    pub created_at: DateTime<FixedOffset>,
}

/// Filters and position for the ticket list. Empty strings mean "any".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketQuery {
    pub status: String,
    pub service_type: String,
    /// Text searched in number, company, contact and serial number.
    pub q: String,
    /// The `next` cursor of the previous page; empty for the first page.
    pub after: String,
    /// Only tickets of this region (as the dashboard's filters name it).
    pub region: String,
    /// Only tickets of this product line.
    pub line: String,
}

/// One page of the list, newest first, and the cursor of the page after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketPage {
    pub items: Vec<TicketSummary>,
    pub next: Option<String>,
}

/// How many rows a list page holds.
pub const PAGE_SIZE: usize = 20;
