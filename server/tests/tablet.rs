//! The technician's tablet through the API: the job list, one job with the unit's history, the
//! outbox's contract (a resent action applies once; a job reassigned meanwhile refuses the rest), and
//! the drawn signature stored as clean SVG paths and printed.

mod support;

use app::domain::Role;
use serde_json::{Value, json};
use support::{Session, TestApp, record, spawn_app, step, valid_intake};

fn ok(r: (u16, Value)) -> Value {
    assert_eq!(r.0, 200, "{}", r.1);
    r.1
}

fn soon() -> String {
    (chrono::Utc::now() + chrono::Duration::days(1)).format("%Y-%m-%dT09:30").to_string()
}

struct Desk {
    agent: Session,
    boss: Session,
    tech1: Session,
    tech2: Session,
}

async fn desk(app: &TestApp) -> Desk {
    app.add_user("agent1", &[Role::Agent]).await;
    app.add_user("boss1", &[Role::Supervisor]).await;
    app.add_user("tech1", &[Role::Technician]).await;
    app.add_user("tech2", &[Role::Technician]).await;
    Desk {
        agent: app.as_user("agent1").await,
        boss: app.as_user("boss1").await,
        tech1: app.as_user("tech1").await,
        tech2: app.as_user("tech2").await,
    }
}

/// A field repair accepted and dispatched to `to` (version 3).
async fn dispatched(d: &Desk, intake: Value, to: &str) -> String {
    let n = d.agent.create(intake).await;
    ok(step(&d.agent, &n, "accept", 1, json!({})).await);
    ok(step(&d.boss, &n, "dispatch", 2, json!({ "assignee": to })).await);
    n
}

#[tokio::test]
async fn a_technician_lists_only_their_own_open_jobs_with_a_running_deadline() {
    let app = spawn_app().await;
    let d = desk(&app).await;
    let mine = dispatched(&d, valid_intake(), "tech1").await;
    let theirs = dispatched(&d, valid_intake(), "tech2").await;
    let unassigned = d.agent.create(valid_intake()).await;

    let list = ok(d.tech1.call("jobs/mine", json!({})).await);
    assert_eq!(list["me"], "tech1");
    let numbers: Vec<&str> =
        list["jobs"].as_array().unwrap().iter().filter_map(|j| j["ticket"]["number"].as_str()).collect();
    assert_eq!(numbers, vec![mine.as_str()], "not {theirs} nor {unassigned}");
    let job = &list["jobs"][0];
    assert_eq!(job["ticket"]["phone"], "13812345678", "the technician calls the customer");
    assert_eq!(job["ticket"]["address"], "苏州工业园区星湖街 328 号");
    assert!(job["clock"]["deadline"].is_string(), "a running deadline is shown: {job}");

    // Done work leaves the list.
    ok(step(&d.tech1, &mine, "schedule", 3, json!({ "appointment": soon() })).await);
    ok(step(&d.boss, &mine, "cancel", 4, json!({ "reason": "客户已自行修复" })).await);
    let list = ok(d.tech1.call("jobs/mine", json!({})).await);
    assert_eq!(list["jobs"], json!([]));
}

#[tokio::test]
async fn a_resent_action_applies_once_and_a_job_reassigned_meanwhile_refuses_the_rest() {
    let app = spawn_app().await;
    let d = desk(&app).await;
    let n = dispatched(&d, valid_intake(), "tech1").await;
    // The outbox sends an action with its own key; the answer is lost and it sends it again.
    let accept = json!({ "request": { "number": n, "step": "schedule", "version": 3,
        "idempotency_key": "tab-1764000000000-abc", "appointment": soon().replace('T', " ") } });
    let first = ok(d.tech1.call("tickets/step", accept.clone()).await);
    let again = ok(d.tech1.call("tickets/step", accept).await);
    assert_eq!((first["version"].as_u64(), again["version"].as_u64()), (Some(4), Some(4)));
    let job = ok(d.tech1.call("jobs/get", json!({ "number": n })).await);
    let schedules =
        job["detail"]["events"].as_array().unwrap().iter().filter(|e| e["step"] == "schedule").count();
    assert_eq!(schedules, 1, "applied once");

    // While the tablet is offline the office gives the job to someone else.
    ok(step(&d.boss, &n, "dispatch", 4, json!({ "assignee": "tech2" })).await);
    let (status, body) = step(&d.tech1, &n, "depart", 4, json!({})).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error"], "forbidden");
    let (status, _) = d.tech1.call("jobs/get", json!({ "number": n })).await;
    assert_eq!(status, 403, "the job is no longer theirs to read");
    assert_eq!(ok(d.tech2.call("jobs/mine", json!({})).await)["jobs"][0]["ticket"]["number"], n.as_str());
}

fn report(signature: Value) -> Value {
    json!({ "report": {
        "fault_cause": "主轴轴承磨损", "work_done": "更换主轴轴承，空运转 2 小时正常",
        "parts": [{ "name": "主轴轴承", "code": "BRG-7014", "quantity": "2", "old_part": "returned" }],
        "work_minutes": "180", "travel_minutes": "45", "customer_opinion": "", "signed_by": "王建国",
        "signature": signature,
    } })
}

#[tokio::test]
async fn a_drawn_signature_is_kept_as_clean_paths_printed_and_shown_in_the_units_history() {
    let app = spawn_app().await;
    let d = desk(&app).await;
    let mut intake = valid_intake();
    intake["purchase_date"] =
        json!((chrono::Utc::now() - chrono::Duration::days(30)).format("%Y-%m-%d").to_string());
    let n = dispatched(&d, intake.clone(), "tech1").await;
    ok(step(&d.tech1, &n, "schedule", 3, json!({ "appointment": soon() })).await);
    ok(step(&d.tech1, &n, "depart", 4, json!({})).await);
    ok(step(&d.tech1, &n, "start_work", 5, json!({})).await);
    let start = intake["purchase_date"].clone();
    ok(record(&d.tech1, "service/warranty", &n, 6, json!({ "start_date": start, "months": "12" })).await);

    let (status, body) = record(
        &d.tech1,
        "service/report",
        &n,
        7,
        report(json!(["M10 10L50 40", "M1 2\"/><script>alert(1)</script>"])),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["fields"][0]["field"], "signature");
    assert_eq!(body["fields"][0]["code"], "error.signature_unreadable");
    let (status, _) = record(&d.tech1, "service/report", &n, 7, report(json!(vec!["M1 1"; 151]))).await;
    assert_eq!(status, 422, "too many strokes");

    ok(record(&d.tech1, "service/report", &n, 7, report(json!(["M10 10L50 40L80 35", "M100 20L140 60"])))
        .await);
    let job = ok(d.tech1.call("jobs/get", json!({ "number": n })).await);
    assert_eq!(
        job["detail"]["service"]["report"]["content"]["signature"],
        json!(["M10 10L50 40L80 35", "M100 20L140 60"])
    );
    let (status, html) = d.tech1.page(&format!("/tickets/{n}/report")).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"<path d="M10 10L50 40L80 35""#), "the printed report draws the signature");
    assert!(html.contains(r#"viewBox="0 0 600 200""#));

    // The same unit fails again: the next job shows what was done last time.
    ok(step(&d.tech1, &n, "resolve", 8, json!({})).await);
    let list = ok(d.tech1.call("jobs/mine", json!({})).await);
    assert_eq!(list["jobs"], json!([]), "a resolved job is no longer the technician's to work on");
    let next = dispatched(&d, intake, "tech1").await;
    let job = ok(d.tech1.call("jobs/get", json!({ "number": next })).await);
    let earlier = &job["history"][0];
    assert_eq!(earlier["number"], n.as_str());
    assert_eq!(earlier["work_done"], "更换主轴轴承，空运转 2 小时正常");
    assert_eq!(earlier["technician"].as_str().map(|s| !s.is_empty()), Some(true));
    assert!(job["parts"].is_array());
}

#[tokio::test]
async fn the_job_pages_open_for_the_technician_and_not_for_others() {
    let app = spawn_app().await;
    let d = desk(&app).await;
    let n = dispatched(&d, valid_intake(), "tech1").await;
    let (status, html) = d.tech1.page("/jobs").await;
    assert_eq!(status, 200);
    assert!(html.contains(&n), "the home lists the job");
    let (status, html) = d.tech1.page(&format!("/jobs/{n}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("tel:13812345678"), "the contact is one tap away");
    assert!(html.contains("uri.amap.com"), "so is the map");
    let (status, _) = d.tech2.page(&format!("/jobs/{n}")).await;
    assert_eq!(status, 403);
}

async fn send_photo(s: &Session, number: &str, key: &str, stage: &str, bytes: &[u8]) -> (u16, Value) {
    let (content_type, body) = support::photo_form(&[("key", key), ("stage", stage)], bytes);
    let mut request = s
        .client
        .post(format!("{}/jobs/{number}/photos", s.base))
        .header("origin", s.base.clone())
        .header("content-type", content_type)
        .body(body);
    if let Some(cookie) = &s.cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.expect("answered");
    let status = response.status().as_u16();
    let text = response.text().await.unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

#[tokio::test]
async fn job_photos_are_limited_by_size_and_content_at_the_server_and_stored_once() {
    let data = tempfile::tempdir().expect("a temporary folder");
    let mut settings = server::Settings::for_tests();
    settings.data_dir = data.path().to_string_lossy().into_owned();
    let app = support::spawn_with(settings).await;
    let d = desk(&app).await;
    let n = dispatched(&d, valid_intake(), "tech1").await;

    // Oversized, not an image (whatever it claims), a stage that is not one: refused, nothing kept.
    let mut huge = vec![0xFF, 0xD8, 0xFF, 0xE0];
    huge.resize(8 * 1024 * 1024 + 1, 0);
    let (status, body) = send_photo(&d.tech1, &n, "tab-photo-0001", "fault", &huge).await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (413, Some("error.photo_too_large")), "{body}");
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    let (status, body) = send_photo(&d.tech1, &n, "tab-photo-0002", "fault", svg).await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (415, Some("error.photo_type")), "{body}");
    let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 1, 2, 3];
    assert_eq!(send_photo(&d.tech1, &n, "tab-photo-0003", "selfie", &jpeg).await.0, 400);
    assert_eq!(send_photo(&d.tech1, &n, "short", "fault", &jpeg).await.0, 400);
    // Not their job; not signed in.
    assert_eq!(send_photo(&d.tech2, &n, "tab-photo-0004", "fault", &jpeg).await.0, 403);
    assert_eq!(send_photo(&app.anonymous(), &n, "tab-photo-0005", "fault", &jpeg).await.0, 401);
    assert!(support::files_in(data.path()).is_empty(), "{:?}", support::files_in(data.path()));

    // A photo, sent twice (the answer was lost): one file, one event, the same answer.
    let (status, first) = send_photo(&d.tech1, &n, "tab-photo-0006", "fault", &jpeg).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["version"], 4);
    let (status, again) = send_photo(&d.tech1, &n, "tab-photo-0006", "fault", &jpeg).await;
    assert_eq!((status, again), (200, first));
    let stored = support::files_in(data.path());
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(std::fs::read(&stored[0]).unwrap(), jpeg);
    let job = ok(d.tech1.call("jobs/get", json!({ "number": n })).await);
    let photos: Vec<&Value> =
        job["detail"]["events"].as_array().unwrap().iter().filter(|e| e["record"] == "photo_fault").collect();
    assert_eq!(photos.len(), 1);
    let file = photos[0]["note"].as_str().unwrap();
    let (status, _) = d.tech1.page(&format!("/tickets/{n}/photos/{file}")).await;
    assert_eq!(status, 200, "the desk and the technician see it with the ticket");
}
