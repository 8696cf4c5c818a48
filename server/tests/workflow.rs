//! The workflow through the API: a whole life cycle, refusals, stale versions, concurrent steps and
//! replayed requests.

mod support;

use std::collections::HashSet;

use app::domain::Role;
use serde_json::{Value, json};
use support::{Session, TestApp, spawn_app, valid_intake};

fn consultation() -> Value {
    let mut intake = valid_intake();
    intake["service_type"] = json!("consultation");
    intake
}

async fn step(s: &Session, number: &str, step: &str, version: u64, extra: Value) -> (u16, Value) {
    let mut request = json!({ "number": number, "step": step, "version": version,
                              "idempotency_key": format!("k-{step}-{version}-{}", rand_suffix()) });
    if let (Some(r), Some(e)) = (request.as_object_mut(), extra.as_object()) {
        r.extend(e.clone());
    }
    s.call("tickets/step", json!({ "request": request })).await
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
}

async fn events(app: &TestApp, number: &str) -> Vec<Value> {
    let (status, detail) = app.call("tickets/get", json!({ "number": number })).await;
    assert_eq!(status, 200);
    detail["events"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_consultation_runs_its_whole_life_cycle() {
    let app = spawn_app().await;
    app.add_user("agent1", &[Role::Agent]).await;
    app.add_user("tech1", &[Role::Technician]).await;
    app.add_user("boss1", &[Role::Supervisor]).await;
    let (agent, tech, boss) =
        (app.as_user("agent1").await, app.as_user("tech1").await, app.as_user("boss1").await);
    let n = agent.create(consultation()).await;

    let ok = |r: (u16, Value)| {
        assert_eq!(r.0, 200, "{}", r.1);
        r.1
    };
    assert_eq!(ok(step(&agent, &n, "accept", 1, json!({})).await)["status"], "accepted");
    // Any technician may pick up an unclaimed consultation; starting it makes it theirs.
    let (_, detail) = tech.call("tickets/get", json!({ "number": n })).await;
    assert!(detail["steps"].as_array().unwrap().contains(&json!("start_work")), "{detail}");
    ok(step(&tech, &n, "start_work", 2, json!({ "note": "已电话联系客户" })).await);
    ok(step(&tech, &n, "resolve", 3, json!({})).await);
    let (status, body) = step(&boss, &n, "review", 4, json!({})).await;
    assert_eq!(
        (status, body["refusal"].as_str()),
        (422, Some("not_from_here")),
        "review waits for follow-up"
    );
    let (status, body) = step(&agent, &n, "follow_up", 4, json!({})).await;
    assert_eq!((status, body["fields"][0]["field"].as_str()), (422, Some("satisfaction")));
    ok(step(&agent, &n, "follow_up", 4, json!({ "satisfaction": "satisfied" })).await);
    ok(step(&boss, &n, "review", 5, json!({})).await);
    assert_eq!(ok(step(&agent, &n, "archive", 6, json!({})).await)["status"], "closed");

    let trail = events(&app, &n).await;
    let versions: Vec<u64> = trail.iter().map(|e| e["version"].as_u64().unwrap_or(0)).collect();
    let steps: Vec<&str> = trail.iter().filter_map(|e| e["step"].as_str()).collect();
    assert_eq!(steps, ["accept", "start_work", "resolve", "follow_up", "review", "archive"]);
    assert_eq!(trail[2]["actor"], "测试 tech1");
    assert_eq!(trail[2]["note"], "已电话联系客户");
    assert_eq!(
        trail[2]["changes"],
        json!([{ "field": "assignee", "new": "tech1" }]),
        "picking it up is recorded"
    );
    assert_eq!(trail[4]["changes"], json!([{ "field": "follow_up", "new": "satisfied" }]));
    assert_eq!(versions, (1..=7).collect::<Vec<_>>(), "one event per version, no gaps");
    let (_, detail) = agent.call("tickets/get", json!({ "number": n })).await;
    assert_eq!(detail["ticket"]["assignee"], "tech1");
    let clocks: Vec<(&str, &str)> = detail["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["kind"].as_str().unwrap(), c["state"].as_str().unwrap()))
        .collect();
    assert!(clocks.contains(&("answer", "met")) && clocks.contains(&("call_back", "met")), "{clocks:?}");
    assert!(clocks.contains(&("review", "met")), "{clocks:?}");
}

#[tokio::test]
async fn refusals_say_why_and_change_nothing() {
    let app = spawn_app().await;
    let n = app.create(valid_intake()).await;
    let (status, body) = step(&app, &n, "cancel", 1, json!({})).await;
    assert_eq!((status, body["refusal"].as_str()), (422, Some("reason_required")));
    assert_eq!(body["message"], "请填写原因。");
    let (status, body) = step(&app, &n, "accept", 7, json!({})).await;
    assert_eq!((status, body["current_version"].as_u64()), (409, Some(1)), "a stale version is a conflict");
    let (status, _) = step(&app, &n, "teleport", 1, json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(events(&app, &n).await.len(), 1, "nothing was written");
    let (status, body) = step(&app, &n, "cancel", 1, json!({ "reason": "客户自行解决" })).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("cancelled")));
}

#[tokio::test]
async fn an_unsatisfied_customer_reopens_the_ticket() {
    let app = spawn_app().await;
    app.add_user("tech1", &[Role::Technician]).await;
    let tech = app.as_user("tech1").await;
    let n = app.create(consultation()).await;
    for (who, s, v, extra) in [
        (&app.session, "accept", 1, json!({})),
        (&tech, "start_work", 2, json!({})),
        (&tech, "resolve", 3, json!({})),
        (&app.session, "follow_up", 4, json!({ "satisfaction": "unsatisfied" })),
    ] {
        assert_eq!(step(who, &n, s, v, extra).await.0, 200, "{s}");
    }
    let (status, body) = step(&app, &n, "review", 5, json!({})).await;
    assert_eq!((status, body["refusal"].as_str()), (422, Some("customer_unsatisfied")));
    let (status, body) = step(&app, &n, "reopen", 5, json!({ "reason": "客户反映问题未解决" })).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("accepted")));
}

#[tokio::test]
async fn of_a_hundred_concurrent_steps_from_one_version_exactly_one_applies() {
    let app = spawn_app().await;
    let n = app.create(valid_intake()).await;
    let mut tasks = Vec::new();
    for i in 0..100 {
        let (session, n) = (app.session.clone(), n.clone());
        tasks.push(tokio::spawn(async move {
            let request = json!({ "number": n, "step": "accept", "version": 1, "idempotency_key": format!("race-{i:04}") });
            session.call("tickets/step", json!({ "request": request })).await.0
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 409).count(), 99, "{statuses:?}");
    let trail = events(&app, &n).await;
    let versions: Vec<u64> = trail.iter().filter_map(|e| e["version"].as_u64()).collect();
    assert_eq!(versions, [1, 2], "created and one accept: no duplicates, no gaps");
}

#[tokio::test]
async fn the_same_request_sent_ten_times_at_once_applies_once() {
    let app = spawn_app().await;
    let n = app.create(valid_intake()).await;
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let (session, n) = (app.session.clone(), n.clone());
        tasks.push(tokio::spawn(async move {
            let request =
                json!({ "number": n, "step": "accept", "version": 1, "idempotency_key": "tap-twice-0001" });
            session.call("tickets/step", json!({ "request": request })).await
        }));
    }
    let mut answers = HashSet::new();
    for t in tasks {
        let (status, body) = t.await.unwrap();
        assert_eq!(status, 200, "{body}");
        answers.insert(body.to_string());
    }
    assert_eq!(answers.len(), 1, "every copy gets the first answer: {answers:?}");
    assert_eq!(events(&app, &n).await.len(), 2, "one event");
    // Replayed later, after the ticket moved on, it still answers as the first time.
    let request = json!({ "number": n, "step": "accept", "version": 1, "idempotency_key": "tap-twice-0001" });
    let (status, body) = app.call("tickets/step", json!({ "request": request })).await;
    assert_eq!((status, body["version"].as_u64()), (200, Some(2)));
}

#[tokio::test]
async fn a_missed_deadline_is_recorded_once_and_shown_in_the_timeline() {
    let app = spawn_app().await;
    let n = app.create(consultation()).await;
    assert_eq!(step(&app, &n, "accept", 1, json!({})).await.0, 200);
    let db = &app.server.state.db;
    let calendar = app::domain::sla::WorkCalendar::china_default();
    // A month later nobody has called back: the 30-minute call-back clock is breached.
    let later = chrono::Utc::now() + chrono::Duration::days(30);
    let tz = app.server.state.tz;
    assert_eq!(app::db::breaches::scan(db, tz, &calendar, later).await.unwrap(), 1);
    assert_eq!(app::db::breaches::scan(db, tz, &calendar, later).await.unwrap(), 0, "recorded once");
    let trail = events(&app, &n).await;
    let breach = trail.iter().find(|e| e["kind"] == "breach").expect("a breach event");
    assert_eq!(breach["clock"], "call_back");
    let (_, html) = app.page(&format!("/tickets/{n}")).await;
    assert!(html.contains("时效超时：30 分钟回电"), "the timeline shows it");
}

#[tokio::test]
async fn an_administrator_edits_the_calendar_and_deadlines_follow_it() {
    let app = spawn_app().await;
    app.add_user("boss", &[Role::Admin]).await;
    let admin = app.as_user("boss").await;
    let (status, edit) = admin.call("admin/calendar/get", json!({})).await;
    assert_eq!((status, edit["version"].as_u64()), (200, Some(0)));
    assert_eq!(edit["form"]["hours"][0], "08:30-12:00, 13:00-17:30");

    let mut form = edit["form"].clone();
    form["schedule"] = json!(format!("{}\n2027-01-01 休\n2027-02-30 班", form["schedule"].as_str().unwrap()));
    let (status, body) = admin.call("admin/calendar/save", json!({ "form": form, "version": 0 })).await;
    assert_eq!(status, 422);
    let line = body["fields"][0]["line"].as_u64().unwrap();
    assert_eq!(
        body["fields"][0]["message"],
        format!("第 {line} 行：应为“日期 休”或“日期 班”，如 2027-01-01 休，且同一天不能既放假又上班。")
    );

    // Round the clock, every day: one working day becomes almost 24 hours.
    let all_day = json!({ "hours": vec!["00:00-23:59"; 7], "schedule": "" });
    let (status, version) = admin.call("admin/calendar/save", json!({ "form": all_day, "version": 0 })).await;
    assert_eq!((status, version.as_u64()), (200, Some(1)));
    let (status, _) = admin.call("admin/calendar/save", json!({ "form": all_day, "version": 0 })).await;
    assert_eq!(status, 409, "a save from an old copy is a conflict");

    let n = app.create(valid_intake()).await;
    let (_, detail) = app.call("tickets/get", json!({ "number": n })).await;
    let answer = detail["clocks"].as_array().unwrap().iter().find(|c| c["kind"] == "answer").unwrap().clone();
    // High urgency: half a working day, now almost 12 hours instead of 4.
    assert!(answer["remaining_minutes"].as_i64().unwrap() > 700, "{answer}");
}

#[tokio::test]
async fn a_follow_up_score_of_two_reopens_and_a_four_lets_the_review_through() {
    let app = spawn_app().await;
    app.add_user("tech1", &[Role::Technician]).await;
    let tech = app.as_user("tech1").await;
    let n = app.create(consultation()).await;
    let ok = |r: (u16, Value)| assert_eq!(r.0, 200, "{}", r.1);
    ok(step(&app, &n, "accept", 1, json!({})).await);
    ok(step(&tech, &n, "start_work", 2, json!({})).await);
    ok(step(&tech, &n, "resolve", 3, json!({})).await);
    for bad in ["0", "6", "4.5", "很好"] {
        let (status, body) = step(&app, &n, "follow_up", 4, json!({ "satisfaction": bad })).await;
        assert_eq!((status, body["fields"][0]["field"].as_str()), (422, Some("satisfaction")), "{bad}");
    }
    ok(step(&app, &n, "follow_up", 4, json!({ "satisfaction": "2", "note": "异响仍在" })).await);
    let (status, body) = step(&app, &n, "review", 5, json!({})).await;
    assert_eq!((status, body["refusal"].as_str()), (422, Some("customer_unsatisfied")));
    ok(step(&app, &n, "reopen", 5, json!({ "reason": "回访不满意" })).await);
    let (_, detail) = app.call("tickets/get", json!({ "number": n })).await;
    assert!(detail["ticket"]["follow_up_score"].is_null(), "reopening clears the score");
    ok(step(&tech, &n, "start_work", 6, json!({})).await);
    ok(step(&tech, &n, "resolve", 7, json!({})).await);
    ok(step(&app, &n, "follow_up", 8, json!({ "satisfaction": "4" })).await);
    ok(step(&app, &n, "review", 9, json!({})).await);
    let (_, detail) = app.call("tickets/get", json!({ "number": n })).await;
    assert_eq!(detail["ticket"]["follow_up_score"], 4);
    let scores: Vec<Value> = events(&app, &n)
        .await
        .iter()
        .flat_map(|e| e["changes"].as_array().cloned().unwrap_or_default())
        .filter(|c| c["field"] == "satisfaction_score")
        .collect();
    assert_eq!(
        scores,
        [
            json!({ "field": "satisfaction_score", "new": "2" }),
            json!({ "field": "satisfaction_score", "new": "4" })
        ]
    );
}

#[tokio::test]
async fn review_names_a_known_person_for_every_missed_deadline() {
    let app = spawn_app().await;
    app.add_user("tech1", &[Role::Technician]).await;
    let tech = app.as_user("tech1").await;
    let n = app.create(consultation()).await;
    let ok = |r: (u16, Value)| assert_eq!(r.0, 200, "{}", r.1);
    ok(step(&app, &n, "accept", 1, json!({})).await);
    let db = &app.server.state.db;
    let calendar = app::domain::sla::WorkCalendar::china_default();
    let later = chrono::Utc::now() + chrono::Duration::days(30);
    assert_eq!(app::db::breaches::scan(db, app.server.state.tz, &calendar, later).await.unwrap(), 1);
    ok(step(&tech, &n, "start_work", 2, json!({})).await);
    ok(step(&tech, &n, "resolve", 3, json!({})).await);
    ok(step(&app, &n, "follow_up", 4, json!({ "satisfaction": "5" })).await);

    let (_, detail) = app.call("tickets/get", json!({ "number": n })).await;
    let people: Vec<&str> =
        detail["staff"].as_array().unwrap().iter().filter_map(|p| p["username"].as_str()).collect();
    assert!(people.contains(&"tech1"), "the review form offers everyone: {people:?}");
    for named in [
        json!([]),
        json!([["call_back", "nobody"]]),
        json!([["call_back", " "]]),
        json!([["answer", "tech1"]]),
    ] {
        let (status, body) = step(&app, &n, "review", 5, json!({ "responsible": named })).await;
        assert_eq!(status, 422, "{named}: {body}");
        assert_eq!(body["fields"][0]["field"], "responsible_call_back");
        assert_eq!(body["fields"][0]["message"], "请为每个超时的时限指定一位在职的责任人。");
    }
    let (status, _) = step(&app, &n, "review", 5, json!({ "responsible": [["nonsense", "tech1"]] })).await;
    assert_eq!(status, 400, "an unknown deadline is a bad request");
    ok(step(&app, &n, "review", 5, json!({ "responsible": [["call_back", "tech1"]] })).await);
    let review = events(&app, &n).await.into_iter().find(|e| e["step"] == "review").expect("review event");
    assert_eq!(review["changes"], json!([{ "field": "responsible_call_back", "new": "测试 tech1 (tech1)" }]));
}
