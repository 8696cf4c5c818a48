//! Dashboard benchmark: the supervisor's dashboard page (server-rendered) with 100,000 tickets in
//! the database, against counting the same numbers by scanning every ticket.
//!
//! `make bench` (or `cargo run --release -p server --example dashboard_bench`). The server runs in
//! this process on the embedded in-memory database.

use std::time::{Duration, Instant};

use chrono::{Duration as Days, Utc};
use serde_json::{Value, json};
use server::Settings;

mod support;
use support::{machine, ms, quantile};

const TICKETS: usize = 100_000;
const BATCH: usize = 1_000;
/// Page renders timed per variant; `REQUESTS=n` in the environment changes it.
const REQUESTS: usize = 200;
const REGIONS: [&str; 4] = ["华东·苏州", "华东·上海", "华南·深圳", "华北·北京"];
const MODELS: [&str; 4] =
    ["VMC-850 立式加工中心", "GX-9000 光谱仪", "HT-300 注塑机", "VMC-1160 立式加工中心"];
/// One ticket in 33 is open, spread over the open states; the rest are archived.
const OPEN: [&str; 8] =
    ["new", "accepted", "dispatched", "scheduled", "en_route", "in_progress", "waiting_parts", "resolved"];
const TECHNICIANS: [&str; 3] = ["technician", "technician2", "technician3"];

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let server = server::start(Settings::for_tests()).await.expect("the server starts");
    let db = server.state.db.clone();
    app::auth::bootstrap::seed_demo_staff(&db, Utc::now()).await.expect("demo staff");
    let started = Instant::now();
    seed(&db).await;
    println!("dashboard_bench on {}", machine());
    println!(
        "seeded {TICKETS} tickets (and their registration events) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    // What the live follower does for every change: read the ticket back with its events.
    let mut reads = Vec::new();
    for i in 0..50 {
        let day = Utc::now() - Days::days((i * 7 % 365) as i64);
        let number = format!("SV-{}-{:04}", day.format("%Y%m%d"), i * 7 / 365 + 1);
        let at = Instant::now();
        app::db::tally::current(&db, &number, server.state.tz).await.expect("a read-back");
        reads.push(at.elapsed());
    }
    reads.sort();
    println!("read-back of one ticket: p50 {} p95 {}", ms(quantile(&reads, 0.5)), ms(quantile(&reads, 0.95)));
    // The live follower reads every change back; time it until the tally holds all open work.
    let open = TICKETS.div_ceil(33) as i64;
    while held_open(&server.state.tally) < open {
        assert!(started.elapsed() < Duration::from_secs(1800), "the live follower never caught up");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    println!(
        "the live follower had read back every change (the dashboard holds {open} open tickets) {:.1} s after seeding began",
        started.elapsed().as_secs_f64()
    );
    let mut rebuilds = Vec::new();
    for _ in 0..5 {
        let at = Instant::now();
        app::db::tally::snapshot(&db, Utc::now(), server.state.tz).await.expect("a snapshot");
        rebuilds.push(at.elapsed());
    }
    let requests = std::env::var("REQUESTS").ok().and_then(|n| n.parse().ok()).unwrap_or(REQUESTS);

    let base = format!("http://{}", server.addr);
    let cookie = support::sign_in(&base, "supervisor", app::auth::bootstrap::DEMO_PASSWORD).await;
    let client = reqwest::Client::new();
    println!("| request | samples | p50 | p95 | p99 |");
    println!("|---|---:|---:|---:|---:|");
    report("start-up read of the dashboard's tally (database only)", &mut rebuilds);
    for (label, path) in [
        ("GET /dashboard", "/dashboard".to_owned()),
        (
            "GET /dashboard?region=华东·苏州&line=VMC",
            format!("/dashboard?region={}&line=VMC", encode("华东·苏州")),
        ),
    ] {
        let mut samples = Vec::with_capacity(requests);
        for i in 0..requests + 10 {
            let at = Instant::now();
            let response =
                client.get(format!("{base}{path}")).header("cookie", &cookie).send().await.expect("answers");
            assert_eq!(response.status(), 200);
            let page = response.text().await.expect("a page");
            assert!(page.contains("tile-n"), "the dashboard rendered");
            if i >= 10 {
                samples.push(at.elapsed());
            }
        }
        report(label, &mut samples);
    }

    // For contrast: the same counts by scanning every ticket.
    let mut samples = Vec::new();
    for _ in 0..20 {
        let at = Instant::now();
        let _: Vec<Value> = db
            .query("SELECT status, count() AS n FROM ticket GROUP BY status")
            .await
            .and_then(|r| r.check())
            .and_then(|mut r| r.take(0))
            .expect("scan");
        samples.push(at.elapsed());
    }
    report("scan: count every ticket by status (database only)", &mut samples);
    let _ = server.stop().await;
}

/// Open tickets the dashboard's tally holds.
fn held_open(tally: &app::dashboard::tally::SharedTally) -> i64 {
    let tally = tally.read().unwrap_or_else(|poisoned| poisoned.into_inner());
    tally.buckets().iter().map(|b| b.n).sum()
}

fn report(label: &str, samples: &mut [Duration]) {
    samples.sort();
    let (p50, p95, p99) = (quantile(samples, 0.5), quantile(samples, 0.95), quantile(samples, 0.99));
    println!("| {label} | {} | {} | {} | {} |", samples.len(), ms(p50), ms(p95), ms(p99));
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// 100,000 tickets over the last year, 1 in 33 open (those past acceptance dispatched to the demo
/// technicians), each with its registration event.
async fn seed(db: &app::db::Db) {
    let today = Utc::now();
    for batch in 0..TICKETS / BATCH {
        let rows: Vec<Value> = (0..BATCH)
            .map(|k| {
                let i = batch * BATCH + k;
                let day = today - Days::days((i % 365) as i64);
                let number = format!("SV-{}-{:04}", day.format("%Y%m%d"), i / 365 + 1);
                let status = if i.is_multiple_of(33) { OPEN[(i / 33) % OPEN.len()] } else { "closed" };
                let with_tech = !matches!(status, "new" | "accepted" | "closed");
                json!({
                    "number": number,
                    "at": (day - Days::minutes((i % 600) as i64)).to_rfc3339(),
                    "tech": with_tech.then(|| TECHNICIANS[i % 3]),
                    "ticket": {
                        "number": number, "status": status, "service_type": "field_repair",
                        "urgency": if i.is_multiple_of(10) { "urgent" } else { "normal" }, "channel": "phone",
                        "company": format!("客户 {}", i % 5000), "contact_name": "王工", "phone": "138 0000 0000",
                        "region": REGIONS[i % 4], "product_model": MODELS[(i / 4) % 4],
                        "fault_description": "主轴异响", "search_text": number.to_lowercase(), "version": 1,
                    },
                })
            })
            .collect();
        db.query(
            "FOR $t IN $rows {
                CREATE type::record('ticket', $t.number) CONTENT object::extend($t.ticket, {
                    created_at: <datetime>$t.at, updated_at: <datetime>$t.at }) RETURN NONE;
                IF $t.tech {
                    UPDATE type::record('ticket', $t.number) SET assignee = type::record('staff', $t.tech) RETURN NONE;
                };
                CREATE ticket_event CONTENT { ticket: type::record('ticket', $t.number), at: <datetime>$t.at,
                    kind: 'created', to_status: 'new', actor: '王工', version: 1 } RETURN NONE;
            };",
        )
        .bind(json!({ "rows": rows }))
        .await
        .and_then(|r| r.check())
        .expect("a batch of tickets");
    }
}
