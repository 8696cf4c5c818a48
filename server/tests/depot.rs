//! Depot (mail-in) repair over HTTP: receiving the unit with its receipt, an outside repairer giving the
//! turnaround 3 working days instead of 1, tracking numbers, and the worst inputs.

mod support;

use app::domain::Role;
use serde_json::{Value, json};
use support::{record, spawn_app, step, valid_intake};

fn depot(repairer: &str, outside_name: &str) -> Value {
    json!({ "depot": { "received_on": chrono::Utc::now().date_naive().to_string(), "accessories": "电源线 1 根",
            "condition": "外壳右侧有划痕", "tracking_in": "sf1234567890123", "repairer": repairer,
            "outside_name": outside_name } })
}

fn turnaround(detail: &Value) -> i64 {
    let clocks = detail["clocks"].as_array().unwrap();
    clocks.iter().find(|c| c["kind"] == "depot_turnaround").expect("turnaround clock")["remaining_minutes"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn an_outside_repairer_gets_three_working_days_and_the_receipt_prints() {
    let app = spawn_app().await;
    app.add_user("clerk1", &[Role::Clerk]).await;
    let clerk = app.as_user("clerk1").await;
    let mut intake = valid_intake();
    intake["service_type"] = json!("depot_repair");
    let n = app.create(intake).await;
    assert_eq!(
        app.page(&format!("/tickets/{n}/receipt")).await.0,
        404,
        "no receipt before the unit is received"
    );
    assert_eq!(step(&app, &n, "accept", 1, json!({})).await.0, 200);
    assert_eq!(step(&clerk, &n, "start_work", 2, json!({})).await.0, 200);

    let (status, body) = record(&clerk, "service/depot", &n, 3, depot("outside", " ")).await;
    assert_eq!((status, body["fields"][0]["field"].as_str()), (422, Some("outside_name")), "{body}");
    assert_eq!(body["fields"][0]["message"], "外送维修时请填写外部维修单位名称。");
    let mut bad = depot("in_house", "");
    bad["depot"]["tracking_in"] = json!("SF 12");
    bad["depot"]["received_on"] = json!("2999-01-01");
    let (status, body) = record(&clerk, "service/depot", &n, 3, bad).await;
    assert_eq!(status, 422);
    assert_eq!(body["fields"].as_array().map(Vec::len), Some(2));

    let (_, before) = app.call("tickets/get", json!({ "number": n })).await;
    let in_house_budget = turnaround(&before);
    assert!(in_house_budget <= 9 * 60, "one working day in house: {in_house_budget}");
    assert_eq!(record(&clerk, "service/depot", &n, 3, depot("outside", "苏州精密维修中心")).await.0, 200);
    let (_, after) = app.call("tickets/get", json!({ "number": n })).await;
    assert!(
        turnaround(&after) > in_house_budget + 2 * 8 * 60 - 60,
        "three working days outside: {}",
        turnaround(&after)
    );
    assert_eq!(after["service"]["depot"]["facts"]["tracking_in"], "SF1234567890123");
    assert_eq!(after["ticket"]["outside_repairer"], true);

    let (status, html) = app.page(&format!("/tickets/{n}/receipt")).await;
    assert_eq!(status, 200);
    for text in ["客户商品领取收据", "SF1234567890123", "电源线 1 根", "外壳右侧有划痕", n.as_str()]
    {
        assert!(html.contains(text), "the receipt shows {text}");
    }
    // Back in house: the change is in the trail and the clock follows.
    assert_eq!(record(&clerk, "service/depot", &n, 4, depot("in_house", "")).await.0, 200);
    let (_, last) = app.call("tickets/get", json!({ "number": n })).await;
    assert!(turnaround(&last) <= 9 * 60, "back to one working day");
    let events: Vec<&Value> =
        last["events"].as_array().unwrap().iter().filter(|e| e["kind"] == "record").collect();
    assert_eq!(
        events.iter().map(|e| e["record"].as_str().unwrap()).collect::<Vec<_>>(),
        ["depot_received", "depot_updated"]
    );
    assert_eq!(events[1]["changes"], json!([{ "field": "repairer", "old": "outside", "new": "in_house" }]));
}

#[tokio::test]
async fn only_depot_repairs_keep_a_depot_record() {
    let app = spawn_app().await;
    app.add_user("tech1", &[Role::Technician]).await;
    let n = app.create(valid_intake()).await;
    assert_eq!(step(&app, &n, "accept", 1, json!({})).await.0, 200);
    let (status, body) = record(&app, "service/depot", &n, 2, depot("in_house", "")).await;
    assert_eq!((status, body["refusal"].as_str()), (422, Some("not_from_here")));
}
