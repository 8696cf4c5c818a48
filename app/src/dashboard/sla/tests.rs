use chrono::NaiveDate;

use super::*;
use crate::dashboard::DashboardFilter;
use crate::domain::ServiceType;

/// 2026-11-25 is a Wednesday: working hours 08:30–12:00 and 13:00–17:30.
fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap().and_hms_opt(h, m, 0).unwrap()
}

fn candidate(number: &str, history: &[(NaiveDateTime, TicketStatus)]) -> SlaCandidate {
    SlaCandidate {
        number: number.into(),
        company: "苏州精密".into(),
        status: history.last().map_or(TicketStatus::New, |h| h.1),
        urgency: Urgency::Normal,
        service_type: ServiceType::FieldRepair,
        outside_repairer: false,
        region: "华东·苏州".into(),
        product_line: "VMC".into(),
        technician: None,
        history: history.to_vec(),
    }
}

fn listed(board: &SlaBoard) -> Vec<(String, ClockKind)> {
    board.entries.iter().map(|e| (e.number.clone(), e.kind)).collect()
}

#[test]
fn lists_missed_and_at_risk_deadlines_most_urgent_first() {
    let cal = WorkCalendar::china_default();
    let now = at(25, 10, 0);
    let calm = candidate("SV-20261125-0001", &[(at(25, 9, 0), TicketStatus::New)]);
    // Call back within 30 minutes of acceptance: 26 of 30 used → at risk; 40 used → missed.
    let risky = candidate(
        "SV-20261125-0002",
        &[(at(25, 9, 0), TicketStatus::New), (at(25, 9, 34), TicketStatus::Accepted)],
    );
    let missed = candidate(
        "SV-20261125-0003",
        &[(at(25, 9, 0), TicketStatus::New), (at(25, 9, 20), TicketStatus::Accepted)],
    );
    let board = board(&[calm, risky, missed], &DashboardFilter::default(), cal.clone(), now);
    assert_eq!(
        listed(&board),
        vec![
            ("SV-20261125-0003".to_owned(), ClockKind::CallBack),
            ("SV-20261125-0002".to_owned(), ClockKind::CallBack)
        ],
        "the answer clocks stopped at acceptance; the calm ticket has 7.5 working hours left"
    );
    assert_eq!(read(&board.entries[0], &cal, now).state, ClockState::Breached);
    assert_eq!(read(&board.entries[1], &cal, now).state, ClockState::AtRisk);
    assert_eq!(board.read_at, now);
}

#[test]
fn a_deadline_soon_at_risk_is_sent_ahead_and_shows_once_it_is() {
    let cal = WorkCalendar::china_default();
    // Urgent answer: 1 working hour, at risk after 48 minutes. Registered before the day
    // began, at 09:00 it has used 30 minutes: 18 from risk.
    let mut soon = candidate("SV-20261125-0004", &[(at(25, 8, 24), TicketStatus::New)]);
    soon.urgency = Urgency::Urgent;
    let now = at(25, 9, 0);
    let board = board(&[soon], &DashboardFilter::default(), cal.clone(), now);
    assert_eq!(board.entries.len(), 1);
    let entry = &board.entries[0];
    assert!(!shows(&read(entry, &cal, now)), "on track at 09:00");
    assert!(shows(&read(entry, &cal, at(25, 9, 19))), "at risk at 09:19 (49 of 60 minutes used)");
}

#[test]
fn the_countdown_stops_outside_working_hours() {
    let cal = WorkCalendar::china_default();
    let mut late = candidate("SV-20261125-0005", &[(at(25, 16, 0), TicketStatus::New)]);
    late.urgency = Urgency::Urgent;
    let board = board(&[late], &DashboardFilter::default(), cal.clone(), at(25, 17, 0));
    let entry = &board.entries[0];
    let evening = read(entry, &cal, at(25, 17, 30)).remaining;
    assert_eq!(evening, Duration::minutes(-30), "16:00–17:30 is 90 working minutes: 30 past the hour");
    assert_eq!(read(entry, &cal, at(25, 17, 30)).state, ClockState::Breached);
    let next_morning = read(entry, &cal, at(26, 8, 30)).remaining;
    assert_eq!(next_morning, evening, "the night does not count");
}

#[test]
fn filters_paused_and_closed_work_are_respected() {
    let cal = WorkCalendar::china_default();
    let now = at(25, 10, 0);
    let mut elsewhere = candidate(
        "SV-20261125-0006",
        &[(at(25, 9, 0), TicketStatus::New), (at(25, 9, 20), TicketStatus::Accepted)],
    );
    elsewhere.region = "华南·深圳".into();
    let paused_soon = candidate(
        "SV-20261125-0007",
        &[
            (at(25, 9, 0), TicketStatus::New),
            (at(25, 9, 30), TicketStatus::Accepted),
            (at(25, 9, 50), TicketStatus::WaitingCustomer),
        ],
    );
    let mut closed = candidate(
        "SV-20261125-0008",
        &[(at(25, 9, 0), TicketStatus::New), (at(25, 9, 20), TicketStatus::Accepted)],
    );
    closed.status = TicketStatus::Cancelled;
    let filter = DashboardFilter { region: "华东·苏州".into(), product_line: String::new() };
    let board = board(&[elsewhere, paused_soon, closed], &filter, cal, now);
    assert!(board.entries.is_empty(), "other region, paused on track, cancelled: {:?}", listed(&board));
}

#[test]
fn a_long_board_is_cut_and_counts_the_rest() {
    let cal = WorkCalendar::china_default();
    let many: Vec<_> = (0..BOARD_LENGTH + 5)
        .map(|i| candidate(&format!("SV-20261125-{:04}", i + 10), &[(at(24, 9, 0), TicketStatus::New)]))
        .map(|mut c| {
            c.urgency = Urgency::Urgent;
            c
        })
        .collect();
    let board = board(&many, &DashboardFilter::default(), cal, at(25, 10, 0));
    assert_eq!(board.entries.len(), BOARD_LENGTH);
    assert_eq!(board.more, 5);
}

#[test]
fn countdowns_read_hours_minutes_seconds() {
    assert_eq!(countdown(Duration::seconds(3_725)), "1:02:05");
    assert_eq!(countdown(Duration::seconds(-59)), "0:00:59");
    assert_eq!(countdown(Duration::hours(30)), "30:00:00");
}
