use super::*;

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

fn counts(tally: &Tally) -> Vec<(TicketStatus, i64)> {
    let mut by_status: Vec<(TicketStatus, i64)> = tally.buckets().iter().map(|b| (b.status, b.n)).collect();
    by_status.sort_by_key(|(s, _)| s.as_str());
    by_status
}

const ANY: DashboardFilter = DashboardFilter { region: String::new(), product_line: String::new() };

#[test]
fn changes_move_tickets_between_buckets_and_count_today_once() {
    let mut tally =
        Tally::from_snapshot(vec![facts("A", 2, TicketStatus::Accepted, "苏州")], vec![], vec![], day(26));
    // A registration is new to the tally: the caller reads it back and applies it as it is now.
    assert_eq!(tally.apply(facts("B", 1, TicketStatus::New, "深圳"), day(26)), Verdict::Confirm);
    tally.apply_current(Some(facts("B", 1, TicketStatus::New, "深圳")), day(26));
    assert_eq!(counts(&tally), [(TicketStatus::Accepted, 1), (TicketStatus::New, 1)]);
    assert_eq!(tally.today(day(26), &ANY), (1, 0));

    assert_eq!(tally.apply(facts("A", 3, TicketStatus::Closed, "苏州"), day(26)), Verdict::Applied);
    assert_eq!(counts(&tally), [(TicketStatus::New, 1)]);
    assert_eq!(tally.today(day(26), &ANY), (1, 1));
    // The same change again, and an older one arriving late, change nothing.
    tally.apply(facts("A", 3, TicketStatus::Closed, "苏州"), day(26));
    tally.apply(facts("B", 1, TicketStatus::New, "深圳"), day(26));
    assert_eq!(tally.apply(facts("A", 2, TicketStatus::Accepted, "苏州"), day(26)), Verdict::Confirm);
    tally.apply_current(Some(facts("A", 3, TicketStatus::Closed, "苏州")), day(26));
    assert_eq!(counts(&tally), [(TicketStatus::New, 1)]);
    assert_eq!(tally.today(day(26), &ANY), (1, 1));
}

#[test]
fn cancelling_is_not_closing_and_a_new_day_starts_at_zero() {
    let open =
        vec![facts("A", 1, TicketStatus::New, "苏州"), facts("B", 4, TicketStatus::InProgress, "深圳")];
    let mut tally =
        Tally::from_snapshot(open, vec![("A".into(), ("苏州".into(), "VMC".into()))], vec![], day(26));
    tally.apply(facts("A", 2, TicketStatus::Cancelled, "苏州"), day(26));
    assert_eq!(tally.today(day(26), &ANY), (1, 0), "cancelled work is not a closure");
    tally.apply(facts("B", 5, TicketStatus::Resolved, "深圳"), day(27));
    tally.apply(facts("B", 6, TicketStatus::Closed, "深圳"), day(27));
    assert_eq!(tally.today(day(27), &ANY), (0, 1));
    assert_eq!(counts(&tally), []);
}

#[test]
fn a_ticket_changing_region_or_urgency_changes_bucket() {
    let mut tally =
        Tally::from_snapshot(vec![facts("A", 1, TicketStatus::New, "苏州")], vec![], vec![], day(26));
    let mut moved = facts("A", 2, TicketStatus::New, "深圳");
    moved.key.urgency = Urgency::Urgent;
    tally.apply(moved, day(26));
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
    let tally = Tally::from_snapshot(vec![], registered, vec![], day(26));
    let suzhou = DashboardFilter { region: "苏州".into(), product_line: String::new() };
    let gx = DashboardFilter { region: String::new(), product_line: "GX".into() };
    assert_eq!(tally.today(day(26), &suzhou), (1, 0));
    assert_eq!(tally.today(day(26), &gx), (1, 0));
    assert_eq!(tally.today(day(25), &ANY), (0, 0));
}
