//! Test helpers: a real server on port 0 with its own database, and an HTTP client for it.

#![allow(dead_code)]

use serde_json::{Value, json};
use server::{Server, Settings};

/// A running server and a client pointed at it.
pub struct TestApp {
    pub server: Server,
    pub client: reqwest::Client,
    pub base: String,
}

/// Logs only when asked (`TEST_LOG=1`), so failures stay readable.
fn init_logs() {
    if std::env::var_os("TEST_LOG").is_some() {
        let _ = tracing_subscriber::fmt().with_env_filter("info").with_test_writer().try_init();
    }
}

/// Starts a server on a free port with a fresh in-memory database.
pub async fn spawn_app() -> TestApp {
    spawn_with(Settings::for_tests()).await
}

/// Starts a server with the given settings.
pub async fn spawn_with(settings: Settings) -> TestApp {
    init_logs();
    let server = server::start(settings).await.expect("server starts");
    let base = format!("http://{}", server.addr);
    TestApp { server, client: reqwest::Client::new(), base }
}

/// An intake form that passes every rule.
pub fn valid_intake() -> Value {
    json!({
        "company": "苏州精工机械有限公司",
        "contact_name": "王建国",
        "phone": "138 1234 5678",
        "region": "华东·苏州",
        "address": "苏州工业园区星湖街 328 号",
        "product_model": "VMC-850 立式加工中心",
        "serial_number": "VMC850-2024-0117",
        "purchase_date": "2025-03-18",
        "fault_description": "主轴异响，报警 ALM-401",
        "channel": "phone",
        "service_type": "field_repair",
        "urgency": "high",
        "preferred_time": "明天上午",
    })
}

impl TestApp {
    /// POSTs JSON to a server function and returns the status and the parsed body.
    pub async fn call(&self, endpoint: &str, body: Value) -> (u16, Value) {
        self.call_in(endpoint, body, "zh-CN").await
    }

    /// Like [`TestApp::call`] with an `Accept-Language` header.
    pub async fn call_in(&self, endpoint: &str, body: Value, lang: &str) -> (u16, Value) {
        let response = self
            .client
            .post(format!("{}/api/{endpoint}", self.base))
            .header("accept-language", lang)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .expect("request is answered");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body is readable");
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    /// Registers a ticket and returns its number, failing the test on any error.
    pub async fn create(&self, intake: Value) -> String {
        let (status, body) = self.call("tickets/create", json!({ "input": intake })).await;
        assert_eq!(status, 200, "create failed: {body}");
        body.as_str().expect("a ticket number").to_owned()
    }

    /// One page of the list for a query.
    pub async fn list(&self, query: Value) -> Value {
        let (status, body) = self.call("tickets/list", json!({ "query": query })).await;
        assert_eq!(status, 200, "list failed: {body}");
        body
    }

    /// GETs a page and returns its status and HTML.
    pub async fn page(&self, path: &str) -> (u16, String) {
        let response =
            self.client.get(format!("{}{path}", self.base)).send().await.expect("page is answered");
        (response.status().as_u16(), response.text().await.unwrap_or_default())
    }
}
