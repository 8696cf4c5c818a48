//! The live path over HTTP: a committed change reaches the open streams that may see it, and only
//! those; streams resume from their last event id.

mod support;

use std::time::{Duration, Instant};

use app::domain::Role;
use serde_json::{Value, json};
use support::sse::EventStream;
use support::{spawn_app, step, valid_intake};

const WAIT: Duration = Duration::from_secs(5);
/// How long a test waits to be sure something does not arrive.
const QUIET: Duration = Duration::from_millis(700);

fn ok(r: (u16, Value)) {
    assert_eq!(r.0, 200, "{}", r.1);
}

async fn opened(stream: Result<EventStream, u16>) -> EventStream {
    let mut stream = stream.expect("the stream opens");
    let hello = stream.next(WAIT).await.expect("a hello comes first");
    assert_eq!(hello.event, "hello");
    stream
}

/// The next change of ticket `number` on `stream`.
async fn change_of(stream: &mut EventStream, number: &str) -> Value {
    loop {
        let event = stream.next_named("change", WAIT).await.expect("a change arrives");
        let change = event.json();
        if change["number"] == number {
            assert!(event.id.is_some(), "changes carry an id");
            return change;
        }
    }
}

#[tokio::test]
async fn a_committed_step_reaches_the_dashboard_the_queue_and_the_ticket_page() {
    let app = spawn_app().await;
    let n = app.create(valid_intake()).await;
    let mut dashboard = opened(app.live("dashboard", None).await).await;
    let mut queue = opened(app.live("tickets", None).await).await;
    let mut page = app.live(&format!("ticket:{n}"), None).await.expect("the ticket stream opens");
    let hello = page.next(WAIT).await.unwrap();
    assert_eq!(
        hello.json(),
        json!({ "resumed": false, "version": 1 }),
        "the page learns the version to compare"
    );

    let started = Instant::now();
    ok(step(&app, &n, "accept", 1, json!({})).await);
    for stream in [&mut dashboard, &mut queue, &mut page] {
        let change = change_of(stream, &n).await;
        assert_eq!(change["version"], 2);
        assert_eq!(change["status"], "accepted");
        assert_eq!(change["service_type"], "field_repair");
    }
    println!("step to three streams: {:?}", started.elapsed());

    // A new ticket reaches the queue too.
    let second = app.create(valid_intake()).await;
    assert_eq!(change_of(&mut queue, &second).await["version"], 1);
}

#[tokio::test]
async fn streams_are_refused_to_whoever_may_not_see_them() {
    let app = spawn_app().await;
    app.add_user("tech1", &[Role::Technician]).await;
    app.add_user("agent1", &[Role::Agent]).await;
    let tech = app.as_user("tech1").await;
    let agent = app.as_user("agent1").await;
    let n = app.create(valid_intake()).await;
    let status = |r: Result<EventStream, u16>| r.err().unwrap_or(200);
    assert_eq!(status(app.anonymous().live("tickets", None).await), 401);
    assert_eq!(status(app.live("everything", None).await), 400);
    assert_eq!(status(app.live("ticket:SV-20200101-0001", None).await), 404);
    assert_eq!(status(tech.live("dashboard", None).await), 403);
    assert_eq!(status(tech.live("tickets", None).await), 403);
    assert_eq!(status(tech.live(&format!("ticket:{n}"), None).await), 403, "not dispatched to them");
    assert_eq!(status(agent.live("dashboard", None).await), 403);
    assert_eq!(status(agent.live("jobs", None).await), 403);
    assert_eq!(status(agent.live("tickets", None).await), 200);
}

#[tokio::test]
async fn a_technician_hears_of_their_own_jobs_only_and_of_losing_one() {
    let app = spawn_app().await;
    app.add_user("tech1", &[Role::Technician]).await;
    app.add_user("tech2", &[Role::Technician]).await;
    let tech = app.as_user("tech1").await;
    let mine = app.create(valid_intake()).await;
    let other = app.create(valid_intake()).await;
    for (n, who) in [(&mine, "tech1"), (&other, "tech2")] {
        ok(step(&app, n, "accept", 1, json!({})).await);
        ok(step(&app, n, "dispatch", 2, json!({ "assignee": who })).await);
    }
    let mut jobs = opened(tech.live("jobs", None).await).await;
    let mut page = opened(tech.live(&format!("ticket:{mine}"), None).await).await;

    // Another technician's job moves: nothing reaches tech1.
    let soon = (chrono::Utc::now() + chrono::Duration::days(1)).format("%Y-%m-%dT09:30").to_string();
    let tech2 = app.as_user("tech2").await;
    ok(step(&tech2, &other, "schedule", 3, json!({ "appointment": soon })).await);
    assert!(jobs.next(QUIET).await.is_none(), "no word of another's job");

    // Their own job moves: both streams hear it.
    ok(step(&tech, &mine, "schedule", 3, json!({ "appointment": soon })).await);
    assert_eq!(change_of(&mut jobs, &mine).await["status"], "scheduled");
    assert_eq!(change_of(&mut page, &mine).await["status"], "scheduled");

    // Reassigned to tech2: the jobs page drops it (its number and nothing else), the ticket page
    // is told it is gone and its stream ends.
    ok(step(&app, &mine, "dispatch", 4, json!({ "assignee": "tech2" })).await);
    let removed = jobs.next(WAIT).await.expect("the loss is told");
    assert_eq!((removed.event.as_str(), removed.json()), ("removed", json!({ "number": mine })));
    let gone = page.next(WAIT).await.expect("the ticket page is told");
    assert_eq!((gone.event.as_str(), gone.json()), ("gone", json!({ "number": mine })));
    assert!(page.ends_within(WAIT).await, "the ticket stream ends");
    // And later changes of it stay with tech2.
    ok(step(&tech2, &mine, "schedule", 5, json!({ "appointment": soon })).await);
    assert!(jobs.next(QUIET).await.is_none());
}

#[tokio::test]
async fn a_stream_that_reconnects_gets_what_it_missed_and_a_stranger_id_re_fetches() {
    let app = spawn_app().await;
    let n = app.create(valid_intake()).await;
    let mut queue = opened(app.live("tickets", None).await).await;
    ok(step(&app, &n, "accept", 1, json!({})).await);
    let first = queue.next_named("change", WAIT).await.unwrap();
    drop(queue);

    ok(step(&app, &n, "cancel", 2, json!({ "reason": "客户撤回" })).await);
    let other = app.create(valid_intake()).await;

    let last = first.id.clone().unwrap();
    let mut resumed = app.live("tickets", Some(&last)).await.unwrap();
    let hello = resumed.next(WAIT).await.unwrap();
    assert_eq!(hello.json()["resumed"], true, "nothing was missed beyond the ring");
    assert_eq!(change_of(&mut resumed, &n).await["status"], "cancelled");
    assert_eq!(change_of(&mut resumed, &other).await["version"], 1);

    // An id from another process (or garbage) cannot be resumed: the page must re-fetch.
    let mut stranger = app.live("tickets", Some("abc123-5")).await.unwrap();
    assert_eq!(stranger.next(WAIT).await.unwrap().json()["resumed"], false);
}

#[tokio::test]
async fn signing_out_ends_the_streams_of_that_session_only() {
    let app = spawn_app().await;
    app.add_user("boss", &[Role::Supervisor]).await;
    let leaving = app.as_user("boss").await;
    let staying = app.as_user("boss").await;
    let mut ends = opened(leaving.live("dashboard", None).await).await;
    let mut stays = opened(staying.live("dashboard", None).await).await;
    ok(leaving.call("auth/sign_out", json!({})).await);
    let wait = app::live::sse::SESSION_CHECK + Duration::from_secs(3);
    let last = ends.next_named("signed_out", wait).await;
    assert!(last.is_some(), "the signed-out session's stream says so");
    assert!(ends.ends_within(WAIT).await, "and ends");
    assert!(stays.next_named("signed_out", QUIET).await.is_none(), "another device's stream stays open");
    // What the other session is still allowed to see keeps arriving.
    let n = app.create(valid_intake()).await;
    change_of(&mut stays, &n).await;
}
