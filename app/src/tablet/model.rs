//! What the technician's tablet reads: job cards for the home screen, and one job with its asset's
//! history. Shared by the server functions and the wasm client (and kept in browser storage offline).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::{ServiceType, TicketStatus};
use crate::tickets::{Ticket, TicketClock, TicketDetail};

/// One job on the home screen: the ticket and the deadline that is nearest to running out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobCard {
    pub ticket: Ticket,
    pub clock: Option<TicketClock>,
}

/// The signed-in technician's open jobs, as read at `read_at`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobList {
    /// The technician's username: the browser keeps each person's outbox and copies apart.
    pub me: String,
    pub jobs: Vec<JobCard>,
    pub read_at: DateTime<FixedOffset>,
}

/// An earlier service of the same unit and what its report said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PastService {
    pub number: String,
    pub status: TicketStatus,
    pub service_type: ServiceType,
    pub created_at: DateTime<FixedOffset>,
    /// From the service report, when one was filed.
    pub fault_cause: Option<String>,
    pub work_done: Option<String>,
    pub technician: Option<String>,
}

/// One job as the tablet shows it: the ticket with everything the ticket page has, and the unit's
/// earlier services (newest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobView {
    pub me: String,
    pub detail: TicketDetail,
    pub history: Vec<PastService>,
    /// The parts catalogue as `(code, name)`, so parts can be picked offline.
    pub parts: Vec<(String, String)>,
    pub read_at: DateTime<FixedOffset>,
}
