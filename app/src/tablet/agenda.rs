//! How the home screen orders a technician's jobs: by appointment, in the groups a working day needs.
//! Pure: unit-tested, no I/O.

use chrono::NaiveDate;

use super::JobCard;
use crate::domain::TicketStatus;
use crate::domain::sla::ClockState;
use crate::domain::workflow::Step;
use crate::tickets::TicketClock;

/// A group of jobs on the home screen, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Under way: on the road, on site, waiting for parts or for the customer.
    UnderWay,
    /// The appointment day has passed and the visit has not begun: call the customer.
    Missed,
    Today,
    /// Dispatched without an agreed time yet: call the customer to fix one.
    ToSchedule,
    Upcoming,
}

impl Slot {
    pub const ALL: [Slot; 5] = [Slot::UnderWay, Slot::Missed, Slot::Today, Slot::ToSchedule, Slot::Upcoming];

    /// The translation key of the group's heading.
    pub fn label_key(self) -> &'static str {
        match self {
            Slot::UnderWay => "tablet.slot.under_way",
            Slot::Missed => "tablet.slot.missed",
            Slot::Today => "tablet.slot.today",
            Slot::ToSchedule => "tablet.slot.to_schedule",
            Slot::Upcoming => "tablet.slot.upcoming",
        }
    }
}

/// The jobs grouped by [`Slot`] (empty groups left out), each group by appointment time and then by
/// registration, for the company-local day `today`.
pub fn agenda(mut jobs: Vec<JobCard>, today: NaiveDate) -> Vec<(Slot, Vec<JobCard>)> {
    jobs.sort_by_key(|j| (j.ticket.appointment, j.ticket.created_at));
    let slot = |j: &JobCard| match j.ticket.appointment.map(|a| a.date()) {
        _ if !matches!(j.ticket.status, TicketStatus::Dispatched | TicketStatus::Scheduled) => Slot::UnderWay,
        None if j.ticket.status == TicketStatus::Dispatched => Slot::ToSchedule,
        None => Slot::Today,
        Some(day) if day < today => Slot::Missed,
        Some(day) if day == today => Slot::Today,
        Some(_) => Slot::Upcoming,
    };
    Slot::ALL
        .into_iter()
        .map(|s| (s, jobs.iter().filter(|j| slot(j) == s).cloned().collect::<Vec<_>>()))
        .filter(|(_, group)| !group.is_empty())
        .collect()
}

/// The deadline to show on a job's card: the running one with the least time left (a breached one
/// first), `None` when every clock is met or paused.
pub fn nearest_clock(clocks: &[TicketClock]) -> Option<TicketClock> {
    clocks
        .iter()
        .filter(|c| c.state != ClockState::Met && !c.paused && c.deadline.is_some())
        .min_by_key(|c| c.remaining_minutes)
        .cloned()
}

/// The steps the tablet offers, in the order of a visit: accept (agree the appointment), on the way,
/// arrived and working, waiting for parts, parts here and working again, done.
pub const TABLET_STEPS: [Step; 6] =
    [Step::Schedule, Step::Depart, Step::StartWork, Step::AwaitParts, Step::PartsArrived, Step::Resolve];

/// The translation key of a step's button on the tablet (worded for the technician, not the desk).
pub fn tablet_label_key(step: Step) -> String {
    step.label_key().replacen("step.", "tablet.step.", 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sla::ClockKind;

    fn card(appointment: Option<&str>, created_minute: u32) -> JobCard {
        card_in("dispatched", appointment, created_minute)
    }

    fn card_in(status: &str, appointment: Option<&str>, created_minute: u32) -> JobCard {
        let mut ticket: crate::tickets::Ticket = serde_json::from_value(serde_json::json!({
            "number": "SV-20261126-0001", "status": status, "service_type": "field_repair",
            "urgency": "normal", "channel": "phone", "company": "", "contact_name": "王工",
            "phone": "13800000000", "region": "华东", "address": null, "product_model": "X1",
            "serial_number": null, "purchase_date": null, "fault_description": "不制冷",
            "preferred_time": null, "assignee": "technician", "follow_up_satisfied": null,
            "created_at": "2026-11-20T08:00:00+08:00", "updated_at": "2026-11-20T08:00:00+08:00",
            "version": 3,
        }))
        .unwrap();
        ticket.appointment =
            appointment.map(|a| chrono::NaiveDateTime::parse_from_str(a, "%Y-%m-%d %H:%M").unwrap());
        ticket.created_at += chrono::Duration::minutes(created_minute.into());
        ticket.company = format!("{appointment:?}/{created_minute}");
        JobCard { ticket, clock: None }
    }

    #[test]
    fn jobs_group_by_day_of_appointment_and_sort_by_time() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let jobs = vec![
            card(Some("2026-11-27 09:00"), 0),
            card(Some("2026-11-26 15:00"), 1),
            card(None, 5),
            card(Some("2026-11-26 09:30"), 2),
            card(Some("2026-11-25 16:00"), 3),
            card(None, 4),
            card_in("waiting_parts", None, 6),
            card_in("in_progress", Some("2026-11-25 08:00"), 7),
        ];
        let groups: Vec<(Slot, Vec<String>)> = agenda(jobs, today)
            .into_iter()
            .map(|(s, g)| (s, g.into_iter().map(|j| j.ticket.company).collect()))
            .collect();
        assert_eq!(
            groups,
            vec![
                (Slot::UnderWay, vec!["None/6".to_string(), "Some(\"2026-11-25 08:00\")/7".into()]),
                (Slot::Missed, vec!["Some(\"2026-11-25 16:00\")/3".to_string()]),
                (
                    Slot::Today,
                    vec!["Some(\"2026-11-26 09:30\")/2".to_string(), "Some(\"2026-11-26 15:00\")/1".into()]
                ),
                (Slot::ToSchedule, vec!["None/4".to_string(), "None/5".into()]),
                (Slot::Upcoming, vec!["Some(\"2026-11-27 09:00\")/0".to_string()]),
            ]
        );
        assert!(agenda(vec![], today).is_empty());
    }

    fn clock(kind: ClockKind, state: ClockState, remaining: i64, paused: bool) -> TicketClock {
        TicketClock {
            kind,
            state,
            deadline: NaiveDate::from_ymd_opt(2026, 11, 26).and_then(|d| d.and_hms_opt(12, 0, 0)),
            remaining_minutes: remaining,
            paused,
        }
    }

    #[test]
    fn the_card_shows_the_running_deadline_closest_to_breach() {
        let clocks = vec![
            clock(ClockKind::Answer, ClockState::Met, -500, false),
            clock(ClockKind::CallBack, ClockState::OnTrack, 90, false),
            clock(ClockKind::FollowUp, ClockState::AtRisk, 30, true),
            clock(ClockKind::ComplaintAnswer, ClockState::Breached, -15, false),
        ];
        assert_eq!(nearest_clock(&clocks).map(|c| c.kind), Some(ClockKind::ComplaintAnswer));
        assert_eq!(nearest_clock(&clocks[..1]), None);
        assert_eq!(nearest_clock(&clocks[..3]).map(|c| c.kind), Some(ClockKind::CallBack));
    }

    #[test]
    fn every_tablet_step_has_its_own_label_key() {
        let keys: Vec<String> = TABLET_STEPS.iter().map(|s| tablet_label_key(*s)).collect();
        assert_eq!(keys[0], "tablet.step.schedule");
        assert_eq!(keys[5], "tablet.step.resolve");
    }
}
