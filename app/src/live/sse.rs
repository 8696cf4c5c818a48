//! (ssr) `GET /api/live?topic=…`: one Server-Sent Events stream per open page. It says `hello` first
//! (whether the page must re-fetch), then forwards the changes its person may see on its topic, each
//! with an id (`Last-Event-ID` resumes), `resync` when the page must re-fetch, `removed` when a job
//! left a technician, `gone` (and the end) when a ticket page's person may no longer see it,
//! `signed_out` (and the end) when the session is over.

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tokio::sync::broadcast::{Receiver, error::RecvError};

use super::hub::{Cursor, Payload, Stamped};
use super::rules::{Delivery, deliver, may_subscribe};
use super::{Hello, Topic};
use crate::auth::guard::Staff;
use crate::domain::access::{Subject, permits};
use crate::state::AppState;

/// How often an idle stream sends a comment, so proxies and the browser know it is alive.
pub const HEARTBEAT: Duration = Duration::from_secs(15);

/// How often a stream checks that its session is still signed in; a stream whose person signed out
/// (on any device), was disabled or timed out says `signed_out` and ends.
pub const SESSION_CHECK: Duration = Duration::from_secs(10);

/// The query of a live stream.
#[derive(Debug, Deserialize)]
pub struct LiveParams {
    pub topic: String,
    /// The last event id, for a client that reconnects by itself (the header wins when both come).
    #[serde(default)]
    pub last: Option<String>,
}

/// The handler of `GET /api/live`.
pub async fn live_stream(
    State(state): State<AppState>,
    extensions: Extensions,
    headers: HeaderMap,
    Query(params): Query<LiveParams>,
) -> Response {
    let Some(staff) = extensions.get::<Staff>().filter(|s| !s.must_change_password) else {
        return refusal(StatusCode::UNAUTHORIZED, "unauthenticated");
    };
    let Some(topic) = Topic::parse(&params.topic) else {
        return refusal(StatusCode::BAD_REQUEST, "bad_request");
    };
    let subject = staff.subject();
    if !may_subscribe(&subject, &topic) {
        return refusal(StatusCode::FORBIDDEN, "forbidden");
    }
    let last_id =
        headers.get("last-event-id").and_then(|v| v.to_str().ok()).map(str::to_owned).or(params.last);
    let cursor = last_id.as_deref().and_then(Cursor::parse);
    // Subscribe first, then read what the page shows: a change between the two then arrives twice
    // (harmless, versions tell) rather than never.
    let subscription = state.live.subscribe(cursor.as_ref());
    let (seen, version) = match initial_seen(&state, &subject, &topic).await {
        Ok(seen) => seen,
        Err(refused) => return refused,
    };
    let mut pending = VecDeque::new();
    let hello = Hello { resumed: subscription.replay.is_some(), version };
    pending.push_back(json_event("hello", &hello).retry(Duration::from_secs(2)));
    let mut connection = Connection {
        session: (state.clone(), staff.session_key.clone()),
        next_check: tokio::time::Instant::now() + SESSION_CHECK,
        stopping: state.live.stopping(),
        subject,
        topic,
        seen,
        boot: state.live.boot().to_owned(),
        pending,
        receiver: subscription.receiver,
        ended: false,
    };
    for stamped in subscription.replay.unwrap_or_default() {
        connection.handle(&stamped);
    }
    let events = futures::stream::unfold(connection, |mut c| async move {
        c.next_event().await.map(|event| (Ok::<_, std::convert::Infallible>(event), c))
    });
    let mut response = Sse::new(events).keep_alive(KeepAlive::new().interval(HEARTBEAT)).into_response();
    // Tells nginx-style proxies not to hold the stream back.
    response.headers_mut().insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}

/// The tickets the page already shows, so that losing one can be told, and a ticket page's ticket
/// version; refusals for a ticket page whose ticket is missing or not the person's.
async fn initial_seen(
    state: &AppState,
    subject: &Subject,
    topic: &Topic,
) -> Result<(HashSet<String>, Option<u64>), Response> {
    let unavailable = |error: crate::db::DbError| {
        tracing::error!(%error, "cannot open a live stream");
        refusal(StatusCode::SERVICE_UNAVAILABLE, "unavailable")
    };
    match topic {
        Topic::Ticket(number) => {
            let facts = crate::db::live::ticket_facts(&state.db, number).await.map_err(unavailable)?;
            let (facts, version) = facts.ok_or_else(|| refusal(StatusCode::NOT_FOUND, "not_found"))?;
            permits(subject, crate::domain::access::Action::ViewTicket, Some(&facts))
                .map_err(|_| refusal(StatusCode::FORBIDDEN, "forbidden"))?;
            Ok((HashSet::from([number.as_str().to_owned()]), Some(version)))
        }
        Topic::Jobs => {
            let jobs = crate::db::live::open_jobs(&state.db, &subject.user_id).await.map_err(unavailable)?;
            Ok((jobs.into_iter().collect(), None))
        }
        Topic::Dashboard | Topic::Tickets => Ok((HashSet::new(), None)),
    }
}

/// What woke a waiting stream.
enum Wake {
    Received(Result<Arc<Stamped>, RecvError>),
    CheckSession,
    Stopping,
}

/// One open stream's state.
struct Connection {
    /// What the session check reads, and the session's key.
    session: (AppState, String),
    next_check: tokio::time::Instant,
    stopping: tokio::sync::watch::Receiver<bool>,
    subject: Subject,
    topic: Topic,
    /// Tickets this page shows (for `removed`); only kept for jobs and ticket topics.
    seen: HashSet<String>,
    boot: String,
    pending: VecDeque<Event>,
    receiver: Receiver<Arc<Stamped>>,
    ended: bool,
}

impl Connection {
    async fn next_event(&mut self) -> Option<Event> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Some(event);
            }
            if self.ended {
                return None;
            }
            let woken = tokio::select! {
                received = self.receiver.recv() => Wake::Received(received),
                () = tokio::time::sleep_until(self.next_check) => Wake::CheckSession,
                _ = self.stopping.wait_for(|stopping| *stopping) => Wake::Stopping,
            };
            let received = match woken {
                Wake::Received(received) => received,
                Wake::CheckSession => {
                    self.check_session().await;
                    continue;
                }
                Wake::Stopping => return None,
            };
            match received {
                Ok(stamped) => self.handle(&stamped),
                // Fell a full ring behind: whatever was dropped, the page re-fetches.
                Err(RecvError::Lagged(_)) => {
                    self.pending.push_back(Event::default().event("resync").data("{}"))
                }
                Err(RecvError::Closed) => return None,
            }
        }
    }

    async fn check_session(&mut self) {
        self.next_check = tokio::time::Instant::now() + SESSION_CHECK;
        let (state, key) = &self.session;
        // A database hiccup keeps the stream; the next check decides.
        if let Ok(false) = crate::auth::signin::still_live(state, key, chrono::Utc::now()).await {
            self.pending.push_back(Event::default().event("signed_out").data("{}"));
            self.ended = true;
        }
    }

    fn handle(&mut self, stamped: &Stamped) {
        let id = Cursor { boot: self.boot.clone(), seq: stamped.seq }.to_id();
        let change = match &stamped.payload {
            Payload::Resync => {
                self.pending.push_back(Event::default().event("resync").id(id).data("{}"));
                return;
            }
            Payload::Ticket(change) => change,
        };
        let tracks = matches!(self.topic, Topic::Jobs | Topic::Ticket(_));
        match deliver(&self.subject, &self.topic, change, self.seen.contains(&change.number)) {
            Delivery::Skip => {}
            Delivery::Send => {
                if tracks {
                    self.seen.insert(change.number.clone());
                }
                self.pending.push_back(json_event("change", change).id(id));
            }
            Delivery::Removed => {
                self.seen.remove(&change.number);
                let removed = serde_json::json!({ "number": change.number });
                if matches!(self.topic, Topic::Ticket(_)) {
                    self.pending.push_back(json_event("gone", &removed).id(id));
                    self.ended = true;
                } else {
                    self.pending.push_back(json_event("removed", &removed).id(id));
                }
            }
        }
    }
}

fn json_event(name: &str, data: &impl serde::Serialize) -> Event {
    Event::default().event(name).data(serde_json::to_string(data).unwrap_or_else(|_| "{}".into()))
}

/// A refusal in the shape server functions answer, so the error layer sets its localized message.
fn refusal(status: StatusCode, tag: &str) -> Response {
    let mut response = (status, axum::Json(serde_json::json!({ "error": tag }))).into_response();
    response.headers_mut().insert("serverfnerror", HeaderValue::from_static("1"));
    response
}
