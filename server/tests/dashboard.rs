//! The dashboard's numbers: open-work counts kept on write agree with a full count after concurrent
//! writes, closures written by anyone are counted, and the dashboard's filters, SLA board, boards and
//! feed read right.

mod support;

use app::domain::Role;
use serde_json::{Value, json};
use support::{spawn_app, step, valid_intake};

fn ok(r: (u16, Value)) {
    assert_eq!(r.0, 200, "{}", r.1);
}

fn intake(region: &str, model: &str, urgency: &str) -> Value {
    let mut input = valid_intake();
    input["region"] = json!(region);
    input["product_model"] = json!(model);
    input["urgency"] = json!(urgency);
    input
}

/// The dashboard's open-work counts, and the same counted from every ticket, once they agree (the
/// tally follows the live query, a few milliseconds behind the commit) or after 5 seconds.
async fn counted_both_ways(app: &support::TestApp) -> (Value, Value) {
    let mut both = count_once(app).await;
    for _ in 0..50 {
        if both.0 == both.1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        both = count_once(app).await;
    }
    both
}

/// The dashboard as it reads once the writes before have been counted: two reads 200 ms apart agree.
async fn settled(app: &support::TestApp, filter: Value) -> Value {
    let load = || async {
        let (status, mut body) = app.call("tickets/dashboard", json!({ "filter": filter.clone() })).await;
        assert_eq!(status, 200, "{body}");
        let sla = body["sla"].take();
        (body, sla)
    };
    let mut last = load().await;
    for _ in 0..25 {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let next = load().await;
        let same = next.0 == last.0;
        last = next;
        if same {
            break;
        }
    }
    let (mut body, sla) = last;
    body["sla"] = sla;
    body
}

async fn count_once(app: &support::TestApp) -> (Value, Value) {
    let (status, dashboard) = app.call("tickets/dashboard", json!({ "filter": {} })).await;
    assert_eq!(status, 200, "{dashboard}");
    let rows: Vec<Value> = app
        .server
        .state
        .db
        .query("SELECT status, count() AS n FROM ticket GROUP BY status")
        .await
        .unwrap()
        .check()
        .unwrap()
        .take(0)
        .unwrap();
    let open: Vec<Value> = app::domain::TicketStatus::ALL
        .iter()
        .filter(|s| s.is_open())
        .filter_map(|s| rows.iter().find(|r| r["status"] == s.as_str()).map(|r| json!([s.as_str(), r["n"]])))
        .collect();
    (dashboard["counts"]["by_status"].clone(), Value::Array(open))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_work_counts_agree_with_a_full_count_after_concurrent_writes() {
    let app = spawn_app().await;
    let regions = ["华东·苏州", "华南·深圳", "华北·北京"];
    let models = ["VMC-850 立式加工中心", "GX-9000 光谱仪", "注塑机 HT-300"];
    let mut tasks = Vec::new();
    for i in 0..60 {
        let session = app.session.clone();
        let input = intake(regions[i % 3], models[(i / 3) % 3], if i % 4 == 0 { "urgent" } else { "normal" });
        tasks.push(tokio::spawn(async move {
            let number = session.create(input).await;
            // Half of them move on at once, racing the others' registrations.
            if i % 2 == 0 {
                ok(step(&session, &number, "accept", 1, json!({})).await);
            }
            if i % 6 == 0 {
                ok(step(&session, &number, "cancel", 2, json!({ "reason": "重复登记" })).await);
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let (dashboard, truth) = counted_both_ways(&app).await;
    assert_eq!(dashboard, truth);
    assert_eq!(truth, json!([["new", 30], ["accepted", 20]]), "cancelled work is not open");
    // A closure counts once for today, whoever writes it (here: the database directly).
    let db = &app.server.state.db;
    let before = settled(&app, json!({})).await;
    assert_eq!(before["registered_today"], 60);
    db.query("UPDATE (SELECT VALUE id FROM ticket WHERE status = 'accepted' LIMIT 2) SET status = 'closed', updated_at = time::now()")
        .await
        .unwrap()
        .check()
        .unwrap();
    let after = settled(&app, json!({})).await;
    assert_eq!(after["closed_today"].as_u64(), before["closed_today"].as_u64().map(|n| n + 2));
    assert_eq!(after["counts"]["total"], 48);
    let lines: Vec<Value> = app
        .server
        .state
        .db
        .query("RETURN array::sort(array::distinct((SELECT VALUE product_line FROM ticket)))")
        .await
        .unwrap()
        .check()
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(lines, [json!("GX"), json!("VMC"), json!("注塑机")]);
}

#[tokio::test]
async fn the_dashboard_filters_by_region_and_product_line_and_shows_boards_and_feed() {
    let app = spawn_app().await;
    app.add_user("tech1", &[Role::Technician]).await;
    let east = app.create(intake("华东·苏州", "VMC-850 立式加工中心", "urgent")).await;
    let south = app.create(intake("华南·深圳", "GX-9000 光谱仪", "normal")).await;
    ok(step(&app, &east, "accept", 1, json!({})).await);
    ok(step(&app, &east, "dispatch", 2, json!({ "assignee": "tech1" })).await);
    let load = |filter: Value| settled(&app, filter);

    let all = load(json!({})).await;
    assert_eq!((all["counts"]["total"].as_u64(), all["counts"]["urgent"].as_u64()), (Some(2), Some(1)));
    assert_eq!(all["registered_today"], 2);
    assert_eq!(all["regions"], json!(["华东·苏州", "华南·深圳"]));
    assert_eq!(all["product_lines"], json!(["GX", "VMC"]));
    assert_eq!(all["counts"]["by_status"], json!([["new", 1], ["dispatched", 1]]));
    let tech = &all["technicians"][0];
    assert_eq!((tech["username"].as_str(), tech["open_jobs"].as_u64()), (Some("tech1"), Some(1)));
    assert_eq!(tech["current"]["number"], east);
    // Newest first: the dispatch, the acceptance, then both registrations.
    let feed: Vec<&str> =
        all["feed"].as_array().unwrap().iter().map(|f| f["number"].as_str().unwrap()).collect();
    assert_eq!(feed, [east.as_str(), east.as_str(), south.as_str(), east.as_str()]);
    assert_eq!(all["feed"][0]["step"], "dispatch");

    let south_only = load(json!({ "region": "华南·深圳" })).await;
    assert_eq!(south_only["counts"]["total"], 1);
    assert_eq!(south_only["registered_today"], 1);
    assert_eq!(south_only["feed"].as_array().unwrap().len(), 1);
    let vmc = load(json!({ "product_line": "VMC" })).await;
    assert_eq!(vmc["counts"]["by_type"], json!([["field_repair", 1]]));
    let nothing = load(json!({ "region": "华南·深圳", "product_line": "VMC" })).await;
    assert_eq!(nothing["counts"]["total"], 0);
    // Choices stay whole whatever the filter, so a filter can be changed from a filtered page.
    assert_eq!(nothing["regions"], all["regions"]);
    // Hostile filters match nothing and break nothing.
    let odd = load(json!({ "region": "' OR 1=1 --".repeat(40), "product_line": "<script>" })).await;
    assert_eq!(odd["counts"]["total"], 0);
}

/// A calendar where every minute of every day is working time, so deadlines run whenever the test does.
async fn always_working(app: &support::TestApp) {
    use app::domain::sla::{Period, WorkCalendar};
    let day = vec![Period {
        start: chrono::NaiveTime::MIN,
        end: chrono::NaiveTime::from_hms_opt(23, 59, 59).unwrap(),
    }];
    let calendar = WorkCalendar {
        weekdays: std::array::from_fn(|_| day.clone()),
        holidays: Default::default(),
        makeup_workdays: Default::default(),
    };
    let saved = app::db::calendar::save(&app.server.state.db, &calendar, 0, "test", chrono::Utc::now());
    assert_eq!(saved.await.unwrap(), Some(1));
}

/// Moves a ticket's whole history `minutes` into the past, and touches the ticket (keeping its
/// version) so that the server reads it again, as it does after any change.
async fn age(app: &support::TestApp, number: &str, minutes: i64) {
    app.server
        .state
        .db
        .query(
            "UPDATE ticket_event SET at = at - <duration>$d WHERE ticket = type::record('ticket', $n);
             UPDATE type::record('ticket', $n) SET updated_at = time::now();",
        )
        .bind(json!({ "d": format!("{minutes}m"), "n": number }))
        .await
        .unwrap()
        .check()
        .unwrap();
}

#[tokio::test]
async fn the_sla_board_lists_missed_and_at_risk_deadlines_with_their_clocks() {
    let app = spawn_app().await;
    always_working(&app).await;
    // Urgent: answered within 1 working hour, at risk from 48 minutes.
    let missed = app.create(intake("华东·苏州", "VMC-850 立式加工中心", "urgent")).await;
    let at_risk = app.create(intake("华东·苏州", "GX-9000 光谱仪", "urgent")).await;
    let calm = app.create(intake("华南·深圳", "GX-9000 光谱仪", "urgent")).await;
    let answered = app.create(intake("华南·深圳", "GX-9000 光谱仪", "urgent")).await;
    age(&app, &missed, 90).await;
    age(&app, &at_risk, 50).await;
    age(&app, &calm, 5).await;
    age(&app, &answered, 90).await;
    ok(step(&app, &answered, "accept", 1, json!({})).await);

    let all = settled(&app, json!({})).await;
    let listed: Vec<(&str, &str)> = all["sla"]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["number"].as_str().unwrap(), e["kind"].as_str().unwrap()))
        .collect();
    // Least time left first. The accepted one's answer clock stopped, its call-back clock (30
    // minutes) just started; it and the calm one are on track but at risk within the hour, so they
    // are sent ahead for the browser to show when they are.
    assert_eq!(
        listed,
        [
            (missed.as_str(), "answer"),
            (at_risk.as_str(), "answer"),
            (answered.as_str(), "call_back"),
            (calm.as_str(), "answer")
        ]
    );
    let clock = &all["sla"]["entries"][0]["clock"];
    assert!(
        clock["started"].is_string() && clock["budget"].is_array(),
        "the browser gets the clock: {clock}"
    );
    assert_eq!(all["sla"]["more"], 0);
    assert!(all["sla"]["calendar"]["weekdays"][6].as_array().is_some_and(|d| !d.is_empty()));

    let filtered = json!({ "filter": { "region": "华东·苏州", "product_line": "GX" } });
    let (_, east_gx) = app.call("tickets/dashboard", filtered).await;
    let numbers: Vec<&str> =
        east_gx["sla"]["entries"].as_array().unwrap().iter().map(|e| e["number"].as_str().unwrap()).collect();
    assert_eq!(numbers, [at_risk.as_str()], "the filters apply to the board");
}
