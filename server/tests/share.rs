//! Customer links over HTTP: tokens (length, randomness, hash-only storage, expiry, revocation),
//! one answer for every invalid link, the lookup limit, and the redacted page and stream.

mod support;

use std::time::Duration;

use app::domain::Role;
use serde_json::{Value, json};
use support::sse::EventStream;
use support::{Session, TestApp, spawn_app, spawn_with, step, valid_intake};

const WAIT: Duration = Duration::from_secs(5);

fn ok(r: (u16, Value)) -> Value {
    assert_eq!(r.0, 200, "{}", r.1);
    r.1
}

/// Creates a customer link to `number` and returns its address.
async fn share(s: &Session, number: &str) -> String {
    let link = ok(s.call("share/create", json!({ "number": number, "days": "" })).await);
    link["url"].as_str().expect("the answer has the address").to_owned()
}

/// The path and token of a customer link address.
fn token_of(url: &str) -> &str {
    url.rsplit_once("/c/").map(|(_, t)| t).expect("a customer link")
}

/// GETs `path` without any session: status, headers, body.
async fn visit(app: &TestApp, path: &str) -> (u16, reqwest::header::HeaderMap, String) {
    let response = support::client().get(format!("{}{path}", app.base)).send().await.expect("answered");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.unwrap_or_default())
}

/// Opens a customer page's live stream without any session.
async fn customer_stream(app: &TestApp, token: &str) -> Result<EventStream, u16> {
    app.anonymous().stream(&format!("/c/{token}/live")).await
}

#[tokio::test]
async fn a_link_is_long_random_stored_only_as_a_hash_and_listed_with_its_use() {
    let app = spawn_app().await;
    let n = app.create(valid_intake()).await;
    // A colleague's link is the ticket's address: signed out, it goes through sign-in and back.
    let (status, to) = app.anonymous().page(&format!("/tickets/{n}")).await;
    assert_eq!((status, to), (303, format!("/signin?next=%2Ftickets%2F{n}")));
    let first = share(&app, &n).await;
    let second = share(&app, &n).await;
    let (a, b) = (token_of(&first), token_of(&second));
    assert_eq!(a.len(), 43, "256 random bits, base64url");
    assert_ne!(a, b);
    assert!(first.starts_with(&app.base), "{first}");

    // Nothing stored holds the token; the record's id is its SHA-256.
    let rows: Vec<Value> =
        app.server.state.db.query("SELECT * FROM share_link").await.unwrap().take(0).unwrap();
    let stored = serde_json::to_string(&rows).unwrap();
    assert_eq!(rows.len(), 2);
    assert!(!stored.contains(a) && !stored.contains(b), "{stored}");
    assert!(stored.contains(&app::auth::token::session_key(a)), "{stored}");

    // Opened once: the list says when; the audit trail records both links.
    let (status, _, _) = visit(&app, &format!("/c/{a}")).await;
    assert_eq!(status, 200);
    let links = ok(app.call("share/list", json!({ "number": n })).await);
    let links = links.as_array().expect("a list");
    assert_eq!(links.len(), 2);
    assert_eq!(links[0]["state"], "active");
    assert!(links.iter().filter(|l| !l["last_opened_at"].is_null()).count() == 1, "{links:?}");
    assert!(links.iter().all(|l| l["created_by"] == "测试 desk"));
    let trail = ok(app.call("tickets/get", json!({ "number": n })).await);
    let records: Vec<_> =
        trail["events"].as_array().unwrap().iter().filter_map(|e| e["record"].as_str()).collect();
    assert_eq!(records, ["share_created", "share_created"]);
}

#[tokio::test]
async fn validity_is_checked_and_only_people_who_may_share_the_ticket_can() {
    let app = spawn_app().await;
    let n = app.create(valid_intake()).await;
    for days in ["0", "366", "abc"] {
        let (status, body) = app.call("share/create", json!({ "number": n, "days": days })).await;
        assert_eq!(status, 422, "{days}: {body}");
        assert_eq!(body["fields"][0]["field"], "days");
    }
    let link = ok(app.call("share/create", json!({ "number": n, "days": "7" })).await);
    let expires = chrono::DateTime::parse_from_rfc3339(link["expires_at"].as_str().unwrap()).unwrap();
    let days = (expires.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_hours();
    assert!((167..=168).contains(&days), "{days} hours");

    app.add_user("tech1", &[Role::Technician]).await;
    app.add_user("store1", &[Role::Warehouse]).await;
    let tech = app.as_user("tech1").await;
    let (status, _) = tech.call("share/create", json!({ "number": n, "days": "" })).await;
    assert_eq!(status, 403, "not the technician's job");
    let (status, _) = app.as_user("store1").await.call("share/list", json!({ "number": n })).await;
    assert_eq!(status, 403, "the warehouse does not share tickets");
    ok(step(&app, &n, "accept", 2, json!({})).await);
    ok(step(&app, &n, "dispatch", 3, json!({ "assignee": "tech1" })).await);
    share(&tech, &n).await;
    let (status, _) = app.anonymous().call("share/create", json!({ "number": n, "days": "" })).await;
    assert_eq!(status, 401);
    let (status, _) = app.call("share/create", json!({ "number": "SV-20200101-0001", "days": "" })).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn unknown_expired_and_revoked_links_get_the_same_answer() {
    let app = spawn_app().await;
    let n = app.create(valid_intake()).await;
    let expired = share(&app, &n).await;
    let revoked = share(&app, &n).await;
    let working = share(&app, &n).await;
    app.server
        .state
        .db
        .query("UPDATE type::record('share_link', $h) SET expires_at = time::now() - 1m")
        .bind(("h", app::auth::token::session_key(token_of(&expired))))
        .await
        .unwrap()
        .check()
        .unwrap();
    let links = ok(app.call("share/list", json!({ "number": n })).await);
    // Newest first: the second link created is the middle one.
    let key = links[1]["key"].as_str().unwrap().to_owned();
    ok(app.call("share/revoke", json!({ "number": n, "key": key })).await);
    let (status, _) = app.call("share/revoke", json!({ "number": n, "key": key })).await;
    assert_eq!(status, 404, "a revoked link cannot be revoked again");

    let unknown = format!("/c/{}", "x".repeat(43));
    let mut answers = Vec::new();
    for path in [
        unknown.clone(),
        format!("/c/{}", token_of(&expired)),
        format!("/c/{}", token_of(&revoked)),
        "/c/short".into(),
    ] {
        let (status, headers, body) = visit(&app, &path).await;
        answers.push((status, body));
        assert_eq!(headers["referrer-policy"], "no-referrer");
    }
    assert_eq!(answers[0].0, 404);
    assert!(answers[0].1.contains("链接无效"), "{}", answers[0].1);
    assert!(answers.iter().all(|a| *a == answers[0]), "every invalid link is answered alike");
    for token in [token_of(&expired), token_of(&revoked)] {
        assert_eq!(customer_stream(&app, token).await.err(), Some(404));
    }
    let listed = ok(app.call("share/list", json!({ "number": n })).await);
    let states: Vec<_> =
        listed.as_array().unwrap().iter().map(|l| l["state"].as_str().unwrap().to_owned()).collect();
    assert_eq!(states, ["active", "revoked", "expired"]);
    assert_eq!(visit(&app, &format!("/c/{}", token_of(&working))).await.0, 200);
}

#[tokio::test]
async fn revoking_a_link_closes_its_open_page_at_once() {
    let app = spawn_app().await;
    let n = app.create(valid_intake()).await;
    let url = share(&app, &n).await;
    let mut stream = customer_stream(&app, token_of(&url)).await.expect("the stream opens");
    let hello = stream.next(WAIT).await.expect("hello");
    assert_eq!((hello.event.as_str(), hello.json()), ("hello", json!({ "version": 2 })));

    // A step: the page hears the new version and nothing else.
    ok(step(&app, &n, "accept", 2, json!({ "note": "内部备注：客户难缠" })).await);
    let change = stream.next(WAIT).await.expect("a change");
    assert_eq!((change.event.as_str(), change.data.as_str()), ("change", r#"{"version":3}"#));

    let key = ok(app.call("share/list", json!({ "number": n })).await)[0]["key"].as_str().unwrap().to_owned();
    ok(app.call("share/revoke", json!({ "number": n, "key": key })).await);
    let gone = stream.next(WAIT).await.expect("told");
    assert_eq!(gone.event, "gone");
    assert!(stream.ends_within(WAIT).await, "the stream ends");
}

#[tokio::test]
async fn the_customer_page_shows_progress_and_none_of_the_internal_data() {
    let app = spawn_app().await;
    app.add_user("tech1", &[Role::Technician]).await;
    let n = app.create(valid_intake()).await;
    ok(step(&app, &n, "accept", 1, json!({ "note": "内部备注：客户难缠，报价从严" })).await);
    let soon = (chrono::Utc::now() + chrono::Duration::days(1)).format("%Y-%m-%dT09:30").to_string();
    ok(step(&app, &n, "dispatch", 2, json!({ "assignee": "tech1", "bring": "备用主轴轴承 6208" })).await);
    let tech = app.as_user("tech1").await;
    ok(step(&tech, &n, "schedule", 3, json!({ "appointment": soon, "note": "客户门卫电话 0512-99990000" }))
        .await);
    let url = share(&app, &n).await;

    let (status, headers, html) = visit(&app, &format!("/c/{}", token_of(&url))).await;
    assert_eq!(status, 200);
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert_eq!(headers["x-robots-tag"], "noindex, nofollow");
    assert_eq!(headers["cache-control"], "no-store");
    for shown in [
        n.as_str(),
        "已安排工程师",
        "测试 tech1",
        "VMC-850 立式加工中心",
        "VMC850-2024-0117",
        "处理进度",
        "noindex",
    ] {
        assert!(html.contains(shown), "{shown} missing");
    }
    for hidden in [
        "内部备注",
        "0512-99990000",
        "备用主轴轴承",
        "138 1234 5678",
        "13812345678",
        "王建国",
        "星湖街",
        "主轴异响",
        "测试 desk",
        "tech1\"",
        "华东·苏州",
        "/api/",
    ] {
        assert!(!html.contains(hidden), "{hidden} leaked");
    }
    // Only our own files: no third-party resource.
    for attr in ["src=\"", "href=\""] {
        for part in html.split(attr).skip(1) {
            assert!(
                part.starts_with('/') || part.starts_with('?') || part.starts_with('#'),
                "{attr}{part:.40}"
            );
        }
    }
    let (_, _, english) = visit(&app, &format!("/c/{}?lang=en", token_of(&url))).await;
    assert!(english.contains("Technician assigned") && english.contains("lang=\"en\""));
}

#[tokio::test]
async fn link_lookups_are_limited_per_client_address() {
    let mut settings = server::Settings::for_tests();
    settings.link_lookups_per_minute = 3;
    let app = spawn_with(settings).await;
    let n = app.create(valid_intake()).await;
    let url = share(&app, &n).await;
    let path = format!("/c/{}", token_of(&url));
    for _ in 0..2 {
        assert_eq!(visit(&app, &path).await.0, 200);
    }
    assert_eq!(visit(&app, &format!("/c/{}", "y".repeat(43))).await.0, 404, "guesses count too");
    let (status, _, body) = visit(&app, &path).await;
    assert_eq!(status, 429);
    assert!(body.contains("请求过于频繁"), "{body}");
}
