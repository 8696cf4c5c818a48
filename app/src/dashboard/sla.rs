//! The SLA board's rules: which deadlines of open work it lists, in which order, and how a listed
//! deadline reads as the seconds pass. Pure: the server picks the entries, the browser keeps
//! reading them every second with the same code.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::sla::{ClockKind, ClockReading, ClockState, DEFAULT_RISK_SHARE, SlaClock, WorkCalendar};
use crate::domain::{TicketStatus, Urgency};

#[cfg(feature = "ssr")]
mod pick;
#[cfg(feature = "ssr")]
pub use pick::{SlaCandidate, board};

/// How many deadlines the board lists; the rest are counted.
pub const BOARD_LENGTH: usize = 60;

/// A deadline still on track is listed when it will be at risk within this much working time, so
/// that the browser can move it onto the board the moment it is (the board is re-read every few
/// minutes, well within this).
pub const SOON: Duration = Duration::minutes(60);

/// The deadlines of open work that are missed, at risk, or soon at risk, and what the browser
/// needs to keep counting them down in working time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlaBoard {
    /// Company-local time the board was read at.
    pub read_at: NaiveDateTime,
    pub calendar: WorkCalendar,
    /// Most urgent first.
    pub entries: Vec<SlaEntry>,
    /// Matching deadlines beyond [`BOARD_LENGTH`].
    pub more: u64,
}

/// One deadline on the board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlaEntry {
    pub number: String,
    pub company: String,
    pub status: TicketStatus,
    pub urgency: Urgency,
    /// The technician's display name, when dispatched.
    pub technician: Option<String>,
    pub kind: ClockKind,
    pub clock: SlaClock,
}

/// Reads a listed deadline at `now`.
pub fn read(entry: &SlaEntry, calendar: &WorkCalendar, now: NaiveDateTime) -> ClockReading {
    entry.clock.read(calendar, now, DEFAULT_RISK_SHARE)
}

/// Whether a reading belongs on the board now (missed or at risk, and not yet stopped).
pub fn shows(reading: &ClockReading) -> bool {
    matches!(reading.state, ClockState::AtRisk | ClockState::Breached)
}

/// Working time as a countdown: `H:MM:SS`, hours unbounded, sign dropped.
pub fn countdown(amount: Duration) -> String {
    let s = amount.num_seconds().unsigned_abs();
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

#[cfg(all(test, feature = "ssr"))]
mod tests;
