//! Spare parts over HTTP: requisitions from a ticket, issue by the warehouse (stock booked out in the
//! same transaction, never below zero, the last unit to exactly one of two racing issues), usage on the
//! service report with the unused parts booked back, and the worst inputs.

mod support;

use app::domain::Role;
use serde_json::{Value, json};
use support::{Session, TestApp, key, record, spawn_app, step, valid_intake};

/// The warehouses and catalogue every test starts with: HQ holds one bearing and five seals, SZ two fans.
async fn stock_up(app: &TestApp) {
    let db = &app.server.state.db;
    app::db::parts::ensure_warehouse(db, "HQ", "苏州总部仓").await.unwrap();
    app::db::parts::ensure_warehouse(db, "SZ", "深圳华南仓").await.unwrap();
    app::db::parts::receive(db, "HQ", "BRG-7014", Some(("主轴轴承", 128_000)), 1).await.unwrap();
    app::db::parts::receive(db, "HQ", "SEAL-88", Some(("油封", 3_500)), 5).await.unwrap();
    app::db::parts::receive(db, "SZ", "FAN-220", Some(("冷却风扇", 26_000)), 2).await.unwrap();
}

async fn held(app: &TestApp, warehouse: &str, part: &str) -> i64 {
    let (_, c) = app.call("parts/catalogue", json!({})).await;
    let part = c["parts"].as_array().unwrap().iter().find(|p| p["part_code"] == part).cloned().unwrap();
    part["stock"].as_array().unwrap().iter().find(|s| s[0] == warehouse).map_or(0, |s| s[1].as_i64().unwrap())
}

struct People {
    tech: Session,
    wh: Session,
}

async fn people(app: &TestApp) -> People {
    app.add_user("tech1", &[Role::Technician]).await;
    app.add_user("wh1", &[Role::Warehouse]).await;
    People { tech: app.as_user("tech1").await, wh: app.as_user("wh1").await }
}

/// A field repair dispatched to tech1, in progress at version 6.
async fn in_progress(app: &TestApp, tech: &Session) -> String {
    let n = app.create(valid_intake()).await;
    let ok = |r: (u16, Value)| assert_eq!(r.0, 200, "{}", r.1);
    ok(step(app, &n, "accept", 1, json!({})).await);
    ok(step(app, &n, "dispatch", 2, json!({ "assignee": "tech1" })).await);
    let soon = (chrono::Utc::now() + chrono::Duration::days(2)).format("%Y-%m-%dT09:30").to_string();
    ok(step(tech, &n, "schedule", 3, json!({ "appointment": soon })).await);
    ok(step(tech, &n, "depart", 4, json!({})).await);
    ok(step(tech, &n, "start_work", 5, json!({})).await);
    n
}

fn lines(list: &[(&str, &str)]) -> Value {
    json!(list.iter().map(|(c, q)| json!({ "part_code": c, "quantity": q })).collect::<Vec<_>>())
}

fn fields(body: &Value) -> Vec<(String, Option<u64>)> {
    body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["field"].as_str().unwrap().to_owned(), f["line"].as_u64()))
        .collect()
}

#[tokio::test]
async fn a_requisition_is_issued_by_the_warehouse_and_refused_whole_when_a_part_is_short() {
    let app = spawn_app().await;
    stock_up(&app).await;
    let p = people(&app).await;
    let n = in_progress(&app, &p.tech).await;

    // Worst inputs: nothing is stored, every line named.
    let bad = json!({ "warehouse": "HQ", "lines": lines(&[("BRG-7014", "-1"), ("NOPE-1", "1"), ("seal-88", "2"), ("SEAL-88", "1")]) });
    let (status, body) = record(&p.tech, "parts/request", &n, 6, bad).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        fields(&body),
        [("part_quantity".into(), Some(1)), ("part_code".into(), Some(4))],
        "the same part twice"
    );
    let unknown = json!({ "warehouse": "HQ", "lines": lines(&[("SEAL-88", "1"), ("NOPE-1", "1")]) });
    let (status, body) = record(&p.tech, "parts/request", &n, 6, unknown).await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some("error.part_unknown")));
    assert_eq!(fields(&body), [("part_code".into(), Some(2))]);
    let (status, body) =
        record(&p.tech, "parts/request", &n, 6, json!({ "warehouse": "MARS", "lines": [] })).await;
    assert_eq!(status, 422);
    assert_eq!(fields(&body), [("warehouse".into(), None), ("requisition".into(), None)]);
    let (status, body) = record(
        &p.wh,
        "parts/request",
        &n,
        6,
        json!({ "warehouse": "HQ", "lines": lines(&[("SEAL-88", "1")]) }),
    )
    .await;
    assert_eq!(
        (status, body["refusal"].as_str()),
        (422, Some("role_not_permitted")),
        "the warehouse issues, it does not ask"
    );

    // A part only SZ holds, asked from HQ, with a bearing: issuing refuses the whole requisition.
    let ask = json!({ "warehouse": "HQ", "lines": lines(&[("BRG-7014", "1"), ("FAN-220", "1")]) });
    assert_eq!(record(&p.tech, "parts/request", &n, 6, ask).await.0, 200);
    let (status, body) = record(&p.tech, "parts/issue", &n, 7, json!({ "seq": 1 })).await;
    assert_eq!((status, body["refusal"].as_str()), (422, Some("role_not_permitted")));
    let (status, body) = record(&p.wh, "parts/issue", &n, 7, json!({ "seq": 1 })).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields(&body), [("part_code".into(), Some(2))]);
    assert_eq!(body["fields"][0]["message"], "该仓库库存不足，未发放任何配件。");
    assert_eq!(held(&app, "HQ", "BRG-7014").await, 1, "nothing was booked");
    assert_eq!(record(&p.wh, "parts/issue", &n, 7, json!({ "seq": 1, "cancel": true })).await.0, 200);

    // The right warehouse's part: issued, stock booked out, the answer the same when resent.
    assert_eq!(
        record(
            &p.tech,
            "parts/request",
            &n,
            8,
            json!({ "warehouse": "HQ", "lines": lines(&[("BRG-7014", "1"), ("SEAL-88", "2")]) })
        )
        .await
        .0,
        200
    );
    let issue = json!({ "request": { "target": { "number": n, "version": 9, "idempotency_key": key("issue") }, "seq": 2 } });
    let first = p.wh.call("parts/issue", issue.clone()).await;
    assert_eq!(first.0, 200, "{}", first.1);
    assert_eq!(p.wh.call("parts/issue", issue).await, first, "a resend answers as the first time");
    assert_eq!((held(&app, "HQ", "BRG-7014").await, held(&app, "HQ", "SEAL-88").await), (0, 3));
    let (status, body) = record(&p.wh, "parts/issue", &n, 10, json!({ "seq": 2 })).await;
    assert_eq!((status, body["refusal"].as_str()), (422, Some("no_open_requisition")));

    let (_, detail) = app.call("tickets/get", json!({ "number": n })).await;
    let states: Vec<&str> =
        detail["requisitions"].as_array().unwrap().iter().filter_map(|r| r["status"].as_str()).collect();
    assert_eq!(states, ["cancelled", "issued"]);
    let events: Vec<&str> =
        detail["events"].as_array().unwrap().iter().filter_map(|e| e["record"].as_str()).collect();
    assert_eq!(events, ["parts_requested", "parts_cancelled", "parts_requested", "parts_issued"]);
}

#[tokio::test]
async fn two_issues_racing_for_the_last_unit_give_it_to_exactly_one() {
    let app = spawn_app().await;
    stock_up(&app).await;
    let p = people(&app).await;
    let (a, b) = (in_progress(&app, &p.tech).await, in_progress(&app, &p.tech).await);
    for n in [&a, &b] {
        let ask = json!({ "warehouse": "HQ", "lines": lines(&[("BRG-7014", "1")]) });
        assert_eq!(record(&p.tech, "parts/request", n, 6, ask).await.0, 200);
    }
    let (wh_a, wh_b) = (p.wh.clone(), p.wh.clone());
    let (a2, b2) = (a.clone(), b.clone());
    let ta = tokio::spawn(async move { record(&wh_a, "parts/issue", &a2, 7, json!({ "seq": 1 })).await });
    let tb = tokio::spawn(async move { record(&wh_b, "parts/issue", &b2, 7, json!({ "seq": 1 })).await });
    let (ra, rb) = (ta.await.unwrap(), tb.await.unwrap());
    let mut statuses = [ra.0, rb.0];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 422], "{} / {}", ra.1, rb.1);
    let loser = if ra.0 == 422 { ra.1 } else { rb.1 };
    assert_eq!(loser["fields"][0]["code"], "error.part_short");
    assert_eq!(held(&app, "HQ", "BRG-7014").await, 0, "never below zero");
}

#[tokio::test]
async fn the_report_uses_what_was_issued_and_books_the_rest_back() {
    let app = spawn_app().await;
    stock_up(&app).await;
    let p = people(&app).await;
    let n = in_progress(&app, &p.tech).await;
    assert_eq!(
        record(
            &p.tech,
            "parts/request",
            &n,
            6,
            json!({ "warehouse": "HQ", "lines": lines(&[("SEAL-88", "3")]) })
        )
        .await
        .0,
        200
    );
    assert_eq!(record(&p.wh, "parts/issue", &n, 7, json!({ "seq": 1 })).await.0, 200);
    assert_eq!(held(&app, "HQ", "SEAL-88").await, 2);
    // In warranty: free work, no quote needed.
    let warranty = json!({ "start_date": chrono::Utc::now().date_naive().to_string(), "months": "12" });
    assert_eq!(record(&p.tech, "service/warranty", &n, 8, warranty).await.0, 200);

    let report = |parts: Value| {
        json!({ "report": { "fault_cause": "油封老化", "work_done": "更换油封", "parts": parts,
                            "work_minutes": "60", "travel_minutes": "0", "signed_by": "王建国" } })
    };
    let part =
        |code: &str, n: &str| json!({ "name": "配件", "code": code, "quantity": n, "old_part": "returned" });
    let (status, body) =
        record(&p.tech, "service/report", &n, 9, report(json!([part("SEAL-88", "4")]))).await;
    assert_eq!(
        (status, body["fields"][0]["code"].as_str()),
        (422, Some("error.part_more_than_issued")),
        "{body}"
    );
    let (status, body) = record(
        &p.tech,
        "service/report",
        &n,
        9,
        report(json!([part("SEAL-88", "1"), part("BRG-7014", "1")])),
    )
    .await;
    assert_eq!(
        (status, body["fields"][0]["code"].as_str(), body["fields"][0]["line"].as_u64()),
        (422, Some("error.part_not_issued"), Some(2))
    );

    // One used, a part the customer supplied (not in the catalogue): two seals go back.
    let filed =
        record(&p.tech, "service/report", &n, 9, report(json!([part("seal-88", "1"), part("CUST-1", "1")])))
            .await;
    assert_eq!(filed.0, 200, "{}", filed.1);
    assert_eq!(held(&app, "HQ", "SEAL-88").await, 4);
    // Amended: all three used after all; only the difference is booked.
    assert_eq!(record(&p.tech, "service/report", &n, 10, report(json!([part("SEAL-88", "3")]))).await.0, 200);
    assert_eq!(held(&app, "HQ", "SEAL-88").await, 2);
    let (_, detail) = app.call("tickets/get", json!({ "number": n })).await;
    assert_eq!(
        detail["service"]["report"]["parts_returned"],
        json!([{ "part_code": "SEAL-88", "quantity": 0 }])
    );
}

#[tokio::test]
async fn the_warehouse_books_goods_in_and_a_new_part_needs_a_name_and_price() {
    let app = spawn_app().await;
    stock_up(&app).await;
    let p = people(&app).await;
    let receive = |r: Value| json!({ "receipt": r });
    let (status, body) = p
        .wh
        .call("parts/receive", receive(json!({ "warehouse": "HQ", "part_code": "NEW-1", "quantity": "0" })))
        .await;
    assert_eq!(status, 422);
    let mut named: Vec<&str> =
        body["fields"].as_array().unwrap().iter().filter_map(|f| f["field"].as_str()).collect();
    named.sort_unstable();
    assert_eq!(named, ["name", "quantity", "unit_price"]);
    let (status, c) =
        p.wh.call(
            "parts/receive",
            receive(json!({ "warehouse": "SZ", "part_code": "brg-7014", "quantity": "3" })),
        )
        .await;
    assert_eq!(status, 200, "{c}");
    assert_eq!(held(&app, "SZ", "BRG-7014").await, 3);
    let new = json!({ "warehouse": "HQ", "part_code": "NEW-1", "name": "新配件", "unit_price": "12.5", "quantity": "2" });
    assert_eq!(p.wh.call("parts/receive", receive(new)).await.0, 200);
    assert_eq!(held(&app, "HQ", "NEW-1").await, 2);
    assert_eq!(p.tech.call("parts/receive", receive(json!({}))).await.0, 403);
    let (status, page) = p.wh.page("/parts").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("新配件") && page.contains("配件入库"),
        "the page lists the part and the receiving form"
    );
}
