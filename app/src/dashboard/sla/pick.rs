//! (ssr) Which deadlines go on the board, read from open tickets' histories.

use chrono::{Duration, NaiveDateTime};

use super::{BOARD_LENGTH, SOON, SlaBoard, SlaEntry, shows};
use crate::dashboard::DashboardFilter;
use crate::domain::sla::{
    ClockReading, DEFAULT_RISK_SHARE, SlaClock, WorkCalendar, clock_from_history, default_policies,
};
use crate::domain::{ServiceType, TicketStatus, Urgency};

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

/// Working time until a running deadline on track becomes at risk.
fn until_at_risk(clock: &SlaClock, reading: &ClockReading) -> Duration {
    let safe_ms = (clock.budget.num_milliseconds() as f64 * (1.0 - DEFAULT_RISK_SHARE)) as i64;
    reading.remaining - Duration::milliseconds(safe_ms)
}

/// The board for `filter` at `now`: every running or missed deadline of the candidates that is at
/// risk, missed, or at risk within [`SOON`], most urgent (least working time left) first.
pub fn board<'a>(
    candidates: impl IntoIterator<Item = &'a SlaCandidate>,
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
