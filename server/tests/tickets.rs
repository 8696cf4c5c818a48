//! HTTP-level tests of ticket intake and lookup against the real server.

mod support;

use std::collections::HashSet;

use serde_json::json;
use support::{spawn_app, spawn_with, valid_intake};

#[tokio::test]
async fn a_registered_ticket_is_listed_and_can_be_opened() {
    let app = spawn_app().await;
    let number = app.create(valid_intake()).await;
    assert!(number.starts_with("SV-") && number.ends_with("-0001"), "{number}");

    let page = app.list(json!({})).await;
    assert_eq!(page["items"][0]["number"], number);
    assert_eq!(page["items"][0]["status"], "new");
    assert_eq!(page["next"], serde_json::Value::Null);

    let (status, detail) = app.call("tickets/get", json!({ "number": number.to_lowercase() })).await;
    assert_eq!(status, 200);
    assert_eq!(detail["ticket"]["phone"], "13812345678");
    assert_eq!(detail["ticket"]["serial_number"], "VMC850-2024-0117");
    assert_eq!(detail["events"][0]["kind"], "created");
    assert!(detail["ticket"]["created_at"].as_str().unwrap().ends_with("+08:00"));

    let (status, html) = app.page(&format!("/tickets/{number}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("苏州精工机械有限公司") && html.contains("主轴异响"));
    assert!(html.contains("<html lang=\"zh-CN\""));
    app.server.stop().await.unwrap();
}

#[tokio::test]
async fn two_hundred_concurrent_registrations_get_two_hundred_distinct_numbers() {
    let app = spawn_app().await;
    let mut tasks = Vec::new();
    for _ in 0..200 {
        let session = app.session.clone();
        tasks.push(tokio::spawn(async move {
            let (status, body) = session.call("tickets/create", json!({ "input": valid_intake() })).await;
            assert_eq!(status, 200, "{body}");
            body.as_str().unwrap().to_owned()
        }));
    }
    let mut numbers = HashSet::new();
    for task in tasks {
        numbers.insert(task.await.unwrap());
    }
    assert_eq!(numbers.len(), 200);
    let mut sequences: Vec<u32> =
        numbers.iter().map(|n| n.rsplit('-').next().unwrap().parse().unwrap()).collect();
    sequences.sort();
    assert_eq!(sequences, (1..=200).collect::<Vec<_>>(), "numbers are gap-free");
}

#[tokio::test]
async fn the_list_pages_by_cursor_and_filters() {
    let app = spawn_app().await;
    let mut created = Vec::new();
    for i in 0..23 {
        let mut intake = valid_intake();
        if i % 2 == 0 {
            intake["service_type"] = json!("consultation");
            intake["company"] = json!(format!("成都天府智能装备 {i}"));
        }
        if i % 3 == 0 {
            intake["region"] = json!("西南·成都");
            intake["product_model"] = json!("GX-9000 光谱仪");
        }
        created.push(app.create(intake).await);
    }
    let first = app.list(json!({})).await;
    let items = first["items"].as_array().unwrap();
    assert_eq!(items.len(), 20);
    assert_eq!(items[0]["number"], created[22], "newest first");
    let cursor = first["next"].as_str().expect("a next page");
    let second = app.list(json!({ "after": cursor })).await;
    let rest = second["items"].as_array().unwrap();
    assert_eq!(rest.len(), 3);
    assert_eq!(second["next"], serde_json::Value::Null);
    let all: HashSet<_> = items.iter().chain(rest).map(|t| t["number"].as_str().unwrap()).collect();
    assert_eq!(all.len(), 23, "no row twice, none missing");

    let consult = app.list(json!({ "service_type": "consultation" })).await;
    assert_eq!(consult["items"].as_array().unwrap().len(), 12);
    let by_text = app.list(json!({ "q": "天府智能装备 4" })).await;
    assert_eq!(by_text["items"].as_array().unwrap().len(), 1);
    let by_serial = app.list(json!({ "q": "vmc850" })).await;
    assert_eq!(by_serial["items"].as_array().unwrap().len(), 20);
    let by_number = app.list(json!({ "q": created[5].to_lowercase() })).await;
    assert_eq!(by_number["items"][0]["number"], created[5]);
    let none = app.list(json!({ "status": "closed" })).await;
    assert!(none["items"].as_array().unwrap().is_empty());
    // Region and product line, as the dashboard's count links pass them on.
    let chengdu = app.list(json!({ "region": "西南·成都" })).await;
    assert_eq!(chengdu["items"].as_array().unwrap().len(), 8);
    let gx_consult = app.list(json!({ "line": "GX", "service_type": "consultation" })).await;
    assert_eq!(gx_consult["items"].as_array().unwrap().len(), 4, "i = 0, 6, 12, 18");
    let elsewhere = app.list(json!({ "region": "西南·成都", "line": "VMC" })).await;
    assert!(elsewhere["items"].as_array().unwrap().is_empty());
    let (status, _) = app.call("tickets/list", json!({ "query": { "region": "长".repeat(51) } })).await;
    assert_eq!(status, 400, "no region that long exists");

    let (status, body) = app.call("tickets/list", json!({ "query": { "status": "exploded" } })).await;
    assert_eq!(status, 400, "{body}");
    let (status, _) = app.call("tickets/list", json!({ "query": { "after": "garbage" } })).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn data_survives_a_restart_on_the_embedded_disk_database() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("rocksdb://{}?sync=every", dir.path().join("db").display());
    let mut settings = server::Settings::for_tests();
    settings.database_url = url.clone();
    let app = spawn_with(settings.clone()).await;
    let number = app.create(valid_intake()).await;
    app.server.stop().await.unwrap();

    // The engine releases its lock asynchronously after the last handle is dropped.
    let mut reopened = None;
    for _ in 0..50 {
        match server::start(settings.clone()).await {
            Ok(s) => {
                reopened = Some(s);
                break;
            }
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
        }
    }
    let server = reopened.expect("the database reopens");
    let app = support::TestApp::attach(server).await;
    let (status, detail) = app.call("tickets/get", json!({ "number": number })).await;
    assert_eq!(status, 200);
    assert_eq!(detail["ticket"]["company"], "苏州精工机械有限公司");
    assert_eq!(app.create(valid_intake()).await.rsplit('-').next(), Some("0002"), "the counter survived");
    let again = app::db::migrations::apply(&app.server.state.db).await.unwrap();
    assert!(again.is_empty(), "migrations run once and are recorded: {again:?}");
    let recorded: Vec<i64> =
        app.server.state.db.query("SELECT VALUE version FROM migration").await.unwrap().take(0).unwrap();
    assert_eq!(recorded.len(), app::db::migrations::MIGRATIONS.len());
    app.server.stop().await.unwrap();
}

#[tokio::test]
async fn an_unknown_ticket_is_a_404_page_and_a_404_answer() {
    let app = spawn_app().await;
    let (status, html) = app.page("/tickets/SV-20200101-0001").await;
    assert_eq!(status, 404);
    assert!(html.contains("找不到该页面"));
    let (status, _) = app.page("/tickets/not-a-number").await;
    assert_eq!(status, 404);
    let (status, body) = app.call_in("tickets/get", json!({ "number": "SV-20200101-0001" }), "en").await;
    assert_eq!(status, 404);
    assert_eq!(body["message"], "No such ticket.");
    let (status, _) = app.page("/no/such/page").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn health_reports_the_database() {
    let app = spawn_app().await;
    let (status, body) = app.page("/health").await;
    assert_eq!(status, 200);
    assert!(body.contains("\"database\":\"ok\""));
}

#[tokio::test]
async fn the_page_language_follows_cookie_then_accept_language() {
    let app = spawn_app().await;
    let get = |headers: Vec<(&'static str, &'static str)>| {
        let mut request =
            app.client.get(format!("{}/tickets", app.base)).header("cookie", app.cookie.clone().unwrap());
        for (k, v) in headers {
            request = request.header(k, v);
        }
        async move { request.send().await.unwrap().text().await.unwrap() }
    };
    let html = get(vec![("accept-language", "en-US,en;q=0.9")]).await;
    assert!(html.contains("<html lang=\"en\"") && html.contains("New ticket"));
    let both = format!("{}; afterdesk_lang=zh-CN", app.cookie.clone().unwrap());
    let request = app.client.get(format!("{}/tickets", app.base)).header("accept-language", "en-US");
    let html = request.header("cookie", both).send().await.unwrap();
    let html = html.text().await.unwrap();
    assert!(html.contains("<html lang=\"zh-CN\"") && html.contains("新建工单"));
    let html = get(vec![]).await;
    assert!(html.contains("<html lang=\"zh-CN\""));
}
