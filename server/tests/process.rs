//! The real binary as an operator runs it: kill -9 loses no acknowledged write, SIGTERM finishes
//! in-flight requests before exiting.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap()
}

struct Running {
    child: Child,
    base: String,
    /// The demo agent's session.
    cookie: String,
}

impl Running {
    /// A POST of JSON to a server function as the demo agent.
    fn post(&self, client: &reqwest::Client, endpoint: &str, body: &Value) -> reqwest::RequestBuilder {
        client
            .post(format!("{}/api/{endpoint}", self.base))
            .header("origin", &self.base)
            .header("cookie", &self.cookie)
            .header("content-type", "application/json")
            .body(body.to_string())
    }
}

/// Signs in through the API; returns the status and the session cookie.
async fn sign_in(base: &str, username: &str, password: &str) -> (u16, Option<String>) {
    let response = reqwest::Client::new()
        .post(format!("{base}/api/auth/sign_in"))
        .header("origin", base)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("username={username}&password={password}"))
        .send()
        .await
        .unwrap();
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|c| c.split(';').next())
        .map(str::to_owned);
    (response.status().as_u16(), cookie)
}

/// Starts the binary in demo mode (demo staff and tickets on a new database) and signs in as the agent.
async fn launch(db_url: &str) -> Running {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["--bind", &format!("127.0.0.1:{port}"), "--database-url", db_url, "--log-level", "warn"])
        .arg("--demo-data")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("server binary starts");
    let base = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(60);
    let client = reqwest::Client::new();
    loop {
        if let Ok(r) = client.get(format!("{base}/health")).send().await
            && r.status() == 200
        {
            let (status, cookie) = sign_in(&base, "agent", "afterdesk-demo").await;
            assert_eq!(status, 200, "the demo agent signs in");
            return Running { child, base, cookie: cookie.expect("a session cookie") };
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("server exited before becoming healthy: {status}");
        }
        assert!(Instant::now() < deadline, "server did not become healthy");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn intake(i: usize) -> Value {
    json!({ "input": {
        "company": format!("宁波海天精密模具厂 {i}"), "contact_name": "陈丽华", "phone": "0574-87654321",
        "region": "华东·宁波", "product_model": "HT-350 注塑机", "fault_description": "液压油温过高",
        "channel": "phone", "service_type": "consultation", "urgency": "normal",
    }})
}

/// Starts the server again on the same database and checks every acknowledged ticket is there.
async fn assert_all_present_after_restart(db_url: &str, numbers: &[String]) {
    let mut server = launch(db_url).await;
    let client = reqwest::Client::new();
    for number in numbers {
        let found = server
            .post(&client, "tickets/get", &json!({ "number": number }))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200);
        assert!(found, "{number} was acknowledged but lost");
    }
    server.child.kill().unwrap();
    server.child.wait().unwrap();
}

#[tokio::test]
async fn acknowledged_tickets_survive_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("rocksdb://{}?sync=every", dir.path().join("db").display());
    let client = reqwest::Client::new();
    let mut server = launch(&url).await;
    let mut acknowledged = Vec::new();
    for i in 0..40 {
        let r = server.post(&client, "tickets/create", &intake(i)).send().await.unwrap();
        assert_eq!(r.status(), 200);
        acknowledged.push(serde_json::from_str::<String>(&r.text().await.unwrap()).unwrap());
    }
    server.child.kill().unwrap(); // SIGKILL: no shutdown code runs
    server.child.wait().unwrap();

    assert_all_present_after_restart(&url, &acknowledged).await;
}

#[cfg(unix)]
#[tokio::test]
async fn sigterm_finishes_in_flight_registrations_then_exits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("rocksdb://{}?sync=every", dir.path().join("db").display());
    let client = reqwest::Client::new();
    let mut server = launch(&url).await;
    let mut requests = Vec::new();
    for i in 0..30 {
        let request = server.post(&client, "tickets/create", &intake(i)).send();
        requests.push(tokio::spawn(request));
    }
    tokio::time::sleep(Duration::from_millis(5)).await;
    let pid = server.child.id().to_string();
    let status = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(status.success());
    let mut acknowledged = Vec::new();
    for r in requests {
        // Requests that were not accepted before shutdown fail to connect; none may be cut off half-way.
        if let Ok(Ok(response)) = r.await {
            assert_eq!(response.status(), 200, "an accepted request was not completed");
            acknowledged.push(serde_json::from_str::<String>(&response.text().await.unwrap()).unwrap());
        }
    }
    let exit = server.child.wait().unwrap();
    assert!(exit.success(), "graceful exit, got {exit:?}");

    assert_all_present_after_restart(&url, &acknowledged).await;
}

#[tokio::test]
async fn the_first_administrator_comes_from_the_create_admin_command() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("rocksdb://{}?sync=every", dir.path().join("db").display());
    let create = |password: &str| {
        Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["--database-url", &url, "--log-level", "warn", "create-admin", "--username", "Boss"])
            .env("AFTERDESK_ADMIN_PASSWORD", password)
            .output()
            .expect("the command runs")
    };
    let weak = create("short");
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("at least 10 characters"));
    let made = create("a-strong-admin-pass");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    assert!(!create("a-strong-admin-pass").status.success(), "the name is taken now");

    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["--bind", &format!("127.0.0.1:{port}"), "--database-url", &url, "--log-level", "warn"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(60);
    while reqwest::get(format!("{base}/health")).await.map(|r| r.status() != 200).unwrap_or(true) {
        assert!(Instant::now() < deadline, "server did not become healthy");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(sign_in(&base, "boss", "a-strong-admin-pass").await.0, 200);
    assert_eq!(sign_in(&base, "agent", "afterdesk-demo").await.0, 401, "no demo accounts outside demo mode");
    child.kill().unwrap();
    child.wait().unwrap();
}
