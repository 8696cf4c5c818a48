use super::*;
use crate::domain::TicketStatus::{Dispatched, EnRoute, InProgress, Resolved, Scheduled};

fn step(step: Step) -> Intent {
    Intent::Step { step, appointment: String::new() }
}

fn action(id: &str, number: &str, intent: Intent, to: TicketStatus, now_ms: i64) -> NewAction {
    NewAction {
        id: id.into(),
        number: number.into(),
        intent,
        server_version: 7,
        server_status: Dispatched,
        to,
        now_ms,
    }
}

fn three_steps() -> Outbox {
    let mut outbox = Outbox::default();
    outbox.enqueue(action("a1", "SV-1", step(Step::Schedule), Scheduled, 0)).unwrap();
    outbox.enqueue(action("a2", "SV-1", step(Step::Depart), EnRoute, 1_000)).unwrap();
    outbox.enqueue(action("a3", "SV-1", step(Step::StartWork), InProgress, 2_000)).unwrap();
    outbox
}

#[test]
fn queued_actions_expect_the_versions_and_states_their_predecessors_lead_to() {
    let outbox = three_steps();
    let chain: Vec<_> = outbox.entries.iter().map(|e| (e.version, e.from, e.to)).collect();
    assert_eq!(chain, vec![(7, Dispatched, Scheduled), (8, Scheduled, EnRoute), (9, EnRoute, InProgress)]);
    assert_eq!(outbox.projected_status("SV-1", (Dispatched, 7)), InProgress);
    assert_eq!(outbox.projected_status("SV-2", (Dispatched, 7)), Dispatched);
}

#[test]
fn nothing_is_sent_inside_the_undo_window_and_a_job_goes_strictly_in_order() {
    let outbox = three_steps();
    assert_eq!(outbox.next_ready(UNDO_WINDOW_MS - 1), None);
    assert_eq!(outbox.next_ready(UNDO_WINDOW_MS).map(|e| e.id.as_str()), Some("a1"));
    // Much later, still the first: the second waits for the first's answer.
    assert_eq!(outbox.next_ready(UNDO_WINDOW_MS * 10).map(|e| e.id.as_str()), Some("a1"));
}

#[test]
fn a_report_is_not_held_back_by_an_undo_window() {
    let mut outbox = Outbox::default();
    let report = Intent::Report { report: ReportInput::default() };
    outbox.enqueue(action("r1", "SV-1", report, Dispatched, 500)).unwrap();
    assert_eq!(outbox.next_ready(500).map(|e| e.id.as_str()), Some("r1"));
    assert!(outbox.has_report("SV-1"));
}

#[test]
fn a_photo_waits_behind_the_jobs_earlier_actions_but_not_for_an_undo_window() {
    let mut outbox = three_steps();
    let photo = Intent::Photo {
        stage: crate::domain::photo::PhotoStage::Fault,
        data_url: "data:image/jpeg;base64,/9j/".into(),
    };
    let entry = outbox.enqueue(action("p1", "SV-1", photo, InProgress, 3_000)).unwrap();
    assert_eq!((entry.version, entry.send_after_ms), (10, 3_000));
    outbox.applied("a1", 8);
    outbox.applied("a2", 9);
    outbox.applied("a3", 10);
    assert_eq!(outbox.next_ready(3_000).map(|e| e.id.as_str()), Some("p1"));
}

#[test]
fn applying_rechains_the_following_versions_to_what_the_server_answered() {
    let mut outbox = three_steps();
    // The office added a note meanwhile and the first step was rebased: the server answers version 9.
    outbox.applied("a1", 9);
    let versions: Vec<_> = outbox.entries.iter().map(|e| (e.id.as_str(), e.version)).collect();
    assert_eq!(versions, vec![("a2", 9), ("a3", 10)]);
    outbox.applied("unknown", 99);
    assert_eq!(outbox.entries.len(), 2);
}

#[test]
fn after_the_queue_empties_the_next_action_expects_what_the_server_last_answered() {
    let mut outbox = three_steps();
    outbox.applied("a1", 8);
    outbox.applied("a2", 9);
    outbox.applied("a3", 10);
    // The page still shows the job as it loaded it: dispatched, version 7.
    assert_eq!(outbox.projected_status("SV-1", (Dispatched, 7)), InProgress);
    let report = Intent::Report { report: ReportInput::default() };
    let entry = outbox.enqueue(action("r1", "SV-1", report, InProgress, 9_000)).unwrap();
    assert_eq!((entry.version, entry.from), (10, InProgress));
    // Once the page has read a newer copy, that one counts.
    assert_eq!(outbox.latest("SV-1", (Resolved, 12)), (Resolved, 12));
    assert_eq!(outbox.latest("SV-1", (Dispatched, 7)), (InProgress, 10));
}

#[test]
fn undo_takes_back_only_the_last_action_and_only_inside_its_window() {
    let mut outbox = three_steps();
    assert_eq!(outbox.undo("SV-1", 2_000 + UNDO_WINDOW_MS), None, "window closed");
    assert_eq!(outbox.undo("SV-1", 2_500).map(|e| e.id), Some("a3".into()));
    assert_eq!(outbox.undo("SV-1", 2_500).map(|e| e.id), Some("a2".into()));
    assert_eq!(outbox.undo("SV-2", 0), None);
    assert_eq!(outbox.projected_status("SV-1", (Dispatched, 7)), Scheduled);
}

#[test]
fn a_blocked_job_stops_its_own_queue_but_not_other_jobs() {
    let mut outbox = three_steps();
    outbox.enqueue(action("b1", "SV-2", step(Step::Depart), EnRoute, 0)).unwrap();
    outbox.block("a1", Block::NotYours);
    let later = UNDO_WINDOW_MS * 10;
    assert_eq!(outbox.next_ready(later).map(|e| e.id.as_str()), Some("b1"));
    assert_eq!(
        outbox.enqueue(action("a4", "SV-1", step(Step::Resolve), Resolved, 0)).err(),
        Some(QueueRefusal::JobBlocked)
    );
    assert_eq!(outbox.undo("SV-1", 0).map(|e| e.id), Some("a3".into()), "the unblocked tail can be undone");
    outbox.resume("SV-1", 12);
    assert_eq!(outbox.next_ready(later).map(|e| (e.id.as_str(), e.version)), Some(("a1", 12)));
    assert_eq!(outbox.discard("SV-1"), 2);
    assert_eq!(outbox.entries.len(), 1);
}

#[test]
fn a_full_outbox_refuses_rather_than_drops() {
    let mut outbox = Outbox::default();
    for n in 0..CAPACITY {
        outbox.enqueue(action(&format!("k{n}"), &format!("SV-{n}"), step(Step::Depart), EnRoute, 0)).unwrap();
    }
    let refused = outbox.enqueue(action("over", "SV-x", step(Step::Depart), EnRoute, 0));
    assert_eq!(refused.err(), Some(QueueRefusal::Full));
    assert_eq!(outbox.entries.len(), CAPACITY);
}

#[test]
fn a_conflict_rebases_only_when_the_job_is_still_mine_and_where_the_action_starts() {
    let outbox = three_steps();
    let first = &outbox.entries[0];
    assert_eq!(
        on_conflict(first, Dispatched, 8, Some("tech"), "tech"),
        ConflictOutcome::Rebase { version: 8 }
    );
    assert_eq!(
        on_conflict(first, Dispatched, 8, Some("tech2"), "tech"),
        ConflictOutcome::Stop(Block::NotYours)
    );
    assert_eq!(on_conflict(first, Dispatched, 8, None, "tech"), ConflictOutcome::Stop(Block::NotYours));
    assert_eq!(
        on_conflict(first, Scheduled, 8, Some("tech"), "tech"),
        ConflictOutcome::Stop(Block::Changed { status: Scheduled, version: 8 })
    );
}

#[test]
fn the_outbox_survives_a_round_trip_through_storage() {
    let mut outbox = three_steps();
    outbox.block("a1", Block::Refused { message_key: "refusal.x".into() });
    let text = serde_json::to_string(&outbox).unwrap();
    assert_eq!(serde_json::from_str::<Outbox>(&text).unwrap(), outbox);
}
