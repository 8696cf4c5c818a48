//! All the clocks of one ticket, read at a moment: what the ticket page shows.

use chrono::NaiveDateTime;

use super::{ClockKind, ClockReading, WorkCalendar, clock_from_history, default_policies};
use crate::domain::{ServiceType, TicketStatus, Urgency};

/// The share of a budget from which a clock is at risk, unless configured otherwise.
pub const DEFAULT_RISK_SHARE: f64 = 0.8;

/// Every clock the ticket's type and urgency carry that its history (`(when, state entered)`, oldest
/// first, company-local times) has started, read at `now`. Clocks not started yet are left out.
pub fn ticket_clocks(
    service_type: ServiceType,
    urgency: Urgency,
    history: &[(NaiveDateTime, TicketStatus)],
    calendar: &WorkCalendar,
    now: NaiveDateTime,
    outside_repairer: bool,
) -> Vec<(ClockKind, ClockReading)> {
    default_policies(service_type, urgency, calendar.working_day(), outside_repairer)
        .iter()
        .filter_map(|policy| {
            let clock = clock_from_history(policy, history)?;
            Some((policy.kind, clock.read(calendar, now, DEFAULT_RISK_SHARE)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sla::ClockState;
    use chrono::NaiveDate;

    fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn a_consultation_carries_answer_then_call_back() {
        let cal = WorkCalendar::china_default();
        let history = [(at(25, 9, 0), TicketStatus::New), (at(25, 9, 10), TicketStatus::Accepted)];
        let clocks =
            ticket_clocks(ServiceType::Consultation, Urgency::Normal, &history, &cal, at(25, 9, 35), false);
        let kinds: Vec<ClockKind> = clocks.iter().map(|(k, _)| *k).collect();
        assert_eq!(kinds, vec![ClockKind::Answer, ClockKind::CallBack]);
        assert_eq!(clocks[0].1.state, ClockState::Met);
        assert_eq!(clocks[1].1.state, ClockState::AtRisk, "25 of 30 minutes used");
        let later =
            ticket_clocks(ServiceType::Consultation, Urgency::Normal, &history, &cal, at(25, 9, 41), false);
        assert_eq!(later[1].1.state, ClockState::Breached);
    }
}
