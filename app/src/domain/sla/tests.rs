use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::*;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
}

fn cal() -> WorkCalendar {
    WorkCalendar::china_default()
}

#[test]
fn a_standard_working_day_is_eight_hours() {
    assert_eq!(cal().working_day(), Duration::hours(8));
}

#[test]
fn thirty_minutes_from_a_wednesday_morning_is_the_same_morning() {
    assert_eq!(cal().add(at(2026, 11, 25, 9, 0), Duration::minutes(30)), Some(at(2026, 11, 25, 9, 30)));
}

#[test]
fn the_lunch_break_does_not_count() {
    assert_eq!(cal().add(at(2026, 11, 25, 11, 45), Duration::minutes(30)), Some(at(2026, 11, 25, 13, 15)));
    assert_eq!(cal().between(at(2026, 11, 25, 11, 0), at(2026, 11, 25, 14, 0)), Duration::hours(2));
}

#[test]
fn a_request_after_hours_on_friday_is_due_on_monday() {
    // Friday 2026-11-27 18:00 + 1 working day -> Monday 30 Nov 17:30.
    let due = cal().add(at(2026, 11, 27, 18, 0), cal().working_day());
    assert_eq!(due, Some(at(2026, 11, 30, 17, 30)));
}

#[test]
fn national_day_week_is_skipped_and_the_make_up_saturday_counts() {
    // 2026-09-30 (Wed) 17:00 + 1 working day: the holiday runs 1–7 Oct (with the weekend), so the
    // deadline falls on Thursday 8 Oct.
    let due = cal().add(at(2026, 9, 30, 17, 0), cal().working_day());
    assert_eq!(due, Some(at(2026, 10, 8, 17, 0)));
    // Saturday 10 Oct 2026 is a make-up working day.
    assert_eq!(cal().periods(NaiveDate::from_ymd_opt(2026, 10, 10).unwrap()).len(), 2);
    assert!(cal().periods(NaiveDate::from_ymd_opt(2026, 10, 17).unwrap()).is_empty());
}

#[test]
fn spring_festival_2026_takes_the_whole_week_off() {
    let off = cal().between(at(2026, 2, 16, 0, 0), at(2026, 2, 24, 0, 0));
    assert_eq!(off, Duration::zero());
    // Saturday 14 Feb and Saturday 28 Feb 2026 are worked.
    assert_eq!(cal().between(at(2026, 2, 14, 0, 0), at(2026, 2, 15, 0, 0)), Duration::hours(8));
    assert_eq!(cal().between(at(2026, 2, 28, 0, 0), at(2026, 3, 1, 0, 0)), Duration::hours(8));
}

#[test]
fn between_and_add_agree() {
    let c = cal();
    let start = at(2026, 12, 30, 15, 10);
    for minutes in [1, 29, 200, 480, 1000, 4000] {
        let due = c.add(start, Duration::minutes(minutes)).unwrap();
        assert_eq!(c.between(start, due), Duration::minutes(minutes), "{minutes} min");
    }
}

#[test]
fn a_calendar_without_working_hours_has_no_deadline() {
    let mut c = cal();
    c.weekdays = Default::default();
    assert_eq!(c.add(at(2026, 1, 5, 9, 0), Duration::minutes(1)), None);
}

fn clock(budget_min: i64, started: NaiveDateTime) -> SlaClock {
    SlaClock { budget: Duration::minutes(budget_min), started, pauses: vec![], stopped: None }
}

#[test]
fn a_clock_is_on_track_then_at_risk_then_breached() {
    let c = cal();
    let clk = clock(100, at(2026, 11, 25, 9, 0));
    assert_eq!(clk.read(&c, at(2026, 11, 25, 9, 30), 0.8).state, ClockState::OnTrack);
    let risky = clk.read(&c, at(2026, 11, 25, 10, 20), 0.8);
    assert_eq!(risky.state, ClockState::AtRisk);
    assert_eq!(risky.remaining, Duration::minutes(20));
    assert_eq!(risky.deadline, Some(at(2026, 11, 25, 10, 40)));
    let late = clk.read(&c, at(2026, 11, 25, 11, 0), 0.8);
    assert_eq!(late.state, ClockState::Breached);
    assert_eq!(late.remaining, Duration::minutes(-20));
}

#[test]
fn waiting_for_the_customer_pauses_the_clock() {
    let c = cal();
    let mut clk = clock(60, at(2026, 11, 25, 9, 0));
    clk.pauses.push((at(2026, 11, 25, 9, 30), None));
    let paused = clk.read(&c, at(2026, 11, 26, 16, 0), 0.8);
    assert!(paused.paused);
    assert_eq!(paused.used, Duration::minutes(30));
    assert_eq!(paused.deadline, None);
    clk.pauses[0].1 = Some(at(2026, 11, 26, 9, 0));
    let resumed = clk.read(&c, at(2026, 11, 26, 9, 10), 0.8);
    assert_eq!(resumed.used, Duration::minutes(40));
    assert_eq!(resumed.deadline, Some(at(2026, 11, 26, 9, 30)));
}

#[test]
fn a_stopped_clock_is_met_or_breached_for_good() {
    let c = cal();
    let mut clk = clock(30, at(2026, 11, 25, 9, 0));
    clk.stopped = Some(at(2026, 11, 25, 9, 20));
    let met = clk.read(&c, at(2026, 12, 25, 9, 0), 0.8);
    assert_eq!((met.state, met.deadline), (ClockState::Met, None));
    clk.stopped = Some(at(2026, 11, 25, 9, 45));
    assert_eq!(clk.read(&c, at(2026, 12, 25, 9, 0), 0.8).state, ClockState::Breached);
}

#[test]
fn the_shipped_schedule_matches_the_official_notices() {
    let days = |list: &[(i32, u32, u32, &str)], year| list.iter().filter(|d| d.0 == year).count();
    // Weekend days worked per year, as the State Council notices for 2025 and 2026 list them.
    assert_eq!(days(china::MAKEUP_WORKDAYS, 2025), 5);
    assert_eq!(days(china::MAKEUP_WORKDAYS, 2026), 6);
    assert!(china::HOLIDAYS.contains(&(2026, 2, 16, "spring_festival")));
    assert!(china::MAKEUP_WORKDAYS.contains(&(2026, 2, 14, "spring_festival")));
    for (y, m, d, _) in china::MAKEUP_WORKDAYS {
        let date = NaiveDate::from_ymd_opt(*y, *m, *d).unwrap();
        use chrono::Datelike;
        assert!(date.weekday().number_from_monday() >= 6, "{date} is not a weekend day");
    }
}

mod policies {
    use super::*;
    use crate::domain::{ServiceType, TicketStatus as S, Urgency};

    fn policy(t: ServiceType, kind: ClockKind) -> ClockPolicy {
        default_policies(t, Urgency::Normal, Duration::hours(8), false)
            .into_iter()
            .find(|p| p.kind == kind)
            .unwrap_or_else(|| panic!("{t:?} has no {kind:?} clock"))
    }

    #[test]
    fn each_type_carries_the_deadlines_of_the_domain() {
        let kinds = |t, u| -> Vec<ClockKind> {
            default_policies(t, u, Duration::hours(8), false).iter().map(|p| p.kind).collect()
        };
        use ClockKind::*;
        assert_eq!(kinds(ServiceType::FieldRepair, Urgency::Normal), [Answer, CallBack, FollowUp, Review]);
        assert_eq!(
            kinds(ServiceType::DepotRepair, Urgency::Normal),
            [Answer, DepotTurnaround, FollowUp, Review]
        );
        assert_eq!(kinds(ServiceType::Installation, Urgency::Low), [Answer, FollowUp, Review]);
        let urgent = default_policies(ServiceType::Installation, Urgency::Urgent, Duration::hours(8), false);
        assert_eq!(urgent[0].budget, Duration::hours(1));
        assert_eq!(policy(ServiceType::QualityComplaint, ComplaintAnswer).budget, Duration::hours(24));
        assert_eq!(policy(ServiceType::ServiceComplaint, ComplaintAnswer).budget, Duration::hours(8));
        let outside = default_policies(ServiceType::DepotRepair, Urgency::Normal, Duration::hours(8), true);
        assert_eq!(outside[1].budget, Duration::hours(24));
        assert_eq!(policy(ServiceType::DepotRepair, FollowUp).start_on, [S::Inspected]);
        assert_eq!(policy(ServiceType::FieldRepair, Review).budget, Duration::hours(4));
    }

    #[test]
    fn a_field_repair_history_starts_pauses_and_stops_its_clocks() {
        let history = [
            (at(2026, 11, 25, 9, 0), S::New),
            (at(2026, 11, 25, 9, 10), S::Accepted),
            (at(2026, 11, 25, 9, 20), S::Dispatched),
            (at(2026, 11, 25, 9, 35), S::Scheduled),
        ];
        let c = cal();
        let callback =
            clock_from_history(&policy(ServiceType::FieldRepair, ClockKind::CallBack), &history).unwrap();
        let reading = callback.read(&c, at(2026, 11, 25, 12, 0), 0.8);
        assert_eq!((reading.state, reading.used), (ClockState::Met, Duration::minutes(25)));
        assert!(
            clock_from_history(&policy(ServiceType::FieldRepair, ClockKind::FollowUp), &history).is_none()
        );
    }

    #[test]
    fn waiting_for_the_customer_pauses_a_complaint_answer() {
        let history = [
            (at(2026, 11, 25, 9, 0), S::New),
            (at(2026, 11, 25, 9, 0), S::Accepted),
            (at(2026, 11, 25, 10, 0), S::InProgress),
            (at(2026, 11, 25, 11, 0), S::WaitingCustomer),
            (at(2026, 11, 27, 9, 0), S::InProgress),
        ];
        let clock =
            clock_from_history(&policy(ServiceType::ServiceComplaint, ClockKind::ComplaintAnswer), &history)
                .unwrap();
        assert_eq!(clock.pauses, vec![(at(2026, 11, 25, 11, 0), Some(at(2026, 11, 27, 9, 0)))]);
        let r = clock.read(&cal(), at(2026, 11, 27, 10, 0), 0.8);
        assert_eq!(r.used, Duration::hours(3));
        assert_eq!(r.state, ClockState::OnTrack);
    }

    #[test]
    fn a_reopened_ticket_restarts_its_follow_up_clock() {
        let history = [
            (at(2026, 11, 20, 9, 0), S::Resolved),
            (at(2026, 11, 23, 9, 0), S::FollowedUp),
            (at(2026, 11, 23, 9, 5), S::Accepted),
            (at(2026, 11, 25, 9, 0), S::InProgress),
            (at(2026, 11, 25, 10, 0), S::Resolved),
        ];
        let clock =
            clock_from_history(&policy(ServiceType::Installation, ClockKind::FollowUp), &history).unwrap();
        assert_eq!((clock.started, clock.stopped), (at(2026, 11, 25, 10, 0), None));
    }
}

#[test]
fn a_breach_is_dated_when_the_budget_ran_out_not_when_it_was_noticed() {
    let mut c = clock(30, at(2026, 11, 25, 11, 50));
    // 10 minutes before lunch, 20 after: the budget ran out at 13:20.
    assert_eq!(c.breached_at(&cal(), at(2026, 11, 25, 16, 0)), Some(at(2026, 11, 25, 13, 20)));
    assert_eq!(c.breached_at(&cal(), at(2026, 11, 25, 13, 10)), None, "not yet");
    // Paused 13:05–14:00 for the customer: five more minutes after the pause.
    c.pauses.push((at(2026, 11, 25, 13, 5), Some(at(2026, 11, 25, 14, 0))));
    assert_eq!(c.breached_at(&cal(), at(2026, 11, 25, 16, 0)), Some(at(2026, 11, 25, 14, 15)));
    c.stopped = Some(at(2026, 11, 25, 14, 10));
    assert_eq!(c.breached_at(&cal(), at(2026, 11, 25, 16, 0)), None, "stopped in time");
}

#[test]
fn every_day_of_2025_and_2026_matches_chinesecalendar() {
    // Generated from the PyPI package by tools/gen_china_workdays_fixture.py: an independent check of
    // the compiled-in schedule, day by day.
    let fixture = include_str!("china_workdays.txt");
    let mut days = 0;
    for line in fixture.lines().filter(|l| !l.starts_with('#')) {
        let (date, flag) = line.split_once(' ').unwrap();
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
        let works = !cal().periods(date).is_empty();
        assert_eq!(works, flag == "W", "{date}: chinesecalendar says {flag}");
        days += 1;
    }
    assert_eq!(days, 365 + 365);
}

#[test]
fn a_one_day_deadline_from_the_friday_before_spring_festival_2026_lands_after_the_holiday() {
    // Friday 13 Feb 2026 17:50 is after hours; Saturday 14 Feb is a make-up working day, so one working
    // day counts from Saturday 08:30 and ends Saturday 17:30. The holiday then runs 15–23 Feb.
    let due = cal().add(at(2026, 2, 13, 17, 50), cal().working_day());
    assert_eq!(due, Some(at(2026, 2, 14, 17, 30)));
    // Two working days: the next working day after Saturday 14 Feb is Tuesday 24 Feb.
    let due = cal().add(at(2026, 2, 13, 17, 50), cal().working_day() * 2);
    assert_eq!(due, Some(at(2026, 2, 24, 17, 30)));
}

#[test]
fn half_a_working_day_across_the_lunch_break() {
    let due = cal().add(at(2026, 11, 25, 10, 0), cal().working_day() / 2);
    assert_eq!(due, Some(at(2026, 11, 25, 15, 0)), "2 h before lunch, 2 h after the 13:00 restart");
}
