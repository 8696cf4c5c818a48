//! Every server function × every role: signed out → 401, a role the matrix does not allow (or a
//! technician's ticket that is not theirs) → 403, allowed → the function runs. Error bodies carry no
//! data. The table must name every registered server function: adding one without an entry fails here.

mod support;

use app::domain::{Role, TicketNumber};
use serde_json::{Value, json};
use support::{Session, TestApp, spawn_app, valid_intake};

/// Who may call a function.
#[derive(Clone, Copy)]
enum Who {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in.
    SignedIn,
    /// Holders of these roles.
    Roles(&'static [Role]),
}

struct Case {
    endpoint: &'static str,
    who: Who,
    /// The status an allowed caller gets with [`Case::body`].
    allowed_status: u16,
    body: fn(&Fixture, Role) -> Value,
}

/// Records the cases need.
struct Fixture {
    /// A ticket dispatched to nobody.
    other_ticket: String,
    /// A ticket dispatched to the technician.
    own_ticket: String,
}

use Role::*;
const DESK: &[Role] = &[Agent, Clerk, Supervisor, Inspector, Warehouse];

fn user_form(name: &str) -> Value {
    json!({ "username": name, "display_name": "新同事", "roles": ["agent"], "regions": "华东",
            "product_lines": "", "password": "a-long-password-1" })
}

fn cases() -> Vec<Case> {
    vec![
        Case { endpoint: "auth/me", who: Who::Public, allowed_status: 200, body: |_, _| json!({}) },
        Case {
            endpoint: "tickets/create",
            who: Who::Roles(&[Agent, Clerk, Supervisor]),
            allowed_status: 200,
            body: |_, _| json!({ "input": valid_intake() }),
        },
        Case {
            endpoint: "tickets/list",
            who: Who::Roles(&[Agent, Clerk, Supervisor, Inspector, Warehouse, Technician]),
            allowed_status: 200,
            body: |_, _| json!({ "query": {} }),
        },
        Case {
            endpoint: "tickets/get",
            who: Who::Roles(DESK),
            allowed_status: 200,
            body: |f, _| json!({ "number": f.other_ticket }),
        },
        Case {
            endpoint: "jobs/mine",
            who: Who::Roles(&[Technician]),
            allowed_status: 200,
            body: |_, _| json!({}),
        },
        // The tablet's job page reads like the ticket page: a technician only their own (see below).
        Case {
            endpoint: "jobs/get",
            who: Who::Roles(DESK),
            allowed_status: 200,
            body: |f, _| json!({ "number": f.other_ticket }),
        },
        // Archiving a new ticket: the workflow refuses, which shows the function ran for this role.
        Case {
            endpoint: "tickets/step",
            who: Who::Roles(&[Agent, Clerk, Supervisor, Inspector, Warehouse]),
            allowed_status: 422,
            body: |f, role| {
                json!({ "request": { "number": f.other_ticket, "step": "archive", "version": 1,
                                     "idempotency_key": format!("table-{}", role.as_str()) } })
            },
        },
        // A new ticket keeps no service records yet: the rules refuse, so the function ran.
        Case {
            endpoint: "service/warranty",
            who: Who::Roles(&[Agent, Clerk, Supervisor, Inspector, Warehouse]),
            allowed_status: 422,
            body: |f, role| {
                json!({ "request": { "target": { "number": f.other_ticket, "version": 1,
                    "idempotency_key": format!("svc-table-{}", role.as_str()) }, "months": "12" } })
            },
        },
        // A new ticket keeps no service records yet: the rules refuse, so the function ran.
        Case {
            endpoint: "service/quote",
            who: Who::Roles(&[Agent, Clerk, Supervisor, Inspector, Warehouse]),
            allowed_status: 422,
            body: |f, role| {
                json!({ "request": { "target": { "number": f.other_ticket, "version": 1,
                    "idempotency_key": format!("svc-table-{}", role.as_str()) }, "lines": [] } })
            },
        },
        // A new ticket keeps no service records yet: the rules refuse, so the function ran.
        Case {
            endpoint: "service/quote_answer",
            who: Who::Roles(&[Agent, Clerk, Supervisor, Inspector, Warehouse]),
            allowed_status: 422,
            body: |f, role| {
                json!({ "request": { "target": { "number": f.other_ticket, "version": 1,
                    "idempotency_key": format!("svc-table-{}", role.as_str()) }, "approved": true } })
            },
        },
        // A new ticket keeps no service records yet: the rules refuse, so the function ran.
        Case {
            endpoint: "service/report",
            who: Who::Roles(&[Agent, Clerk, Supervisor, Inspector, Warehouse]),
            allowed_status: 422,
            body: |f, role| {
                json!({ "request": { "target": { "number": f.other_ticket, "version": 1,
                    "idempotency_key": format!("svc-table-{}", role.as_str()) }, "report": {} } })
            },
        },
        Case {
            endpoint: "assets/card",
            who: Who::Roles(&[Agent, Clerk, Supervisor, Inspector, Warehouse, Technician]),
            allowed_status: 200,
            body: |_, _| json!({ "serial": "VMC850-2023-0042", "fault_category": "" }),
        },
        Case {
            endpoint: "assets/list",
            who: Who::Roles(&[Agent, Clerk, Supervisor, Inspector, Warehouse, Technician]),
            allowed_status: 200,
            body: |_, _| json!({ "q": "" }),
        },
        // Nothing registered: the label of an unknown unit is not found, so the function ran.
        Case {
            endpoint: "assets/label",
            who: Who::Roles(&[Agent, Clerk, Supervisor, Inspector, Warehouse, Technician]),
            allowed_status: 404,
            body: |_, _| json!({ "serial": "NOPE-0001" }),
        },
        // An empty form: every field refused, so the function ran.
        Case {
            endpoint: "assets/save",
            who: Who::Roles(&[Agent, Clerk, Supervisor, Admin]),
            allowed_status: 422,
            body: |_, _| json!({ "save": { "input": {} } }),
        },
        Case {
            endpoint: "service/depot",
            who: Who::Roles(&[Agent, Clerk, Supervisor, Inspector, Warehouse]),
            allowed_status: 422,
            body: |f, role| {
                json!({ "request": { "target": { "number": f.other_ticket, "version": 1,
                    "idempotency_key": format!("depot-table-{}", role.as_str()) }, "depot": {} } })
            },
        },
        Case {
            endpoint: "share/list",
            who: Who::Roles(&[Agent, Clerk, Supervisor]),
            allowed_status: 200,
            body: |f, _| json!({ "number": f.other_ticket }),
        },
        // A validity of 0 days is refused after the access check, so nothing is written.
        Case {
            endpoint: "share/create",
            who: Who::Roles(&[Agent, Clerk, Supervisor]),
            allowed_status: 422,
            body: |f, _| json!({ "number": f.other_ticket, "days": "0" }),
        },
        Case {
            endpoint: "share/revoke",
            who: Who::Roles(&[Agent, Clerk, Supervisor]),
            allowed_status: 404,
            body: |f, _| json!({ "number": f.other_ticket, "key": "0123456789abcdef" }),
        },
        Case { endpoint: "parts/catalogue", who: Who::SignedIn, allowed_status: 200, body: |_, _| json!({}) },
        // An empty receipt: every field refused, so the function ran.
        Case {
            endpoint: "parts/receive",
            who: Who::Roles(&[Warehouse, Admin]),
            allowed_status: 422,
            body: |_, _| json!({ "receipt": {} }),
        },
        // A new ticket's work has not started: the rules refuse, so the function ran.
        Case {
            endpoint: "parts/request",
            who: Who::Roles(&[Agent, Clerk, Supervisor, Inspector, Warehouse]),
            allowed_status: 422,
            body: |f, role| {
                json!({ "request": { "target": { "number": f.other_ticket, "version": 1,
                    "idempotency_key": format!("parts-table-{}", role.as_str()) }, "warehouse": "HQ", "lines": [] } })
            },
        },
        Case {
            endpoint: "parts/issue",
            who: Who::Roles(&[Agent, Clerk, Supervisor, Inspector, Warehouse]),
            allowed_status: 422,
            body: |f, role| {
                json!({ "request": { "target": { "number": f.other_ticket, "version": 1,
                    "idempotency_key": format!("issue-table-{}", role.as_str()) }, "seq": 1 } })
            },
        },
        Case {
            endpoint: "tickets/dashboard",
            who: Who::Roles(&[Supervisor]),
            allowed_status: 200,
            body: |_, _| json!({ "filter": { "region": "华东·苏州" } }),
        },
        Case {
            endpoint: "admin/users/list",
            who: Who::Roles(&[Admin]),
            allowed_status: 200,
            body: |_, _| json!({}),
        },
        Case {
            endpoint: "admin/users/get",
            who: Who::Roles(&[Admin]),
            allowed_status: 200,
            body: |_, _| json!({ "username": "desk" }),
        },
        Case {
            endpoint: "admin/users/create",
            who: Who::Roles(&[Admin]),
            allowed_status: 200,
            body: |_, role| json!({ "input": user_form(&format!("new-{}", role.as_str())) }),
        },
        Case {
            endpoint: "admin/users/update",
            who: Who::Roles(&[Admin]),
            allowed_status: 200,
            body: |_, _| json!({ "username": "victim", "input": user_form("victim"), "version": 1 }),
        },
        Case {
            endpoint: "admin/users/set_disabled",
            who: Who::Roles(&[Admin]),
            allowed_status: 200,
            body: |_, _| json!({ "username": "victim-2", "disabled": true, "version": 1 }),
        },
        Case {
            endpoint: "admin/users/reset_password",
            who: Who::Roles(&[Admin]),
            allowed_status: 200,
            body: |_, _| json!({ "username": "victim-3", "password": "temporary-pass-1" }),
        },
        Case {
            endpoint: "admin/calendar/get",
            who: Who::Roles(&[Admin]),
            allowed_status: 200,
            body: |_, _| json!({}),
        },
        // An empty form is refused field by field: the function ran.
        Case {
            endpoint: "admin/calendar/save",
            who: Who::Roles(&[Admin]),
            allowed_status: 422,
            body: |_, _| json!({ "form": { "hours": [], "schedule": "" }, "version": 0 }),
        },
        Case {
            endpoint: "admin/audit",
            who: Who::Roles(&[Admin]),
            allowed_status: 200,
            body: |_, _| json!({}),
        },
        // A wrong current password: the function ran and refused the field.
        Case {
            endpoint: "auth/change_password",
            who: Who::SignedIn,
            allowed_status: 422,
            body: |_, _| json!({ "current": "not-my-password", "new": "another-password-1" }),
        },
        Case { endpoint: "auth/sign_out", who: Who::SignedIn, allowed_status: 200, body: |_, _| json!({}) },
        // Last: it ends every session of the caller.
        Case {
            endpoint: "auth/sign_out_everywhere",
            who: Who::SignedIn,
            allowed_status: 200,
            body: |_, _| json!({}),
        },
    ]
}

/// Signing in is the one function that takes a plain form; it is covered by its own tests.
const SIGN_IN: &str = "auth/sign_in";

fn allowed(who: Who, role: Role) -> bool {
    match who {
        Who::Public | Who::SignedIn => true,
        Who::Roles(roles) => roles.contains(&role),
    }
}

/// A refusal says what kind of refusal it is and nothing else.
fn assert_no_data(body: &Value, what: &str) {
    let keys: Vec<&String> = body.as_object().map(|o| o.keys().collect()).unwrap_or_default();
    assert!(keys.iter().all(|k| *k == "error" || *k == "message"), "{what}: body leaks fields: {body}");
    assert!(!body.to_string().contains("苏州精工"), "{what}: body leaks ticket data: {body}");
}

async fn fixture(app: &TestApp) -> Fixture {
    let other_ticket = app.create(valid_intake()).await;
    let own_ticket = app.create(valid_intake()).await;
    let number = TicketNumber::parse(&own_ticket).unwrap();
    app::db::tickets::set_assignee(&app.server.state.db, &number, Some("r-technician")).await.unwrap();
    for victim in ["victim", "victim-2", "victim-3"] {
        app.add_user(victim, &[Agent]).await;
    }
    Fixture { other_ticket, own_ticket }
}

#[tokio::test]
async fn the_table_names_every_registered_server_function() {
    let registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let table: Vec<&str> = cases().iter().map(|c| c.endpoint).chain([SIGN_IN]).collect();
    for path in &registered {
        assert!(table.contains(&path.as_str()), "server function {path} has no row in the access table");
    }
    for endpoint in &table {
        assert!(registered.iter().any(|p| p == endpoint), "{endpoint} is in the table but not registered");
    }
}

#[tokio::test]
async fn every_server_function_refuses_whoever_the_matrix_does_not_allow() {
    let app = spawn_app().await;
    let fixture = fixture(&app).await;
    let anonymous = app.anonymous();
    for case in cases() {
        let (status, body) = anonymous.call(case.endpoint, (case.body)(&fixture, Admin)).await;
        match case.who {
            Who::Public => assert_eq!(status, case.allowed_status, "anonymous {}: {body}", case.endpoint),
            _ => {
                assert_eq!(status, 401, "anonymous {}: {body}", case.endpoint);
                assert_eq!(body["error"], "unauthenticated");
                assert_no_data(&body, case.endpoint);
            }
        }
    }
    for role in Role::ALL {
        let username = format!("r-{}", role.as_str());
        app.add_user(&username, &[role]).await;
        let session: Session = app.as_user(&username).await;
        for case in cases() {
            let what = format!("{role:?} {}", case.endpoint);
            let caller = if case.endpoint.starts_with("auth/sign_out") {
                // Signing out ends the session: each of these gets its own.
                app.as_user(&username).await
            } else {
                session.clone()
            };
            let (status, body) = caller.call(case.endpoint, (case.body)(&fixture, role)).await;
            if allowed(case.who, role) {
                assert_eq!(status, case.allowed_status, "{what}: {body}");
            } else {
                assert_eq!(status, 403, "{what}: {body}");
                assert_eq!(body["error"], "forbidden", "{what}");
                assert_no_data(&body, &what);
            }
        }
    }
}

#[tokio::test]
async fn a_technician_sees_only_the_tickets_dispatched_to_them() {
    let app = spawn_app().await;
    let fixture = fixture(&app).await;
    app.add_user("r-technician", &[Technician]).await;
    let tech = app.as_user("r-technician").await;

    let (status, body) = tech.call("tickets/get", json!({ "number": fixture.own_ticket })).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["ticket"]["assignee"], "r-technician");
    let (status, body) = tech.call("tickets/get", json!({ "number": fixture.other_ticket })).await;
    assert_eq!(status, 403);
    assert_no_data(&body, "not the owner");
    let (status, body) = tech.call("jobs/get", json!({ "number": fixture.own_ticket })).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = tech.call("jobs/get", json!({ "number": fixture.other_ticket })).await;
    assert_eq!(status, 403);
    assert_no_data(&body, "not the owner's job");

    let (status, list) = tech.call("tickets/list", json!({ "query": {} })).await;
    assert_eq!(status, 200);
    let numbers: Vec<&str> =
        list["items"].as_array().unwrap().iter().filter_map(|t| t["number"].as_str()).collect();
    assert_eq!(numbers, vec![fixture.own_ticket.as_str()], "only their own jobs are listed");

    let (status, _) = tech.page(&format!("/tickets/{}", fixture.other_ticket)).await;
    assert_eq!(status, 403, "the page of someone else's ticket is refused too");
    let (status, _) = tech.page(&format!("/tickets/{}", fixture.own_ticket)).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn pages_follow_the_matrix_even_when_the_url_is_typed() {
    let app = spawn_app().await;
    app.add_user("r-technician", &[Technician]).await;
    app.add_user("r-admin", &[Admin]).await;
    let tech = app.as_user("r-technician").await;
    for path in [
        "/admin/users",
        "/admin/users/desk",
        "/admin/audit",
        "/dashboard",
        "/tickets",
        "/tickets/new",
        "/assets/new",
    ] {
        let (status, html) = tech.page(path).await;
        assert_eq!(status, 403, "{path}");
        assert!(html.contains("无权访问"), "{path} shows the not-allowed page");
        assert!(!html.contains("测试 desk"), "{path} shows no administrator data");
    }
    assert_eq!(tech.page("/").await, (303, "/jobs".to_owned()));
    let admin = app.as_user("r-admin").await;
    assert_eq!(admin.page("/").await, (303, "/admin/users".to_owned()));
    let (status, html) = admin.page("/admin/users").await;
    assert_eq!(status, 200);
    assert!(html.contains("r-technician"));
    assert_eq!(
        app.anonymous().page("/tickets?q=x").await,
        (303, "/signin?next=%2Ftickets%3Fq%3Dx".to_owned())
    );
    assert_eq!(app.anonymous().page("/signin").await.0, 200);
}
