//! Service execution through the API: warranty decision, quote and answer, service report, and how
//! they gate the workflow; worst inputs; stale and replayed record writes.

mod support;

use app::domain::Role;
use serde_json::{Value, json};
use support::{Session, TestApp, record, spawn_app, step, valid_intake};

/// An appointment two days from now, as the schedule form sends it.
fn soon() -> String {
    (chrono::Utc::now() + chrono::Duration::days(2)).format("%Y-%m-%dT09:30").to_string()
}

fn ok(r: (u16, Value)) -> Value {
    assert_eq!(r.0, 200, "{}", r.1);
    r.1
}

fn refused(r: (u16, Value), refusal: &str) {
    assert_eq!((r.0, r.1["refusal"].as_str()), (422, Some(refusal)), "{}", r.1);
}

async fn detail(s: &Session, number: &str) -> Value {
    let (status, detail) = s.call("tickets/get", json!({ "number": number })).await;
    assert_eq!(status, 200, "{detail}");
    detail
}

fn report_form() -> Value {
    json!({ "report": {
        "fault_cause": "主轴轴承磨损", "work_done": "更换主轴轴承，空运转 2 小时正常",
        "parts": [{ "name": "主轴轴承", "code": "BRG-7014", "quantity": "2", "old_part": "returned" }],
        "work_minutes": "180", "travel_minutes": "45", "customer_opinion": "处理及时", "signed_by": "王建国",
    } })
}

fn quote_lines() -> Value {
    json!({ "lines": [
        { "kind": "part", "description": "主轴轴承 BRG-7014", "quantity": "2", "unit_price": "1280.00" },
        { "kind": "labour", "description": "更换轴承", "quantity": "3", "unit_price": "200" },
        { "kind": "travel", "description": "苏州市内", "quantity": "1", "unit_price": "150.5" },
    ] })
}

/// A field repair dispatched to `tech1` and in progress (version 6).
async fn field_repair_in_progress(app: &TestApp, intake: Value) -> (String, Session, Session, Session) {
    app.add_user("agent1", &[Role::Agent]).await;
    app.add_user("tech1", &[Role::Technician]).await;
    app.add_user("boss1", &[Role::Supervisor]).await;
    let (agent, tech, boss) =
        (app.as_user("agent1").await, app.as_user("tech1").await, app.as_user("boss1").await);
    let n = agent.create(intake).await;
    ok(step(&agent, &n, "accept", 1, json!({})).await);
    ok(step(&boss, &n, "dispatch", 2, json!({ "assignee": "tech1" })).await);
    ok(step(&tech, &n, "schedule", 3, json!({ "appointment": soon() })).await);
    ok(step(&tech, &n, "depart", 4, json!({})).await);
    ok(step(&tech, &n, "start_work", 5, json!({})).await);
    (n, agent, tech, boss)
}

#[tokio::test]
async fn out_of_warranty_work_waits_for_an_approved_quote_and_the_report_carries_its_total() {
    let app = spawn_app().await;
    let (n, agent, tech, boss) = field_repair_in_progress(&app, valid_intake()).await;
    app.add_user("qa1", &[Role::Inspector]).await;
    let qa = app.as_user("qa1").await;

    refused(step(&tech, &n, "resolve", 6, json!({})).await, "service_report_missing");
    refused(record(&tech, "service/report", &n, 6, report_form()).await, "charge_undecided");
    refused(record(&tech, "service/quote", &n, 6, quote_lines()).await, "charge_undecided");
    // Bought 2025-03-18 with 12 months of warranty: expired, so charged (class A).
    ok(record(&tech, "service/warranty", &n, 6, json!({ "start_date": "2025-03-18", "months": "12" })).await);
    let d = detail(&tech, &n).await;
    assert_eq!(d["service"]["warranty"]["decision"]["class"], "charged");
    assert_eq!(d["service"]["warranty"]["decision"]["basis"], "expired");
    assert_eq!(d["service"]["warranty"]["decision"]["covered_until"], "2026-03-17");
    assert_eq!(d["service"]["actions"], json!(["decide_warranty", "propose_quote", "request_parts"]));
    refused(record(&tech, "service/report", &n, 7, report_form()).await, "quote_not_approved");

    ok(record(&tech, "service/quote", &n, 7, quote_lines()).await);
    let quote = detail(&agent, &n).await["service"]["quote"].clone();
    // 2 × 1280.00 + 3 × 200 + 1 × 150.50, priced by the server.
    assert_eq!((quote["total_fen"].as_u64(), quote["status"].as_str()), (Some(331_050), Some("proposed")));
    ok(step(&tech, &n, "await_customer", 8, json!({})).await);
    refused(step(&agent, &n, "customer_replied", 9, json!({})).await, "quote_not_approved");
    ok(record(&agent, "service/quote_answer", &n, 9, json!({ "approved": true, "note": "客户电话确认" }))
        .await);
    refused(
        record(&agent, "service/quote_answer", &n, 10, json!({ "approved": false })).await,
        "quote_already_decided",
    );
    refused(record(&tech, "service/quote", &n, 10, quote_lines()).await, "quote_already_decided");
    ok(step(&agent, &n, "customer_replied", 10, json!({})).await);

    ok(record(&tech, "service/report", &n, 11, report_form()).await);
    let report = detail(&tech, &n).await["service"]["report"].clone();
    assert_eq!((report["charges_fen"].as_u64(), report["class"].as_str()), (Some(331_050), Some("charged")));
    assert_eq!(report["content"]["parts"][0]["quantity"], 2);
    ok(step(&tech, &n, "resolve", 12, json!({})).await);
    ok(step(&qa, &n, "pass_inspection", 13, json!({})).await);
    ok(step(&agent, &n, "follow_up", 14, json!({ "satisfaction": "satisfied" })).await);
    ok(step(&boss, &n, "review", 15, json!({})).await);
    assert_eq!(ok(step(&agent, &n, "archive", 16, json!({})).await)["status"], "closed");

    let trail = detail(&boss, &n).await["events"].as_array().unwrap().clone();
    let versions: Vec<u64> = trail.iter().filter_map(|e| e["version"].as_u64()).filter(|v| *v > 0).collect();
    assert_eq!(versions, (1..=17).collect::<Vec<u64>>(), "one event per version, no gaps");
    let records: Vec<&str> = trail.iter().filter_map(|e| e["record"].as_str()).collect();
    assert_eq!(records, ["warranty", "quote_proposed", "quote_approved", "report_filed"]);
    let approved = trail.iter().find(|e| e["record"] == "quote_approved").unwrap();
    assert_eq!(
        (approved["actor"].as_str(), approved["note"].as_str()),
        (Some("测试 agent1"), Some("客户电话确认"))
    );
    assert_eq!(
        approved["changes"],
        json!([{ "field": "quote_status", "old": "proposed", "new": "approved" }])
    );
    let warranty = trail.iter().find(|e| e["record"] == "warranty").unwrap();
    assert_eq!(warranty["changes"], json!([{ "field": "charge_class", "new": "charged" }]));
}

#[tokio::test]
async fn in_warranty_work_is_free_needs_no_quote_and_the_printable_report_shows_it() {
    let app = spawn_app().await;
    let mut intake = valid_intake();
    let bought = (chrono::Utc::now() - chrono::Duration::days(60)).date_naive();
    intake["purchase_date"] = json!(bought.to_string());
    let (n, _agent, tech, _boss) = field_repair_in_progress(&app, intake).await;

    ok(record(&tech, "service/warranty", &n, 6, json!({ "start_date": bought.to_string(), "months": "12" }))
        .await);
    let d = detail(&tech, &n).await;
    assert_eq!(d["service"]["warranty"]["decision"]["class"], "free");
    refused(record(&tech, "service/quote", &n, 7, quote_lines()).await, "quote_not_needed");
    ok(record(&tech, "service/report", &n, 7, report_form()).await);
    assert_eq!(detail(&tech, &n).await["service"]["report"]["charges_fen"], 0);
    // Amending before resolving replaces the report and says so in the trail.
    ok(record(&tech, "service/report", &n, 8, report_form()).await);
    let (status, html) = tech.page(&format!("/tickets/{n}/report")).await;
    assert_eq!(status, 200);
    for text in ["售后服务报告单", "主轴轴承磨损", "BRG-7014", "王建国", "免费服务"] {
        assert!(html.contains(text), "printable report lacks {text}");
    }
    ok(step(&tech, &n, "resolve", 9, json!({})).await);
    refused(record(&tech, "service/report", &n, 10, report_form()).await, "not_from_here");
    let records: Vec<String> = detail(&tech, &n).await["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["record"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(records, ["warranty", "report_filed", "report_amended"]);
}

#[tokio::test]
async fn a_ticket_without_a_report_has_no_printable_report() {
    let app = spawn_app().await;
    let n = app.create(valid_intake()).await;
    let (status, _) = app.page(&format!("/tickets/{n}/report")).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn worst_inputs_get_field_errors_and_change_nothing() {
    let app = spawn_app().await;
    let (n, _agent, tech, _boss) = field_repair_in_progress(&app, valid_intake()).await;
    let fields = |r: (u16, Value)| -> Vec<(String, Option<u64>)> {
        assert_eq!(r.0, 422, "{}", r.1);
        r.1["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["field"].as_str().unwrap().to_owned(), f["line"].as_u64()))
            .collect()
    };
    let bad_warranty = json!({ "start_date": "2099-01-01", "months": "999", "contract_until": "31/12/2026" });
    let found = fields(record(&tech, "service/warranty", &n, 6, bad_warranty).await);
    let names: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(names, ["contract_until", "start_date", "months"]);

    ok(record(&tech, "service/warranty", &n, 6, json!({ "months": "0" })).await);
    let bad_lines = json!({ "lines": [
        { "kind": "part", "description": "ok", "quantity": "1", "unit_price": "10" },
        { "kind": "part", "description": "负数", "quantity": "-2", "unit_price": "10" },
        { "kind": "gift", "description": "", "quantity": "1.005", "unit_price": "1e9" },
    ] });
    let found = fields(record(&tech, "service/quote", &n, 7, bad_lines).await);
    assert_eq!(
        found,
        [
            ("quantity".to_owned(), Some(2)),
            ("kind".to_owned(), Some(3)),
            ("description".to_owned(), Some(3)),
            ("quantity".to_owned(), Some(3)),
            ("unit_price".to_owned(), Some(3)),
        ]
    );
    let overflow = json!({ "lines": vec![json!({ "kind": "part", "description": "x", "quantity": "10000", "unit_price": "1000000" }); 30] });
    assert_eq!(fields(record(&tech, "service/quote", &n, 7, overflow).await), [("lines".to_owned(), None)]);
    let (status, _) = record(&tech, "service/quote", &n, 7, json!({ "lines": vec![json!({}); 500] })).await;
    assert_eq!(status, 400, "an absurd number of lines is refused before reading them");

    // A report may be filed once the work is covered (here by a contract) or its quote approved.
    ok(record(&tech, "service/warranty", &n, 7, json!({ "months": "0", "contract_until": "2099-12-31" }))
        .await);
    let mut report = report_form();
    report["report"]["work_minutes"] = json!("-5");
    report["report"]["signed_by"] = json!("   ");
    report["report"]["parts"][0]["quantity"] = json!("0");
    let found = fields(record(&tech, "service/report", &n, 8, report).await);
    assert_eq!(
        found,
        [
            ("signed_by".to_owned(), None),
            ("work_minutes".to_owned(), None),
            ("part_quantity".to_owned(), Some(1))
        ]
    );

    let d = detail(&tech, &n).await;
    assert_eq!(d["ticket"]["version"], 8, "only the two valid warranty decisions were written");
    assert!(d["service"]["quote"].is_null() && d["service"]["report"].is_null());
}

#[tokio::test]
async fn a_stale_record_write_conflicts_and_a_replayed_one_applies_once() {
    let app = spawn_app().await;
    let (n, _agent, tech, boss) = field_repair_in_progress(&app, valid_intake()).await;
    let (status, body) = record(&tech, "service/warranty", &n, 5, json!({ "months": "12" })).await;
    assert_eq!((status, body["current_version"].as_u64()), (409, Some(6)), "{body}");

    let request = json!({ "request": { "target": { "number": n, "version": 6, "idempotency_key": "same-request-1" },
                                       "months": "12", "start_date": "2025-03-18" } });
    let tasks: Vec<_> = (0..10)
        .map(|_| {
            let (session, request) = (tech.clone(), request.clone());
            tokio::spawn(async move { session.call("service/warranty", request).await })
        })
        .collect();
    for task in tasks {
        let (status, body) = task.await.unwrap();
        assert_eq!((status, body["version"].as_u64()), (200, Some(7)), "{body}");
    }
    let d = detail(&boss, &n).await;
    assert_eq!(d["ticket"]["version"], 7);
    let count = d["events"].as_array().unwrap().iter().filter(|e| e["record"] == "warranty").count();
    assert_eq!(count, 1);
    // The same key sent after another write still answers with its first result.
    ok(record(&boss, "service/warranty", &n, 7, json!({ "months": "24", "start_date": "2025-03-18" })).await);
    assert_eq!(tech.call("service/warranty", request).await.1["version"], 7);
    assert_eq!(detail(&boss, &n).await["service"]["warranty"]["decision"]["class"], "free");
}

#[tokio::test]
async fn every_service_type_runs_its_life_cycle_to_closed_by_the_roles_that_own_each_step() {
    use app::domain::ServiceType;
    use app::domain::service::keeps_service_records;
    use app::domain::workflow::{needs_dispatch, needs_inspection};
    let app = spawn_app().await;
    for (name, roles) in [
        ("agent1", &[Role::Agent][..]),
        ("tech1", &[Role::Technician]),
        ("boss1", &[Role::Supervisor]),
        ("clerk1", &[Role::Clerk]),
        ("store1", &[Role::Warehouse]),
        ("qa1", &[Role::Inspector]),
    ] {
        app.add_user(name, roles).await;
    }
    let agent = app.as_user("agent1").await;
    let tech = app.as_user("tech1").await;
    let boss = app.as_user("boss1").await;
    let clerk = app.as_user("clerk1").await;
    let store = app.as_user("store1").await;
    let qa = app.as_user("qa1").await;
    for t in ServiceType::ALL.iter().copied() {
        let mut intake = valid_intake();
        intake["service_type"] = json!(t.as_str());
        let n = agent.create(intake).await;
        let mut v = 1;
        advance(&agent, &n, "accept", &mut v, json!({})).await;
        let worker = match t {
            _ if needs_dispatch(t) => &tech,
            ServiceType::Consultation => &tech,
            ServiceType::DepotRepair => &clerk,
            ServiceType::ReturnExchange => &store,
            _ => &boss,
        };
        if needs_dispatch(t) {
            advance(&boss, &n, "dispatch", &mut v, json!({ "assignee": "tech1" })).await;
            advance(&tech, &n, "schedule", &mut v, json!({ "appointment": soon() })).await;
            advance(&tech, &n, "depart", &mut v, json!({})).await;
        }
        advance(worker, &n, "start_work", &mut v, json!({})).await;
        let clocks = detail(&agent, &n).await["clocks"].as_array().unwrap().len();
        assert!(clocks >= 1, "{}: its deadlines run once accepted", t.as_str());
        if keeps_service_records(t) {
            let covered = json!({ "months": "0", "contract_until": "2099-12-31" });
            assert_eq!(record(worker, "service/warranty", &n, v, covered).await.0, 200);
            assert_eq!(record(worker, "service/report", &n, v + 1, report_form()).await.0, 200);
            v += 2;
        }
        advance(worker, &n, "resolve", &mut v, json!({})).await;
        if needs_inspection(t) {
            advance(&qa, &n, "pass_inspection", &mut v, json!({})).await;
        }
        advance(&agent, &n, "follow_up", &mut v, json!({ "satisfaction": "satisfied" })).await;
        advance(&boss, &n, "review", &mut v, json!({})).await;
        advance(&agent, &n, "archive", &mut v, json!({})).await;
        assert_eq!(detail(&boss, &n).await["ticket"]["status"], "closed", "{}", t.as_str());
    }
}

/// Takes `step` at version `*v`, asserts it applied, and moves `*v` on.
async fn advance(who: &Session, number: &str, name: &str, v: &mut u64, extra: Value) {
    let r = step(who, number, name, *v, extra).await;
    assert_eq!(r.0, 200, "{number} {name}: {}", r.1);
    *v += 1;
}

#[tokio::test]
async fn dispatch_ranks_technicians_and_the_order_carries_what_was_agreed() {
    let app = spawn_app().await;
    app.add_user("agent1", &[Role::Agent]).await;
    app.add_user("boss1", &[Role::Supervisor]).await;
    for name in ["tech_far", "tech_near", "tech_expert"] {
        app.add_user(name, &[Role::Technician]).await;
    }
    let db = &app.server.state.db;
    for (name, regions, lines) in
        [("tech_far", "华南", ""), ("tech_near", "华东", ""), ("tech_expert", "华东·苏州", "加工中心")]
    {
        db.query("UPDATE type::record('staff', $u) SET regions = $r, product_lines = $l")
            .bind(json!({ "u": name, "r": regions.split(',').filter(|s| !s.is_empty()).collect::<Vec<_>>(),
                           "l": lines.split(',').filter(|s| !s.is_empty()).collect::<Vec<_>>() }))
            .await
            .unwrap()
            .check()
            .unwrap();
    }
    let (agent, boss) = (app.as_user("agent1").await, app.as_user("boss1").await);
    let tech = app.as_user("tech_expert").await;
    let n = agent.create(valid_intake()).await;
    ok(step(&agent, &n, "accept", 1, json!({})).await);
    let d = detail(&boss, &n).await;
    let ranked: Vec<&str> =
        d["suggestions"].as_array().unwrap().iter().map(|s| s["username"].as_str().unwrap()).collect();
    assert_eq!(&ranked[..3], ["tech_expert", "tech_near", "tech_far"], "{}", d["suggestions"]);
    assert_eq!(d["suggestions"][0]["reasons"][0], json!({ "kind": "product_line", "line": "加工中心" }));

    let bad = json!({ "assignee": "tech_expert", "estimate_minutes": "-1", "bring": "x".repeat(501) });
    let (status, body) = step(&boss, &n, "dispatch", 2, bad).await;
    let fields: Vec<&str> =
        body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!((status, fields), (422, vec!["estimate_minutes", "bring"]));
    ok(step(&boss, &n, "dispatch", 2, json!({ "assignee": "tech_near" })).await);
    // Reassigned before anyone set off: the trail keeps who had it.
    ok(step(
        &boss,
        &n,
        "dispatch",
        3,
        json!({ "assignee": "tech_expert", "estimate_minutes": "120", "bring": "拉马" }),
    )
    .await);
    for (appointment, code) in [
        ("", "error.required"),
        ("2020-01-01T09:00", "error.appointment_past"),
        ("明天", "error.invalid_datetime"),
    ] {
        let (status, body) = step(&tech, &n, "schedule", 4, json!({ "appointment": appointment })).await;
        assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some(code)), "{appointment}");
    }
    let at = soon();
    ok(step(&tech, &n, "schedule", 4, json!({ "appointment": at })).await);
    let d = detail(&boss, &n).await;
    let t = &d["ticket"];
    assert_eq!(
        (t["assignee"].as_str(), t["estimate_minutes"].as_u64(), t["bring"].as_str()),
        (Some("tech_expert"), Some(120), Some("拉马"))
    );
    assert_eq!(t["appointment"].as_str(), Some(format!("{}:00", at).as_str()));
    let changes: Vec<Value> = d["events"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["changes"].as_array().cloned().unwrap_or_default())
        .collect();
    assert!(
        changes.contains(&json!({ "field": "assignee", "old": "tech_near", "new": "tech_expert" })),
        "{changes:?}"
    );
    assert!(changes.iter().any(|c| c["field"] == "appointment"));
    let (status, html) = tech.page(&format!("/tickets/{n}/dispatch-order")).await;
    assert_eq!(status, 200);
    for text in ["派工单", "测试 tech_expert", "拉马", "苏州工业园区星湖街 328 号", &at[..10]]
    {
        assert!(html.contains(text), "dispatch order lacks {text}");
    }
    let other = agent.create(valid_intake()).await;
    assert_eq!(
        agent.page(&format!("/tickets/{other}/dispatch-order")).await.0,
        404,
        "no technician, no order"
    );
}
