//! What the dashboard shows, as it travels from the server.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::workflow::Step;
use crate::domain::{ServiceType, TicketStatus, Urgency};

/// The dashboard's filters, as in its URL (`?region=…&line=…`). Empty means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DashboardFilter {
    pub region: String,
    pub product_line: String,
}

/// Everything the dashboard shows at one moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardData {
    pub counts: OpenCounts,
    /// Deadlines missed, at risk, or soon at risk.
    pub sla: super::sla::SlaBoard,
    /// Registered today (company time).
    pub registered_today: u64,
    /// Archived today.
    pub closed_today: u64,
    pub technicians: Vec<TechnicianRow>,
    /// Newest first.
    pub feed: Vec<FeedItem>,
    /// Every region and product line with tickets, for the filter choices.
    pub regions: Vec<String>,
    pub product_lines: Vec<String>,
}

/// Open work (neither closed nor cancelled) matching the filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OpenCounts {
    /// Per state in life-cycle order; states with none are left out.
    pub by_status: Vec<(TicketStatus, u64)>,
    /// Per service type; types with none are left out.
    pub by_type: Vec<(ServiceType, u64)>,
    pub total: u64,
    pub urgent: u64,
}

/// One technician on the board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TechnicianRow {
    pub username: String,
    pub display_name: String,
    /// The job they are most likely at now (on site first, then travelling, waiting, booked).
    pub current: Option<JobRef>,
    /// Open jobs dispatched to them.
    pub open_jobs: u64,
    /// Their earliest appointment from now on, company time (`YYYY-MM-DD HH:MM`).
    pub next_appointment: Option<String>,
}

/// A ticket as the boards name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobRef {
    pub number: String,
    pub status: TicketStatus,
    pub company: String,
}

/// One entry of the recent-events feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedItem {
    pub at: DateTime<FixedOffset>,
    pub number: String,
    pub company: String,
    /// Who did it (display name).
    pub actor: String,
    /// The workflow step, when it was one; else the event was a registration or a record.
    pub step: Option<Step>,
    pub to_status: TicketStatus,
    pub urgency: Urgency,
}
