//! The public "report a fault" form over HTTP: a report becomes a ticket in the agents' queue (live)
//! and takes the customer to their link; refusals keep what was typed; robots and floods are held off.

mod support;

use std::time::Duration;

use serde_json::{Value, json};

use support::{TestApp, spawn_app, spawn_with};

fn report() -> Vec<(&'static str, &'static str)> {
    vec![
        ("company", "无锡恒通电子有限公司"),
        ("contact_name", "陈静"),
        ("phone", "139 1234 5678"),
        ("region", "江苏无锡"),
        ("need", "field_repair"),
        ("address", "无锡新区长江路 7 号"),
        ("product_model", "GX-9000 光谱仪"),
        ("serial_number", "GX9000-2023-0042"),
        ("fault_description", "开机后屏幕无显示，电源灯亮"),
        ("preferred_time", "工作日上午"),
        ("website", ""),
    ]
}

/// POSTs the form from the page itself: status, `Location`, body.
async fn send(app: &TestApp, form: &[(&str, &str)]) -> (u16, String, String) {
    support::post_customer_form(&app.base, "/report-fault", form).await
}

async fn queue(app: &TestApp) -> Vec<Value> {
    app.list(json!({})).await["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_report_becomes_a_ticket_in_the_live_queue_and_opens_the_customers_page() {
    let app = spawn_app().await;
    let (status, html) = app.anonymous().page("/report-fault").await;
    assert_eq!(status, 200);
    assert!(html.contains("在线报修") && html.contains("name=\"website\"") && html.contains("noindex"));

    let mut stream = app.live("tickets", None).await.expect("the queue's stream opens");
    let (status, to, _) = send(&app, &report()).await;
    assert_eq!(status, 303);
    assert!(to.starts_with("/c/") && to.ends_with("?done=reported"), "{to}");

    let items = queue(&app).await;
    assert_eq!(items.len(), 1);
    let number = items[0]["number"].as_str().unwrap().to_owned();
    let mut heard = false;
    while let Some(event) = stream.next(Duration::from_secs(5)).await {
        if event.event == "change" && event.json()["number"] == number {
            heard = true;
            break;
        }
    }
    assert!(heard, "the agents' queue hears of the new ticket");
    let (status, detail) = app.call("tickets/get", json!({ "number": number })).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["ticket"]["channel"], "web_form");
    assert_eq!(detail["ticket"]["service_type"], "field_repair");
    assert_eq!(detail["ticket"]["status"], "new");
    assert_eq!(detail["events"][0]["actor"], "陈静（客户自助报修）");
    assert_eq!(detail["share_links"][0]["created_by"], "客户自助报修");

    let (status, page) = app.anonymous().page(&to).await;
    assert_eq!(status, 200);
    assert!(page.contains(&number) && page.contains("报修已提交") && page.contains("已收到"));
}

#[tokio::test]
async fn a_refused_report_keeps_what_was_typed_and_stores_nothing() {
    let app = spawn_app().await;
    let mut form = report();
    form.retain(|(name, _)| !matches!(*name, "phone" | "address"));
    form.push(("phone", "12"));
    let (status, _, html) = send(&app, &form).await;
    assert_eq!(status, 422);
    assert!(html.contains("请修改下面标出的内容"));
    for code in ["error.address_needed_on_site", "error.invalid_phone"] {
        assert!(html.contains(&app::i18n::tr(app::i18n::Locale::ZhCn, code)), "{code}");
    }
    for kept in ["无锡恒通电子有限公司", "开机后屏幕无显示，电源灯亮", "value=\"12\""]
    {
        assert!(html.contains(kept), "{kept} lost");
    }
    let mut odd = report();
    odd.retain(|(name, _)| *name != "need");
    odd.push(("need", "installation"));
    assert_eq!(send(&app, &odd).await.0, 422, "only the three offered needs");
    assert!(queue(&app).await.is_empty());
}

#[tokio::test]
async fn robots_floods_and_huge_bodies_are_turned_away() {
    let mut settings = server::Settings::for_tests();
    settings.fault_reports_per_hour = 2;
    let app = spawn_with(settings).await;

    let mut robot = report();
    robot.retain(|(name, _)| *name != "website");
    robot.push(("website", "http://spam.example"));
    let (status, to, _) = send(&app, &robot).await;
    assert_eq!((status, to.as_str()), (303, "/report-fault?received=1"), "looks received");
    assert!(queue(&app).await.is_empty(), "nothing stored");

    assert_eq!(send(&app, &report()).await.0, 303);
    let (status, _, html) = send(&app, &report()).await;
    assert_eq!(status, 429, "the robot's report counted too");
    assert!(html.contains("请求过于频繁"));
    assert_eq!(queue(&app).await.len(), 1);

    let huge = "长".repeat(20_000);
    let response = support::client()
        .post(format!("{}/report-fault", app.base))
        .header("origin", &app.base)
        .form(&[("fault_description", huge.as_str())])
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status().as_u16(), 413);
}
