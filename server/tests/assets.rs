//! Product units over HTTP: register, look up at intake (warranty, history, repeat repairs), edit with
//! a version, the printable QR label, and a new ticket started from the unit's page.

mod support;

use app::domain::Role;
use serde_json::{Value, json};
use support::{spawn_app, valid_intake};

fn unit(serial: &str, ship_date: &str) -> Value {
    json!({ "serial_number": serial, "product_model": "VMC-850 立式加工中心", "company": "苏州精工机械有限公司",
            "contact_name": "王建国", "phone": "138 1234 5678", "region": "华东·苏州", "location": "二号车间",
            "ship_date": ship_date, "warranty_months": "12", "seal_intact": true })
}

fn days_ago(n: i64) -> String {
    (chrono::Utc::now().date_naive() - chrono::Duration::days(n)).to_string()
}

#[tokio::test]
async fn a_registered_unit_shows_its_cover_and_refuses_a_second_registration_or_a_stale_edit() {
    let app = spawn_app().await;
    let (status, saved) = app
        .call("assets/save", json!({ "save": { "input": unit("vmc850-2026-0101", &days_ago(30)) } }))
        .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["facts"]["serial_number"], "VMC850-2026-0101", "stored upper-cased");
    assert_eq!(saved["version"], 1);

    let (status, card) =
        app.call("assets/card", json!({ "serial": "vmc850-2026-0101", "fault_category": "" })).await;
    assert_eq!(status, 200);
    assert_eq!(card["warranty"]["class"], "free");
    assert_eq!(card["asset"]["facts"]["location"], "二号车间");

    let (status, body) =
        app.call("assets/save", json!({ "save": { "input": unit("VMC850-2026-0101", &days_ago(3)) } })).await;
    assert_eq!(status, 422);
    assert_eq!(body["fields"][0]["field"], "serial_number");
    assert_eq!(body["fields"][0]["message"], "该序列号已登记设备档案：请打开该设备修改。");

    // Out of warranty after an edit of the ship date; an edit of the old copy is a conflict.
    let edit = json!({ "save": { "input": unit("VMC850-2026-0101", &days_ago(400)), "version": 1 } });
    let (status, saved) = app.call("assets/save", edit.clone()).await;
    assert_eq!((status, saved["version"].as_u64()), (200, Some(2)));
    assert_eq!(app.call("assets/save", edit).await.0, 409);
    let (_, card) =
        app.call("assets/card", json!({ "serial": "VMC850-2026-0101", "fault_category": "" })).await;
    assert_eq!(
        (card["warranty"]["class"].as_str(), card["warranty"]["basis"].as_str()),
        (Some("charged"), Some("expired"))
    );

    let (_, list) = app.call("assets/list", json!({ "q": "精工" })).await;
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let (_, list) = app.call("assets/list", json!({ "q": "no such" })).await;
    assert_eq!(list, json!([]));
}

#[tokio::test]
async fn bad_unit_forms_name_every_field_in_the_callers_language() {
    let app = spawn_app().await;
    let mut bad = unit("a b", "2999-01-01");
    bad["warranty_months"] = json!("-3");
    bad["phone"] = json!("12");
    bad["contract_until"] = json!("2026-02-30");
    let (status, body) = app.call_in("assets/save", json!({ "save": { "input": bad } }), "en").await;
    assert_eq!(status, 422);
    let mut fields: Vec<&str> =
        body["fields"].as_array().unwrap().iter().filter_map(|f| f["field"].as_str()).collect();
    fields.sort();
    assert_eq!(fields, ["contract_until", "phone", "serial_number", "ship_date", "warranty_months"]);
    assert!(body["fields"].as_array().unwrap().iter().all(|f| {
        f["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty() && !m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
    }));
    // Unreadable shapes are bad requests, not crashes.
    assert_eq!(
        app.call("assets/save", json!({ "save": { "input": { "seal_intact": "yes" } } })).await.0,
        400
    );
    assert_eq!(app.call("assets/card", json!({ "serial": "x", "fault_category": "" })).await.0, 404);
    assert_eq!(
        app.call("assets/card", json!({ "serial": "ABCD-1", "fault_category": "magic" })).await.0,
        400
    );
}

#[tokio::test]
async fn the_same_fault_on_the_same_unit_within_the_window_is_flagged_as_a_repeat() {
    let app = spawn_app().await;
    let ticket = |category: &str| {
        let mut t = valid_intake();
        t["serial_number"] = json!("GX-9000-0077");
        t["fault_category"] = json!(category);
        t
    };
    let first = app.create(ticket("mechanical")).await;
    let (_, card) =
        app.call("assets/card", json!({ "serial": "GX-9000-0077", "fault_category": "mechanical" })).await;
    assert_eq!(card["repeat_of"], json!(first), "intake warns before registering");
    assert!(card["asset"].is_null(), "an unregistered unit still has a history");
    let other = app.create(ticket("electrical")).await;
    let again = app.create(ticket("mechanical")).await;
    let repeat_of = |detail: (u16, Value)| detail.1["ticket"]["repeat_of"].clone();
    let other = repeat_of(app.call("tickets/get", json!({ "number": other })).await);
    assert_eq!(other, Value::Null, "another kind of fault is not a repeat");
    assert_eq!(repeat_of(app.call("tickets/get", json!({ "number": again })).await), json!(first));
    let (_, card) = app.call("assets/card", json!({ "serial": "GX-9000-0077", "fault_category": "" })).await;
    assert_eq!(card["visits"].as_array().map(Vec::len), Some(3));
    assert_eq!(card["visits"][0]["number"], json!(again), "newest first");
    let (status, html) = app.page(&format!("/tickets/{again}")).await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("重复维修（前次 {first}）")), "the ticket page shows the flag");
}

#[tokio::test]
async fn the_unit_page_label_and_prefilled_intake_are_served_to_those_allowed() {
    let app = spawn_app().await;
    let serial = "VMC/2024.0008";
    assert_eq!(
        app.call("assets/save", json!({ "save": { "input": unit(serial, &days_ago(10)) } })).await.0,
        200
    );
    let (status, html) = app.page("/assets/VMC%2F2024.0008").await;
    assert_eq!(status, 200, "a serial with '/' and '.' has a page");
    assert!(html.contains("VMC/2024.0008") && html.contains("在保修期内"), "{html}");
    let (status, html) = app.page("/assets/VMC%2F2024.0008/label").await;
    assert_eq!(status, 200);
    assert!(html.contains("<svg") && html.contains("/assets/VMC%2F2024.0008"), "QR of the page address");
    let (status, html) = app.page("/tickets/new?serial=VMC%2F2024.0008").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("value=\"苏州精工机械有限公司\"") && html.contains("value=\"二号车间\""),
        "intake starts filled"
    );
    assert_eq!(app.page("/assets/NOPE-0001").await.0, 404);

    app.add_user("tech1", &[Role::Technician]).await;
    let tech = app.as_user("tech1").await;
    assert_eq!(tech.page("/assets/VMC%2F2024.0008").await.0, 200, "a technician on site scans the label");
    let (status, _) =
        tech.call("assets/save", json!({ "save": { "input": unit("NEW-0001", &days_ago(1)) } })).await;
    assert_eq!(status, 403);
}
