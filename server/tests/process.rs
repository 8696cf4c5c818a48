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
}

async fn launch(db_url: &str) -> Running {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["--bind", &format!("127.0.0.1:{port}"), "--database-url", db_url, "--log-level", "warn"])
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
            return Running { child, base };
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
        let found = client
            .post(format!("{}/api/tickets/get", server.base))
            .header("content-type", "application/json")
            .body(json!({ "number": number }).to_string())
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
        let r = client
            .post(format!("{}/api/tickets/create", server.base))
            .header("content-type", "application/json")
            .body(intake(i).to_string())
            .send()
            .await
            .unwrap();
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
        let request = client
            .post(format!("{}/api/tickets/create", server.base))
            .header("content-type", "application/json")
            .body(intake(i).to_string())
            .send();
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
