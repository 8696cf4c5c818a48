use super::*;
use crate::dashboard::feed::FeedEntry;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn facts(number: &str, version: u64, status: TicketStatus, region: &str) -> TallyFacts {
    TallyFacts {
        number: number.into(),
        version,
        key: OpenKey {
            status,
            service_type: ServiceType::FieldRepair,
            urgency: Urgency::Normal,
            region: region.into(),
            product_line: "VMC".into(),
        },
    }
}

/// The ticket as a read-back would give it, with one event at its version.
fn now(facts: TallyFacts) -> TicketNow {
    let at = chrono::DateTime::from_timestamp(1_764_000_000 + facts.version as i64 * 60, 0).unwrap();
    let k = &facts.key;
    let sla = SlaCandidate {
        number: facts.number.clone(),
        company: "苏州精密".into(),
        status: k.status,
        urgency: k.urgency,
        service_type: k.service_type,
        outside_repairer: false,
        region: k.region.clone(),
        product_line: k.product_line.clone(),
        technician: Some("王磊".into()),
        history: vec![(at.naive_utc(), k.status)],
    };
    let event = FeedEntry {
        at,
        number: facts.number.clone(),
        version: facts.version,
        company: "苏州精密".into(),
        region: k.region.clone(),
        product_line: k.product_line.clone(),
        urgency: k.urgency,
        actor: "王磊".into(),
        step: None,
        to_status: k.status,
    };
    TicketNow { facts, sla, assignee: Some("wang".into()), appointment: None, events: vec![event] }
}

/// A change as the follower handles it: noted, then read back unless stale.
fn change(tally: &mut Tally, facts: TallyFacts, today: NaiveDate) -> Verdict {
    let verdict = tally.apply(facts.clone(), today);
    if verdict == Verdict::Confirm {
        tally.apply_current(Some(now(facts)), today);
    }
    verdict
}

fn counts(tally: &Tally) -> Vec<(TicketStatus, i64)> {
    let mut by_status: Vec<(TicketStatus, i64)> = tally.buckets().iter().map(|b| (b.status, b.n)).collect();
    by_status.sort_by_key(|(s, _)| s.as_str());
    by_status
}

const ANY: DashboardFilter = DashboardFilter { region: String::new(), product_line: String::new() };

fn snapshot(open: Vec<TallyFacts>, registered: Vec<(String, Place)>, today: NaiveDate) -> Tally {
    Tally::from_snapshot(open.into_iter().map(now).collect(), registered, vec![], vec![], today)
}

#[test]
fn changes_move_tickets_between_buckets_and_count_today_once() {
    let mut tally = snapshot(vec![facts("A", 2, TicketStatus::Accepted, "苏州")], vec![], day(26));
    // A registration is new to the tally: the caller reads it back and applies it as it is now.
    assert_eq!(change(&mut tally, facts("B", 1, TicketStatus::New, "深圳"), day(26)), Verdict::Confirm);
    assert_eq!(counts(&tally), [(TicketStatus::Accepted, 1), (TicketStatus::New, 1)]);
    assert_eq!(tally.today(day(26), &ANY), (1, 0));

    assert_eq!(change(&mut tally, facts("A", 3, TicketStatus::Closed, "苏州"), day(26)), Verdict::Confirm);
    assert_eq!(counts(&tally), [(TicketStatus::New, 1)]);
    assert_eq!(tally.today(day(26), &ANY), (1, 1));
    // The same change again, and an older one arriving late, change nothing.
    change(&mut tally, facts("A", 3, TicketStatus::Closed, "苏州"), day(26));
    change(&mut tally, facts("B", 1, TicketStatus::New, "深圳"), day(26));
    assert_eq!(tally.apply(facts("A", 2, TicketStatus::Accepted, "苏州"), day(26)), Verdict::Confirm);
    tally.apply_current(Some(now(facts("A", 3, TicketStatus::Closed, "苏州"))), day(26));
    assert_eq!(counts(&tally), [(TicketStatus::New, 1)]);
    assert_eq!(tally.today(day(26), &ANY), (1, 1));
    // A change older than what is held needs no read; a read-back older than it moves nothing.
    change(&mut tally, facts("B", 3, TicketStatus::Accepted, "深圳"), day(26));
    assert_eq!(tally.apply(facts("B", 2, TicketStatus::New, "深圳"), day(26)), Verdict::Stale);
    tally.apply_current(Some(now(facts("B", 2, TicketStatus::New, "深圳"))), day(26));
    assert_eq!(counts(&tally), [(TicketStatus::Accepted, 1)]);
}

#[test]
fn the_boards_and_the_feed_read_held_tickets_and_their_events() {
    let mut tally = snapshot(vec![facts("A", 2, TicketStatus::InProgress, "苏州")], vec![], day(26));
    change(&mut tally, facts("B", 1, TicketStatus::New, "深圳"), day(26));
    let jobs = tally.jobs(&[TicketStatus::InProgress]);
    assert_eq!(
        jobs.iter().map(|j| (j.number.as_str(), j.tech.as_str())).collect::<Vec<_>>(),
        [("A", "wang")]
    );
    let mut candidates: Vec<&str> = tally.sla_candidates().map(|c| c.number.as_str()).collect();
    candidates.sort();
    assert_eq!(candidates, ["A", "B"]);

    change(&mut tally, facts("A", 3, TicketStatus::Closed, "苏州"), day(26));
    assert!(tally.jobs(&[TicketStatus::InProgress]).is_empty(), "a closed job leaves the board");
    assert_eq!(tally.sla_candidates().count(), 1);
    let feed = tally.feed(&ANY, 10, chrono_tz::Asia::Shanghai);
    let listed: Vec<(&str, TicketStatus)> = feed.iter().map(|f| (f.number.as_str(), f.to_status)).collect();
    assert_eq!(
        listed,
        [("A", TicketStatus::Closed), ("A", TicketStatus::InProgress), ("B", TicketStatus::New)],
        "the closure of a ticket no longer held still reaches the feed, newest first"
    );
    let shenzhen = DashboardFilter { region: "深圳".into(), product_line: String::new() };
    assert_eq!(tally.feed(&shenzhen, 10, chrono_tz::Asia::Shanghai).len(), 1);
}

#[test]
fn cancelling_is_not_closing_and_a_new_day_starts_at_zero() {
    let open =
        vec![facts("A", 1, TicketStatus::New, "苏州"), facts("B", 4, TicketStatus::InProgress, "深圳")];
    let mut tally = snapshot(open, vec![("A".into(), ("苏州".into(), "VMC".into()))], day(26));
    change(&mut tally, facts("A", 2, TicketStatus::Cancelled, "苏州"), day(26));
    assert_eq!(tally.today(day(26), &ANY), (1, 0), "cancelled work is not a closure");
    change(&mut tally, facts("B", 5, TicketStatus::Resolved, "深圳"), day(27));
    change(&mut tally, facts("B", 6, TicketStatus::Closed, "深圳"), day(27));
    assert_eq!(tally.today(day(27), &ANY), (0, 1));
    assert_eq!(counts(&tally), []);
}

#[test]
fn a_ticket_changing_region_or_urgency_changes_bucket() {
    let mut tally = snapshot(vec![facts("A", 1, TicketStatus::New, "苏州")], vec![], day(26));
    let mut moved = facts("A", 2, TicketStatus::New, "深圳");
    moved.key.urgency = Urgency::Urgent;
    change(&mut tally, moved, day(26));
    let buckets = tally.buckets();
    assert_eq!(buckets.len(), 1);
    assert_eq!((buckets[0].region.as_str(), buckets[0].urgency, buckets[0].n), ("深圳", Urgency::Urgent, 1));
}

#[test]
fn today_respects_the_filters() {
    let registered = vec![
        ("A".to_owned(), ("苏州".to_owned(), "VMC".to_owned())),
        ("B".to_owned(), ("深圳".to_owned(), "GX".to_owned())),
    ];
    let tally = snapshot(vec![], registered, day(26));
    let suzhou = DashboardFilter { region: "苏州".into(), product_line: String::new() };
    let gx = DashboardFilter { region: String::new(), product_line: "GX".into() };
    assert_eq!(tally.today(day(26), &suzhou), (1, 0));
    assert_eq!(tally.today(day(26), &gx), (1, 0));
    assert_eq!(tally.today(day(25), &ANY), (0, 0));
}
