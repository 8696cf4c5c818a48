//! Live-path benchmark: how long a committed ticket change takes to reach 1, 100 and 1,000 open
//! Server-Sent Events streams, and how much memory each open stream costs.
//!
//! `make bench` (or `cargo run --release -p server --example live_bench`). The server runs in this
//! process on the embedded in-memory database; the subscribers are raw HTTP/1.1 connections to it,
//! as browsers' `EventSource`s would be. For latency they run in this process (one clock); for
//! memory in a child process (`live_bench hold N ADDR COOKIE`), so that this process's resident
//! memory is the server's alone.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Arc;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use app::domain::Role;
use serde_json::json;
use server::Settings;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

mod support;
use support::{machine, ms, quantile};

/// The system allocator, counting the bytes allocated and not yet freed: what the program itself
/// holds, apart from what the allocator keeps around (resident memory counts both).
struct Counting;

static HELD: AtomicIsize = AtomicIsize::new(0);

/// Bytes held per allocation size class (powers of two), to tell what a stream's memory is made of.
static BY_SIZE: [AtomicIsize; 40] = [const { AtomicIsize::new(0) }; 40];

fn size_class(size: usize) -> usize {
    (usize::BITS - size.leading_zeros()).min(39) as usize
}

// SAFETY: every call is passed to the system allocator unchanged; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        HELD.fetch_add(layout.size() as isize, Ordering::Relaxed);
        BY_SIZE[size_class(layout.size())].fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        BY_SIZE[size_class(layout.size())].fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        HELD.fetch_add(new_size as isize - layout.size() as isize, Ordering::Relaxed);
        BY_SIZE[size_class(layout.size())].fetch_sub(layout.size() as isize, Ordering::Relaxed);
        BY_SIZE[size_class(new_size)].fetch_add(new_size as isize, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Heap bytes this process holds now.
fn held_kib() -> f64 {
    HELD.load(Ordering::Relaxed) as f64 / 1024.0
}

const PASSWORD: &str = "bench-password-1";
/// Changes timed per subscriber count.
const ROUNDS: u64 = 40;

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("hold") {
        return hold(&args[2..]).await;
    }
    // A free port and the in-memory database.
    let settings = Settings::for_tests();
    let server = server::start(settings).await.expect("the server starts");
    let addr = server.addr;
    let db = server.state.db.clone();
    add_supervisor(&db).await;
    let base = format!("http://{addr}");
    let cookie = support::sign_in(&base, "bench", PASSWORD).await;
    let number = create_ticket(&base, &cookie).await;

    println!("live_bench on {}; server and timed subscribers in one process", machine());
    println!("| subscribers | changes | samples | p50 | p99 | max |");
    println!("|---:|---:|---:|---:|---:|---:|");
    let mut version = 1;
    for subscribers in [1usize, 100, 1000] {
        let (arrivals, streams) = open_streams(addr, &cookie, subscribers).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let mut samples = Vec::new();
        let mut arrivals = arrivals;
        for _ in 0..ROUNDS {
            version += 1;
            let started = Instant::now();
            db.query("UPDATE ticket SET version = $v, urgency = $u WHERE number = $n")
                .bind(json!({ "v": version, "u": if version % 2 == 0 { "high" } else { "normal" }, "n": number }))
                .await
                .and_then(|r| r.check())
                .expect("the change commits");
            let mut heard = 0;
            while heard < subscribers {
                match tokio::time::timeout(Duration::from_secs(10), arrivals.recv()).await {
                    Ok(Some((v, at))) if v == version => {
                        samples.push(at.saturating_duration_since(started));
                        heard += 1;
                    }
                    Ok(Some(_)) => {}
                    _ => panic!("only {heard} of {subscribers} subscribers heard version {version}"),
                }
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        samples.sort();
        println!(
            "| {subscribers} | {ROUNDS} | {} | {} | {} | {} |",
            samples.len(),
            ms(quantile(&samples, 0.50)),
            ms(quantile(&samples, 0.99)),
            ms(quantile(&samples, 1.0))
        );
        for stream in streams {
            stream.abort();
        }
    }
    println!();
    println!("| open streams | server RSS before | after | RSS per stream | heap held per stream |");
    println!("|---:|---:|---:|---:|---:|");
    for n in [100usize, 1000, 2000] {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let (before, held_before) = (rss_kib(), held_kib());
        let classes_before: Vec<isize> = BY_SIZE.iter().map(|c| c.load(Ordering::Relaxed)).collect();
        let mut child = std::process::Command::new(std::env::current_exe().expect("this program"))
            .args(["hold", &n.to_string(), &addr.to_string(), &cookie])
            .spawn()
            .expect("the subscribers' process starts");
        // Every stream is open when the hub counts its receiver.
        let waited = Instant::now();
        while server.state.live.subscribers() < n {
            assert!(
                waited.elapsed() < Duration::from_secs(60),
                "only {} streams opened",
                server.state.live.subscribers()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(Duration::from_millis(1000)).await;
        let (after, held_after) = (rss_kib(), held_kib());
        let per = (after.saturating_sub(before) as f64) / n as f64;
        let held = (held_after - held_before) / n as f64;
        println!("| {n} | {before} KiB | {after} KiB | {per:.1} KiB | {held:.1} KiB |");
        let classes: Vec<String> = BY_SIZE
            .iter()
            .zip(&classes_before)
            .enumerate()
            .map(|(class, (now, then))| (class, (now.load(Ordering::Relaxed) - then) as f64 / n as f64))
            .filter(|(_, bytes)| bytes.abs() >= 256.0)
            .map(|(class, bytes)| {
                format!(
                    "{}–{} B: {:.1} KiB",
                    1usize << class.saturating_sub(1),
                    (1usize << class) - 1,
                    bytes / 1024.0
                )
            })
            .collect();
        eprintln!("  per stream by allocation size: {}", classes.join(", "));
        let _ = child.kill();
        let _ = child.wait();
        while server.state.live.subscribers() > 0 {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    let _ = server.stop().await;
}

/// The child process: opens `N` streams to `ADDR` with `COOKIE` and keeps them open (reading and
/// dropping what comes) until it is killed.
async fn hold(args: &[String]) {
    let (n, addr, cookie) = match args {
        [n, addr, cookie] => (n.parse().expect("a count"), addr.parse().expect("an address"), cookie),
        _ => panic!("usage: live_bench hold N ADDR COOKIE"),
    };
    let (mut arrivals, _streams) = open_streams(addr, cookie, n).await;
    while arrivals.recv().await.is_some() {}
}

/// Resident memory of this process, from `/proc`.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// Opens `n` streams on the dashboard topic; each reports `(version, arrival)` for every change it
/// reads. The returned handles keep them open.
async fn open_streams(
    addr: std::net::SocketAddr,
    cookie: &str,
    n: usize,
) -> (mpsc::UnboundedReceiver<(u64, Instant)>, Vec<tokio::task::JoinHandle<()>>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let request: Arc<str> = format!(
        "GET /api/live?topic=dashboard HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .into();
    let mut handles = Vec::with_capacity(n);
    for _ in 0..n {
        let mut socket = TcpStream::connect(addr).await.expect("connects");
        socket.write_all(request.as_bytes()).await.expect("sends");
        let tx = tx.clone();
        handles.push(tokio::spawn(async move {
            let mut buffer = vec![0u8; 4096];
            let mut text = String::new();
            loop {
                let Ok(read) = socket.read(&mut buffer).await else { return };
                if read == 0 {
                    return;
                }
                let at = Instant::now();
                text.push_str(&String::from_utf8_lossy(&buffer[..read]));
                while let Some(start) = text.find("\"version\":") {
                    let rest = &text[start + 10..];
                    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    if digits.len() == rest.len() {
                        break; // the number continues in the next read
                    }
                    if let Ok(v) = digits.parse() {
                        let _ = tx.send((v, at));
                    }
                    text.drain(..start + 10 + digits.len());
                }
                if text.len() > 8192 {
                    let keep = text.len() - 64;
                    text.drain(..keep);
                }
            }
        }));
    }
    (rx, handles)
}

async fn add_supervisor(db: &app::db::Db) {
    let input = app::domain::account::UserInput {
        username: "bench".into(),
        display_name: "Bench".into(),
        roles: vec![Role::Supervisor.as_str().to_owned()],
        ..Default::default()
    };
    let user = input.validate(false).expect("a valid account");
    let hash = app::auth::password::hash(PASSWORD.into()).await.expect("hashes");
    let actor = app::db::staff::Actor { username: None, address: "bench" };
    app::db::staff::create(db, &user, &hash, false, chrono::Utc::now(), &actor).await.expect("account");
}

async fn create_ticket(base: &str, cookie: &str) -> String {
    let input = json!({
        "company": "苏州精工机械有限公司", "contact_name": "王建国", "phone": "138 1234 5678",
        "region": "华东·苏州", "address": "苏州工业园区星湖街 328 号", "product_model": "VMC-850 立式加工中心",
        "serial_number": "VMC850-2024-0117", "purchase_date": "2025-03-18", "fault_description": "主轴异响",
        "channel": "phone", "service_type": "field_repair", "urgency": "normal", "preferred_time": "明天上午",
    });
    let response = reqwest::Client::new()
        .post(format!("{base}/api/tickets/create"))
        .header("origin", base)
        .header("cookie", cookie)
        .header("content-type", "application/json")
        .body(json!({ "input": input }).to_string())
        .send()
        .await
        .expect("intake answers");
    let status = response.status();
    let text = response.text().await.expect("a body");
    assert_eq!(status, 200, "the bench ticket is registered: {text}");
    serde_json::from_str(&text).expect("a ticket number")
}
