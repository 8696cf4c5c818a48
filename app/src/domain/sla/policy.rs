//! Which deadlines a ticket carries (DOMAIN.md, "Service types and their deadlines"), and how its
//! history starts, pauses and stops each of them.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::SlaClock;
use crate::domain::{ServiceType, TicketStatus, Urgency};

/// A named deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockKind {
    /// Every request is answered (accepted and the customer told) within 1 working day; urgent at once.
    Answer,
    /// A technician calls the customer back within 30 minutes (consultation, field repair).
    CallBack,
    /// A depot repair is shipped back within 1 working day (in-house) or 3 (outside repairer).
    DepotTurnaround,
    /// A complaint is answered within 1 (service) or 3 (quality) working days.
    ComplaintAnswer,
    /// Customer service calls back within 2 working days after the service record.
    FollowUp,
    /// The supervisor reviews within half a working day after the follow-up.
    Review,
}

/// One deadline's rule: its budget, the states that start and stop it, the states that pause it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockPolicy {
    pub kind: ClockKind,
    pub budget: Duration,
    pub start_on: Vec<TicketStatus>,
    pub stop_on: Vec<TicketStatus>,
    pub pause_in: Vec<TicketStatus>,
}

/// The default deadlines for a ticket; `working_day` is the calendar's standard day and
/// `outside_repairer` whether a depot repair is sent out.
pub fn default_policies(
    service_type: ServiceType,
    urgency: Urgency,
    working_day: Duration,
    outside_repairer: bool,
) -> Vec<ClockPolicy> {
    use TicketStatus::*;
    let days = |n: i64| working_day * n as i32;
    let policy = |kind, budget, start_on: &[TicketStatus], stop_on: &[TicketStatus]| ClockPolicy {
        kind,
        budget,
        start_on: start_on.to_vec(),
        stop_on: stop_on.to_vec(),
        pause_in: vec![WaitingCustomer],
    };
    let answer = match urgency {
        Urgency::Urgent => Duration::hours(1),
        Urgency::High => working_day / 2,
        Urgency::Normal | Urgency::Low => days(1),
    };
    let mut out = vec![policy(ClockKind::Answer, answer, &[New], &[Accepted, Cancelled])];
    match service_type {
        ServiceType::Consultation => out.push(policy(
            ClockKind::CallBack,
            Duration::minutes(30),
            &[Accepted],
            &[InProgress, Resolved, Cancelled],
        )),
        ServiceType::FieldRepair => out.push(policy(
            ClockKind::CallBack,
            Duration::minutes(30),
            &[Accepted],
            &[Scheduled, InProgress, Resolved, Cancelled],
        )),
        ServiceType::DepotRepair => out.push(policy(
            ClockKind::DepotTurnaround,
            days(if outside_repairer { 3 } else { 1 }),
            &[InProgress],
            &[Resolved, Cancelled],
        )),
        ServiceType::ServiceComplaint | ServiceType::QualityComplaint => out.push(policy(
            ClockKind::ComplaintAnswer,
            days(if service_type == ServiceType::QualityComplaint { 3 } else { 1 }),
            &[Accepted],
            &[Resolved, Cancelled],
        )),
        ServiceType::Installation | ServiceType::Maintenance | ServiceType::ReturnExchange => {}
    }
    let record_back =
        if crate::domain::workflow::needs_inspection(service_type) { Inspected } else { Resolved };
    out.push(policy(ClockKind::FollowUp, days(2), &[record_back], &[FollowedUp, Accepted]));
    out.push(policy(ClockKind::Review, working_day / 2, &[FollowedUp], &[Reviewed, Accepted]));
    out
}

/// The clock a policy gives for a ticket's history (`(when, state entered)`, oldest first); `None`
/// when the clock has not started. A clock restarts when its start state is entered again (reopen).
pub fn clock_from_history(
    policy: &ClockPolicy,
    history: &[(NaiveDateTime, TicketStatus)],
) -> Option<SlaClock> {
    let start_index = history.iter().rposition(|(_, s)| policy.start_on.contains(s))?;
    let mut clock =
        SlaClock { budget: policy.budget, started: history[start_index].0, pauses: vec![], stopped: None };
    for (at, state) in &history[start_index + 1..] {
        if let Some((_, open @ None)) = clock.pauses.last_mut() {
            *open = Some(*at);
        }
        if policy.stop_on.contains(state) {
            clock.stopped = Some(*at);
            break;
        }
        if policy.pause_in.contains(state) {
            clock.pauses.push((*at, None));
        }
    }
    Some(clock)
}
