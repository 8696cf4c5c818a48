//! Property tests of the clocks: random histories with pauses, read at random moments.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::*;
use crate::domain::workflow::properties::Rng;
use crate::domain::{ServiceType, TicketStatus, Urgency};

fn start() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or_default()
}

/// A random history: states entered at random moments over about two months of 2026.
fn history(rng: &mut Rng) -> Vec<(NaiveDateTime, TicketStatus)> {
    let mut at = start() + Duration::minutes(rng.below(60 * 24 * 60) as i64);
    let mut out = vec![(at, TicketStatus::New)];
    for _ in 0..rng.below(12) {
        at += Duration::minutes(1 + rng.below(60 * 24 * 4) as i64);
        out.push((at, rng.pick(TicketStatus::ALL)));
    }
    out
}

#[test]
fn clocks_never_go_negative_never_run_backwards_and_stand_still_while_paused() {
    let calendar = WorkCalendar::china_default();
    let mut readings = 0;
    for seed in 0..4000u64 {
        let mut rng = Rng::new(seed);
        let t = rng.pick(ServiceType::ALL);
        let u = rng.pick(Urgency::ALL);
        let history = history(&mut rng);
        for policy in default_policies(t, u, calendar.working_day(), rng.chance(50)) {
            let Some(clock) = clock_from_history(&policy, &history) else { continue };
            let last = history.last().map(|(at, _)| *at).unwrap_or_default();
            let a = last + Duration::minutes(rng.below(60 * 24 * 10) as i64);
            let b = a + Duration::minutes(1 + rng.below(60 * 24 * 10) as i64);
            let (ra, rb) = (clock.read(&calendar, a, 0.8), clock.read(&calendar, b, 0.8));
            readings += 1;
            let why = format!("seed {seed} {:?}: {history:?}", policy.kind);
            assert!(ra.used >= Duration::zero() && rb.used >= Duration::zero(), "negative use: {why}");
            assert!(rb.used >= ra.used, "ran backwards: {why}");
            assert_eq!(ra.remaining, policy.budget - ra.used, "remaining is budget minus use: {why}");
            let paused_now =
                clock.stopped.is_none() && clock.pauses.last().is_some_and(|(_, end)| end.is_none());
            if paused_now || clock.stopped.is_some() {
                assert_eq!(ra.used, rb.used, "a paused or stopped clock stands still: {why}");
                assert_eq!(ra.deadline, None, "no deadline while paused or stopped: {why}");
            }
            assert_eq!(ra.paused, paused_now, "{why}");
            if ra.used > policy.budget {
                assert_eq!(ra.state, ClockState::Breached, "over budget is breached, stopped or not: {why}");
            }
            if let Some(deadline) = ra.deadline {
                assert!(ra.remaining >= Duration::zero(), "a deadline only while budget remains: {why}");
                assert_eq!(
                    calendar.between(a, deadline),
                    ra.remaining,
                    "the deadline is the remaining work away: {why}"
                );
            }
        }
    }
    assert!(readings > 4000, "enough clocks started to mean something ({readings})");
}

#[test]
fn a_clock_runs_exactly_outside_its_pauses() {
    let calendar = WorkCalendar::china_default();
    for seed in 0..2000u64 {
        let mut rng = Rng::new(seed);
        let begin = start() + Duration::minutes(rng.below(60 * 24 * 300) as i64);
        let pause_at = begin + Duration::minutes(rng.below(60 * 24 * 5) as i64);
        let resume_at = pause_at + Duration::minutes(rng.below(60 * 24 * 5) as i64);
        let now = resume_at + Duration::minutes(rng.below(60 * 24 * 5) as i64);
        let clock = SlaClock {
            budget: Duration::hours(1000),
            started: begin,
            pauses: vec![(pause_at, Some(resume_at))],
            stopped: None,
        };
        let expected = calendar.between(begin, pause_at) + calendar.between(resume_at, now);
        assert_eq!(clock.read(&calendar, now, 0.8).used, expected, "seed {seed}");
    }
}
