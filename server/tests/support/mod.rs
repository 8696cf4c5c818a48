//! Test helpers: a real server on port 0 with its own database, and an HTTP client for it.

#![allow(dead_code)]

use app::domain::Role;
use serde_json::{Value, json};
use server::{Server, Settings};

pub mod sse;

/// The password every test account gets.
pub const PASSWORD: &str = "test-password-1";

/// A running server, and a [`Session`] on it signed in as `desk` (agent and supervisor).
pub struct TestApp {
    pub server: Server,
    pub session: Session,
}

impl std::ops::Deref for TestApp {
    type Target = Session;
    fn deref(&self) -> &Session {
        &self.session
    }
}

/// A client of the server as one browser: its session cookie, if signed in.
#[derive(Clone)]
pub struct Session {
    pub client: reqwest::Client,
    pub base: String,
    /// The `Cookie` header sent with every request.
    pub cookie: Option<String>,
}

/// A client that reports redirects instead of following them. A request that gets no complete answer
/// within a minute fails its test instead of stalling the whole run.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("client builds")
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
    add_user_to(&server.state.db, "desk", &[Role::Agent, Role::Supervisor]).await;
    TestApp::attach(server).await
}

/// Creates an account directly in the database with [`PASSWORD`].
pub async fn add_user_to(db: &app::db::Db, username: &str, roles: &[Role]) {
    let input = app::domain::account::UserInput {
        username: username.into(),
        display_name: format!("测试 {username}"),
        roles: roles.iter().map(|r| r.as_str().to_owned()).collect(),
        ..Default::default()
    };
    let user = input.validate(false).expect("a valid test account");
    let hash = app::auth::password::hash(PASSWORD.into()).await.expect("hashing works");
    let actor = app::db::staff::Actor { username: None, address: "test" };
    let written = app::db::staff::create(db, &user, &hash, false, chrono::Utc::now(), &actor).await.unwrap();
    assert_eq!(written, app::db::staff::Written::Done);
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
    /// Wraps a running server whose database has the `desk` account, signed in as `desk`.
    pub async fn attach(server: Server) -> TestApp {
        let anonymous = Session { client: client(), base: format!("http://{}", server.addr), cookie: None };
        let cookie = anonymous.session_for("desk").await;
        TestApp { server, session: Session { cookie: Some(cookie), ..anonymous } }
    }

    /// Creates an account with [`PASSWORD`].
    pub async fn add_user(&self, username: &str, roles: &[Role]) {
        add_user_to(&self.server.state.db, username, roles).await;
    }

    /// A browser signed in as `username` (created with [`TestApp::add_user`]).
    pub async fn as_user(&self, username: &str) -> Session {
        let cookie = self.anonymous().session_for(username).await;
        Session { cookie: Some(cookie), ..self.anonymous() }
    }

    /// A browser that is not signed in.
    pub fn anonymous(&self) -> Session {
        Session { cookie: None, ..self.session.clone() }
    }
}

impl Session {
    /// POSTs the sign-in form as a browser would (English answers) and returns the raw response.
    pub async fn sign_in_response(&self, username: &str, password: &str) -> reqwest::Response {
        self.client
            .post(format!("{}/api/auth/sign_in", self.base))
            .header("origin", &self.base)
            .header("accept-language", "en")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!(
                "username={}&password={}",
                app::tickets::encode_query(username),
                app::tickets::encode_query(password)
            ))
            .send()
            .await
            .expect("sign-in is answered")
    }

    /// Signs in through the API and returns the raw answer and the session cookie it set.
    pub async fn sign_in(&self, username: &str, password: &str) -> (u16, Value, Option<String>) {
        let response = self.sign_in_response(username, password).await;
        let status = response.status().as_u16();
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("afterdesk_session=") && !c.starts_with("afterdesk_session=;"))
            .and_then(|c| c.split(';').next())
            .map(str::to_owned);
        let text = response.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)), cookie)
    }

    /// Signs in as `username` with [`PASSWORD`] and returns the session cookie.
    pub async fn session_for(&self, username: &str) -> String {
        let (status, body, cookie) = self.sign_in(username, PASSWORD).await;
        assert_eq!(status, 200, "sign-in failed: {body}");
        cookie.expect("sign-in sets the session cookie")
    }

    /// POSTs JSON to a server function and returns the status and the parsed body.
    pub async fn call(&self, endpoint: &str, body: Value) -> (u16, Value) {
        self.call_in(endpoint, body, "zh-CN").await
    }

    /// Like [`TestApp::call`] with an `Accept-Language` header.
    pub async fn call_in(&self, endpoint: &str, body: Value, lang: &str) -> (u16, Value) {
        self.post_raw(endpoint, &body.to_string(), lang).await
    }

    /// POSTs `body` as JSON text (valid or not) from our own origin with the session cookie.
    pub async fn post_raw(&self, endpoint: &str, body: &str, lang: &str) -> (u16, Value) {
        let mut request = self
            .client
            .post(format!("{}/api/{endpoint}", self.base))
            .header("origin", &self.base)
            .header("accept-language", lang)
            .header("content-type", "application/json")
            .body(body.to_owned());
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        let response = request.send().await.expect("request is answered");
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

    /// GETs a page with the session cookie and returns its status and HTML (or the redirect target).
    pub async fn page(&self, path: &str) -> (u16, String) {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        let response = request.send().await.expect("page is answered");
        let status = response.status().as_u16();
        if response.status().is_redirection() {
            let to = response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default();
            return (status, to.to_owned());
        }
        (status, response.text().await.unwrap_or_default())
    }
}

/// POSTs `form` to `path` as a customer's browser does from our public pages (their `no-referrer`
/// policy makes it send `Origin: null`), in Chinese: status, `Location` (redirects) and body.
pub async fn post_customer_form(base: &str, path: &str, form: &[(&str, &str)]) -> (u16, String, String) {
    let response = client()
        .post(format!("{base}{path}"))
        .header("origin", "null")
        .header("accept-language", "zh-CN")
        .form(form)
        .send()
        .await
        .expect("answered");
    answered(response).await
}

/// A response's status, `Location` and body.
pub async fn answered(response: reqwest::Response) -> (u16, String, String) {
    let status = response.status().as_u16();
    let location =
        response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    (status, location, response.text().await.unwrap_or_default())
}

/// A request key unique to this moment.
pub fn key(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("{prefix}-{nanos}")
}

/// A record request's target: this ticket at `version`, a fresh key.
pub fn target(number: &str, version: u64) -> Value {
    json!({ "number": number, "version": version, "idempotency_key": key("t") })
}

/// Takes workflow step `step` at `version`, with the step form's `extra` fields.
pub async fn step(s: &Session, number: &str, step: &str, version: u64, extra: Value) -> (u16, Value) {
    let mut request =
        json!({ "number": number, "step": step, "version": version, "idempotency_key": key(step) });
    if let (Some(r), Some(e)) = (request.as_object_mut(), extra.as_object()) {
        r.extend(e.clone());
    }
    s.call("tickets/step", json!({ "request": request })).await
}

/// Sends a record request (`service/…`, `parts/…`) at `version` with `fields`.
pub async fn record(s: &Session, endpoint: &str, number: &str, version: u64, fields: Value) -> (u16, Value) {
    let mut request = json!({ "target": target(number, version) });
    if let (Some(r), Some(f)) = (request.as_object_mut(), fields.as_object()) {
        r.extend(f.clone());
    }
    s.call(endpoint, json!({ "request": request })).await
}

/// Every file under `dir`, however deep (photo uploads: what was stored).
pub fn files_in(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return vec![] };
    entries
        .flatten()
        .flat_map(|e| if e.path().is_dir() { files_in(&e.path()) } else { vec![e.path()] })
        .collect()
}

/// A `multipart/form-data` body: text `fields`, then the file `photo`; and its content type.
pub fn photo_form(fields: &[(&str, &str)], photo: &[u8]) -> (String, Vec<u8>) {
    let boundary = "afterdesk-test-boundary-7f3a";
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"photo.jpg\"\r\n\
         Content-Type: image/jpeg\r\n\r\n"
    ));
    let mut body = body.into_bytes();
    body.extend_from_slice(photo);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
