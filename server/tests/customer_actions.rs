//! What a customer does through their link, over HTTP: answer the quote, answer the survey, leave a
//! message — each recorded once in the ticket's audit trail under the customer's name, refusals
//! shown with the customer's input kept.

mod support;

use app::domain::Role;
use serde_json::{Value, json};
use support::{Session, TestApp, record, spawn_app, step, valid_intake};

fn ok(r: (u16, Value)) -> Value {
    assert_eq!(r.0, 200, "{}", r.1);
    r.1
}

/// A customer link to `number`: its path (`/c/<token>`).
async fn link(s: &Session, number: &str) -> String {
    let link = ok(s.call("share/create", json!({ "number": number, "days": "" })).await);
    let url = link["url"].as_str().expect("an address");
    url[url.find("/c/").expect("a customer link")..].to_owned()
}

/// POSTs a customer form from the link's own page: status, `Location` (redirects) and body.
async fn send(app: &TestApp, path: &str, form: &[(&str, &str)]) -> (u16, String, String) {
    support::post_customer_form(&app.base, path, form).await
}

async fn page(app: &TestApp, path: &str) -> String {
    let (status, html) = app.anonymous().page(path).await;
    assert_eq!(status, 200, "{html}");
    html
}

async fn trail(app: &TestApp, number: &str) -> Vec<Value> {
    ok(app.call("tickets/get", json!({ "number": number })).await)["events"].as_array().unwrap().clone()
}

#[tokio::test]
async fn the_customer_approves_the_quote_once_and_a_stale_page_is_told_to_look_again() {
    let app = spawn_app().await;
    app.add_user("tech1", &[Role::Technician]).await;
    let tech = app.as_user("tech1").await;
    let n = app.create(valid_intake()).await;
    ok(step(&app, &n, "accept", 1, json!({})).await);
    ok(step(&app, &n, "dispatch", 2, json!({ "assignee": "tech1" })).await);
    let soon = (chrono::Utc::now() + chrono::Duration::days(1)).format("%Y-%m-%dT09:30").to_string();
    ok(step(&tech, &n, "schedule", 3, json!({ "appointment": soon })).await);
    ok(step(&tech, &n, "depart", 4, json!({})).await);
    ok(step(&tech, &n, "start_work", 5, json!({})).await);
    ok(record(&tech, "service/warranty", &n, 6, json!({ "start_date": "2025-03-18", "months": "12" })).await);
    let lines = json!({ "lines": [
        { "kind": "part", "description": "主轴轴承 BRG-7014", "quantity": "2", "unit_price": "1280.00" },
        { "kind": "labour", "description": "更换轴承", "quantity": "3", "unit_price": "200" },
    ] });
    ok(record(&tech, "service/quote", &n, 7, lines).await);
    ok(step(&tech, &n, "await_customer", 8, json!({})).await);
    let path = link(&app, &n).await;

    let html = page(&app, &path).await;
    assert!(html.contains("主轴轴承 BRG-7014") && html.contains("3,160.00"), "the quote and its total");
    assert!(html.contains("同意报价") && html.contains("拒绝报价"));
    assert!(!html.contains("测试 tech1（"), "nobody's name beside the quote");

    // A page loaded before a change is told to look again; what was typed is kept.
    let quote_path = format!("{path}/quote");
    let (status, _, body) = send(
        &app,
        &quote_path,
        &[("answer", "approve"), ("version", "8"), ("key", "form-key-0001"), ("note", "请尽快")],
    )
    .await;
    assert_eq!(status, 409);
    assert!(body.contains("服务单有更新") && body.contains("请尽快"), "{body}");

    let form =
        [("answer", "approve"), ("version", "10"), ("key", "form-key-0002"), ("note", "同意，请尽快安排")];
    let (status, to, _) = send(&app, &quote_path, &form).await;
    assert_eq!((status, to.as_str()), (303, format!("{path}?done=quote").as_str()));
    let (status, _, _) = send(&app, &quote_path, &form).await;
    assert_eq!(status, 303, "the same form again changes nothing and says done");
    let events = trail(&app, &n).await;
    let approvals: Vec<_> = events.iter().filter(|e| e["record"] == "quote_approved").collect();
    assert_eq!(approvals.len(), 1);
    assert_eq!(approvals[0]["actor"], "王建国（客户）");
    assert_eq!(approvals[0]["note"], "同意，请尽快安排");
    let detail = ok(app.call("tickets/get", json!({ "number": n })).await);
    assert_eq!(detail["service"]["quote"]["status"], "approved");

    let html = page(&app, &format!("{path}?done=quote")).await;
    assert!(html.contains("您对报价的答复已记录") && html.contains("您已同意此报价"));
    assert!(!html.contains("同意报价</button>"), "answered: no form");
    let (status, _, body) =
        send(&app, &quote_path, &[("answer", "reject"), ("version", "11"), ("key", "form-key-0003")]).await;
    assert_eq!(status, 422);
    assert!(body.contains("此报价已无法在此答复"));
}

#[tokio::test]
async fn messages_are_checked_recorded_and_shown_back_to_the_customer() {
    let app = spawn_app().await;
    let n = app.create(valid_intake()).await;
    let path = link(&app, &n).await;
    let message_path = format!("{path}/message");

    let (status, _, body) = send(&app, &message_path, &[("message", "  "), ("key", "form-key-0101")]).await;
    assert_eq!(status, 422);
    assert!(body.contains("id=\"message-text\""), "the form is shown again");
    let long = "长".repeat(501);
    let (status, _, body) = send(&app, &message_path, &[("message", &long), ("key", "form-key-0102")]).await;
    assert_eq!(status, 422);
    assert!(body.contains(&long), "nothing typed is lost");
    let (status, _, _) = send(&app, &message_path, &[("message", "hi"), ("key", "bad key!")]).await;
    assert_eq!(status, 400);

    let form = [("message", "设备在二号车间，请走东门"), ("key", "form-key-0103")];
    assert_eq!(send(&app, &message_path, &form).await.0, 303);
    assert_eq!(send(&app, &message_path, &form).await.0, 303);
    let messages: Vec<_> =
        trail(&app, &n).await.into_iter().filter(|e| e["record"] == "customer_message").collect();
    assert_eq!(messages.len(), 1, "sent twice, recorded once");
    assert_eq!(messages[0]["note"], "设备在二号车间，请走东门");
    assert!(page(&app, &path).await.contains("设备在二号车间，请走东门"));

    let (status, _, _) = send(&app, &format!("/c/{}/message", "z".repeat(43)), &form).await;
    assert_eq!(status, 404, "an invalid link takes nothing");

    // The page's no-referrer policy makes the browser send `Origin: null`: the token is the proof.
    let response = support::client()
        .post(format!("{}{message_path}", app.base))
        .header("origin", "null")
        .form(&[("message", "第二条留言"), ("key", "form-key-0104")])
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status().as_u16(), 303);
}

#[tokio::test]
async fn the_survey_opens_after_the_work_and_feeds_the_follow_up() {
    let app = spawn_app().await;
    app.add_user("tech1", &[Role::Technician]).await;
    let tech = app.as_user("tech1").await;
    let mut intake = valid_intake();
    intake["service_type"] = json!("consultation");
    let n = app.create(intake).await;
    let path = link(&app, &n).await;
    let survey_path = format!("{path}/survey");
    assert!(!page(&app, &path).await.contains("您对本次服务满意吗"), "no survey before the work");
    let (status, _, _) = send(&app, &survey_path, &[("score", "5"), ("key", "form-key-0201")]).await;
    assert_eq!(status, 422);

    ok(step(&app, &n, "accept", 2, json!({})).await);
    ok(step(&tech, &n, "start_work", 3, json!({})).await);
    ok(step(&tech, &n, "resolve", 4, json!({})).await);
    assert!(page(&app, &path).await.contains("您对本次服务满意吗"));
    let (status, _, body) =
        send(&app, &survey_path, &[("score", "9"), ("comment", "很及时"), ("key", "form-key-0202")]).await;
    assert_eq!(status, 422);
    assert!(body.contains("请选择 1 到 5 分") && body.contains("很及时"));
    let form = [("score", "4"), ("comment", "很及时，但等了半天电话"), ("key", "form-key-0203")];
    assert_eq!(send(&app, &survey_path, &form).await.0, 303);
    let again = [("score", "1"), ("comment", "改主意了"), ("key", "form-key-0204")];
    assert_eq!(
        send(&app, &survey_path, &again).await.0,
        303,
        "answered once; a second answer changes nothing"
    );

    let detail = ok(app.call("tickets/get", json!({ "number": n })).await);
    assert_eq!(detail["ticket"]["survey"]["score"], 4);
    assert_eq!(detail["ticket"]["survey"]["comment"], "很及时，但等了半天电话");
    let answered: Vec<_> =
        detail["events"].as_array().unwrap().iter().filter(|e| e["record"] == "survey_answered").collect();
    assert_eq!(answered.len(), 1);
    let html = page(&app, &path).await;
    assert!(html.contains("您的评分：4 / 5") && !html.contains("您对本次服务满意吗"));
}

async fn send_photo(app: &TestApp, path: &str, key: &str, bytes: &[u8]) -> (u16, String) {
    let (content_type, body) = support::photo_form(&[("key", key)], bytes);
    let response = support::client()
        .post(format!("{}{path}/photo", app.base))
        .header("origin", "null")
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("answered");
    let (status, location, _) = support::answered(response).await;
    (status, location)
}

#[tokio::test]
async fn photos_are_checked_by_content_stored_once_and_shown_only_to_whoever_may_see_them() {
    let data = tempfile::tempdir().expect("a temporary folder");
    let mut settings = server::Settings::for_tests();
    settings.data_dir = data.path().to_string_lossy().into_owned();
    let app = support::spawn_with(settings).await;
    let n = app.create(valid_intake()).await;
    let other = app.create(valid_intake()).await;
    let path = link(&app, &n).await;
    let other_path = link(&app, &other).await;

    // Not a photo (whatever it claims), and too big: refused, nothing kept.
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    assert_eq!(send_photo(&app, &path, "form-key-0301", svg).await.0, 415);
    let mut huge = vec![0xFF, 0xD8, 0xFF, 0xE0];
    huge.resize(8 * 1024 * 1024 + 1, 0);
    assert_eq!(send_photo(&app, &path, "form-key-0302", &huge).await.0, 413);
    assert!(support::files_in(data.path()).is_empty(), "{:?}", support::files_in(data.path()));

    let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 1, 2, 3];
    let (status, to) = send_photo(&app, &path, "form-key-0303", &jpeg).await;
    assert_eq!((status, to), (303, format!("{path}?done=photo")));
    assert_eq!(send_photo(&app, &path, "form-key-0303", &jpeg).await.0, 303, "sent twice");
    let stored = support::files_in(data.path());
    assert_eq!(stored.len(), 1, "one file: {stored:?}");
    assert_eq!(std::fs::read(&stored[0]).unwrap(), jpeg);
    let events: Vec<_> =
        trail(&app, &n).await.into_iter().filter(|e| e["record"] == "customer_photo").collect();
    assert_eq!(events.len(), 1);
    let file = events[0]["note"].as_str().unwrap().to_owned();

    let html = page(&app, &path).await;
    assert!(html.contains(&format!("{path}/photos/{file}")), "the customer sees their photo");
    let get = |url: String| async move {
        let response = support::client().get(url).send().await.expect("answered");
        let status = response.status().as_u16();
        let kind = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        (status, kind, response.bytes().await.unwrap_or_default().to_vec())
    };
    assert_eq!(
        get(format!("{}{path}/photos/{file}", app.base)).await,
        (200, "image/jpeg".into(), jpeg.to_vec())
    );
    assert_eq!(
        get(format!("{}{other_path}/photos/{file}", app.base)).await.0,
        404,
        "not through another link"
    );
    assert_eq!(get(format!("{}{path}/photos/..%2F..%2Fetc%2Fpasswd", app.base)).await.0, 404);

    // The desk sees it with the ticket; signed out, nobody does.
    let staff = format!("/tickets/{n}/photos/{file}");
    let response = app
        .client
        .get(format!("{}{staff}", app.base))
        .header("cookie", app.cookie.clone().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(app.anonymous().page(&staff).await.0, 303, "to sign-in");
}
