//! Convergence: thousands of random committed changes while subscribers randomly disconnect, stall
//! and reconnect. Once writing stops, every subscriber's view must equal the database.

mod support;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde_json::json;
use server::Settings;
use support::{Session, spawn_with, valid_intake};

const TICKETS: usize = 12;
const CHANGES: usize = 2000;
const SUBSCRIBERS: u64 = 8;
const URGENCIES: [&str; 4] = ["low", "normal", "high", "urgent"];

/// number → (version, urgency): what a dashboard needs to agree with the database on.
type View = HashMap<String, (u64, String)>;

/// A small deterministic generator (xorshift), so a failing run can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

async fn snapshot(db: &app::db::Db) -> View {
    let rows: Vec<serde_json::Value> = db
        .query("SELECT number, version, urgency FROM ticket")
        .await
        .unwrap()
        .check()
        .unwrap()
        .take(0)
        .unwrap();
    rows.into_iter()
        .map(|r| {
            let number = r["number"].as_str().unwrap().to_owned();
            (number, (r["version"].as_u64().unwrap(), r["urgency"].as_str().unwrap().to_owned()))
        })
        .collect()
}

#[derive(Default, Debug)]
struct Stats {
    applied: u64,
    snapshots: u64,
    reconnects: u64,
    resumed: u64,
    stalls: u64,
    /// Changes that skipped a version: the server lost one. The subscriber recovers by re-fetching,
    /// as the browser does, but the hub must never cause it.
    gaps: u64,
}

/// Follows the dashboard topic like the browser does: re-fetch when told (or when a version gap
/// shows), apply changes newer than what it holds, reconnect with its last event id.
async fn subscriber(
    session: Session,
    db: app::db::Db,
    seed: u64,
    calm: Arc<AtomicBool>,
    done: Arc<AtomicBool>,
) -> (View, Stats) {
    let mut rng = Rng(seed);
    let mut view = View::new();
    let mut stats = Stats::default();
    let mut last: Option<String> = None;
    loop {
        let mut stream = session.live("dashboard", last.as_deref()).await.expect("stream opens");
        let hello = stream.next(Duration::from_secs(5)).await.expect("hello");
        if hello.json()["resumed"] == true {
            stats.resumed += 1;
        } else {
            view = snapshot(&db).await;
            stats.snapshots += 1;
        }
        let budget = 1 + rng.below(400);
        let mut received = 0;
        loop {
            if !calm.load(Ordering::SeqCst) && rng.below(60) == 0 {
                stats.stalls += 1;
                tokio::time::sleep(Duration::from_millis(rng.below(250))).await;
            }
            let Some(event) = stream.next(Duration::from_millis(400)).await else {
                if done.load(Ordering::SeqCst) {
                    return (view, stats);
                }
                continue;
            };
            if event.id.is_some() {
                last = event.id.clone();
            }
            match event.event.as_str() {
                "change" => {
                    let change = event.json();
                    let number = change["number"].as_str().unwrap().to_owned();
                    let version = change["version"].as_u64().unwrap();
                    let held = view.get(&number).map_or(0, |(v, _)| *v);
                    if version > held + 1 {
                        // A gap: something was missed. Re-fetch, as the browser would.
                        stats.gaps += 1;
                        view = snapshot(&db).await;
                        stats.snapshots += 1;
                    } else if version == held + 1 {
                        view.insert(number, (version, change["urgency"].as_str().unwrap().to_owned()));
                        stats.applied += 1;
                    }
                    received += 1;
                }
                "resync" => {
                    view = snapshot(&db).await;
                    stats.snapshots += 1;
                }
                other => panic!("unexpected event {other}"),
            }
            if received >= budget && !calm.load(Ordering::SeqCst) {
                stats.reconnects += 1;
                // Now and then stay away long enough for the ring to move on without us.
                if rng.below(4) == 0 {
                    tokio::time::sleep(Duration::from_millis(1000 + rng.below(2000))).await;
                }
                break;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_subscriber_converges_to_the_database() {
    let mut settings = Settings::for_tests();
    // A small ring, so that reconnecting after a while sometimes finds it moved on.
    settings.live_buffer = 128;
    let app = spawn_with(settings).await;
    let db = app.server.state.db.clone();
    let mut numbers = Vec::new();
    for _ in 0..TICKETS {
        numbers.push(app.create(valid_intake()).await);
    }
    let (calm, done) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicBool::new(false)));
    let subscribers: Vec<_> = (1..=SUBSCRIBERS)
        .map(|i| {
            let seed = 0x9E37_79B9_7F4A_7C15_u64.wrapping_mul(i);
            tokio::spawn(subscriber(app.session.clone(), db.clone(), seed, calm.clone(), done.clone()))
        })
        .collect();

    let mut rng = Rng(0xDEAD_BEEF);
    for _ in 0..CHANGES {
        let number = &numbers[rng.below(TICKETS as u64) as usize];
        let urgency = URGENCIES[rng.below(4) as usize];
        db.query("UPDATE ticket SET version += 1, urgency = $urgency WHERE number = $number")
            .bind(json!({ "number": number, "urgency": urgency }))
            .await
            .unwrap()
            .check()
            .unwrap();
        if rng.below(100) == 0 {
            tokio::time::sleep(Duration::from_millis(rng.below(30))).await;
        }
    }
    // Quiescence: no more drops or stalls; let every stream drain, then collect the views.
    calm.store(true, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_secs(2)).await;
    done.store(true, Ordering::SeqCst);
    let truth = snapshot(&db).await;
    let (mut diverged, mut resumed, mut refetched) = (0, 0, 0);
    for (i, subscriber) in subscribers.into_iter().enumerate() {
        let (view, stats) = tokio::time::timeout(Duration::from_secs(30), subscriber).await.unwrap().unwrap();
        println!("subscriber {i}: {stats:?}");
        assert!(stats.reconnects > 0, "subscriber {i} never reconnected: the test would prove little");
        assert_eq!(stats.gaps, 0, "subscriber {i} saw versions skipped");
        resumed += stats.resumed;
        refetched += stats.snapshots - 1 - stats.gaps;
        if view != truth {
            diverged += 1;
        }
    }
    assert_eq!(diverged, 0, "subscribers whose view differs from the database");
    // Both ways back were taken: resuming from the ring, and re-fetching after it moved on.
    assert!(resumed > 0 && refetched > 0, "resumed {resumed}, re-fetched {refetched}");
}
