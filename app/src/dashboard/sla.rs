//! The SLA board's rules: which deadlines of open work it lists, in which order, and how a listed
//! deadline reads as the seconds pass. Pure: the server picks the entries, the browser keeps
//! reading them every second with the same code.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::DashboardFilter;
use crate::domain::sla::{
    ClockKind, ClockReading, ClockState, DEFAULT_RISK_SHARE, SlaClock, WorkCalendar, clock_from_history,
    default_policies,
};
use crate::domain::{ServiceType, TicketStatus, Urgency};

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

/// An open ticket as the board reads it: its facts and its history of states.
#[derive(Debug, Clone)]
pub struct SlaCandidate {
    pub number: String,
    pub company: String,
    pub status: TicketStatus,
    pub urgency: Urgency,
    pub service_type: ServiceType,
    pub outside_repairer: bool,
    pub region: String,
    pub product_line: String,
    pub technician: Option<String>,
    /// `(when, state entered)`, oldest first, company-local.
    pub history: Vec<(NaiveDateTime, TicketStatus)>,
}

/// Reads a listed deadline at `now`.
pub fn read(entry: &SlaEntry, calendar: &WorkCalendar, now: NaiveDateTime) -> ClockReading {
    entry.clock.read(calendar, now, DEFAULT_RISK_SHARE)
}

/// Whether a reading belongs on the board now (missed or at risk, and not yet stopped).
pub fn shows(reading: &ClockReading) -> bool {
    matches!(reading.state, ClockState::AtRisk | ClockState::Breached)
}

/// Working time until a running deadline on track becomes at risk.
fn until_at_risk(clock: &SlaClock, reading: &ClockReading) -> Duration {
    let safe_ms = (clock.budget.num_milliseconds() as f64 * (1.0 - DEFAULT_RISK_SHARE)) as i64;
    reading.remaining - Duration::milliseconds(safe_ms)
}

/// The board for `filter` at `now`: every running or missed deadline of the candidates that is at
/// risk, missed, or at risk within [`SOON`], most urgent (least working time left) first.
pub fn board(
    candidates: Vec<SlaCandidate>,
    filter: &DashboardFilter,
    calendar: WorkCalendar,
    now: NaiveDateTime,
) -> SlaBoard {
    let mut listed: Vec<(Duration, SlaEntry)> = Vec::new();
    for c in
        candidates.into_iter().filter(|c| c.status.is_open() && filter.admits(&c.region, &c.product_line))
    {
        let policies =
            default_policies(c.service_type, c.urgency, calendar.working_day(), c.outside_repairer);
        for policy in policies {
            let Some(clock) = clock_from_history(&policy, &c.history) else { continue };
            if clock.stopped.is_some() {
                continue;
            }
            let reading = clock.read(&calendar, now, DEFAULT_RISK_SHARE);
            let soon = !reading.paused && until_at_risk(&clock, &reading) <= SOON;
            if shows(&reading) || soon {
                let entry = SlaEntry {
                    number: c.number.clone(),
                    company: c.company.clone(),
                    status: c.status,
                    urgency: c.urgency,
                    technician: c.technician.clone(),
                    kind: policy.kind,
                    clock,
                };
                listed.push((reading.remaining, entry));
            }
        }
    }
    listed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.number.cmp(&b.1.number)));
    let more = listed.len().saturating_sub(BOARD_LENGTH) as u64;
    let entries = listed.into_iter().take(BOARD_LENGTH).map(|(_, e)| e).collect();
    SlaBoard { read_at: now, calendar, entries, more }
}

/// Working time as a countdown: `H:MM:SS`, hours unbounded, sign dropped.
pub fn countdown(amount: Duration) -> String {
    let s = amount.num_seconds().unsigned_abs();
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

#[cfg(test)]
mod tests;
