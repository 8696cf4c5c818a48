//! (ssr) `GET /c/<token>/live`: the live stream of a customer page. It carries nothing but the
//! ticket's version (`hello`, `change`), so whatever the desk changes, the stream itself cannot leak
//! it: the page re-reads its redacted view. `gone` (and the end) once the link is revoked or expires.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{Extensions, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast::{Receiver, error::RecvError};

use super::customer_page::{private_headers, ticket_or_refusal};
use crate::live::hub::{Payload, Stamped};
use crate::state::AppState;

/// How often an open customer stream checks that its link still opens (expiry, or a revocation
/// made through another server process).
pub const LINK_CHECK: Duration = Duration::from_secs(30);

/// The handler of `GET /c/<token>/live`.
pub async fn customer_live(
    State(state): State<AppState>,
    Path(token): Path<String>,
    extensions: Extensions,
) -> Response {
    let number = match ticket_or_refusal(&state, &extensions, &token).await {
        Ok(number) => number,
        Err(mut refused) => {
            private_headers(refused.headers_mut());
            return refused;
        }
    };
    // Subscribe first, then read the version: a change between the two then arrives as well.
    let receiver = state.live.subscribe(None).receiver;
    let Ok(parsed) = crate::domain::TicketNumber::parse(&number) else {
        return refusal(StatusCode::NOT_FOUND);
    };
    let version = match crate::db::live::ticket_facts(&state.db, &parsed).await {
        Ok(Some((_, version))) => version,
        Ok(None) => return refusal(StatusCode::NOT_FOUND),
        Err(error) => {
            tracing::error!(%error, "cannot open a customer stream");
            return refusal(StatusCode::SERVICE_UNAVAILABLE);
        }
    };
    let hello = version_event("hello", version).retry(Duration::from_secs(3));
    let stream = CustomerStream {
        hash: crate::auth::token::session_key(&token),
        number,
        stopping: state.live.stopping(),
        state,
        receiver,
        next_check: tokio::time::Instant::now() + LINK_CHECK,
        first: Some(hello),
        ended: false,
    };
    let events = futures::stream::unfold(stream, |mut s| async move {
        s.next_event().await.map(|event| (Ok::<_, std::convert::Infallible>(event), s))
    });
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(super::super::live::sse::HEARTBEAT))
        .into_response();
    response.headers_mut().insert("x-accel-buffering", HeaderValue::from_static("no"));
    private_headers(response.headers_mut());
    response
}

struct CustomerStream {
    state: AppState,
    hash: String,
    number: String,
    receiver: Receiver<Arc<Stamped>>,
    stopping: tokio::sync::watch::Receiver<bool>,
    next_check: tokio::time::Instant,
    first: Option<Event>,
    ended: bool,
}

impl CustomerStream {
    async fn next_event(&mut self) -> Option<Event> {
        if let Some(first) = self.first.take() {
            return Some(first);
        }
        loop {
            if self.ended {
                return None;
            }
            let woken = tokio::select! {
                received = self.receiver.recv() => Some(received),
                () = tokio::time::sleep_until(self.next_check) => None,
                _ = self.stopping.wait_for(|stopping| *stopping) => return None,
            };
            let Some(received) = woken else {
                self.next_check = tokio::time::Instant::now() + LINK_CHECK;
                if let Some(gone) = self.unless_still_open().await {
                    return Some(gone);
                }
                continue;
            };
            match received {
                Ok(stamped) => match &stamped.payload {
                    Payload::Ticket(change) if change.number == self.number => {
                        // A revocation is itself a change of the ticket: it ends the stream here.
                        if let Some(gone) = self.unless_still_open().await {
                            return Some(gone);
                        }
                        return Some(version_event("change", change.version));
                    }
                    Payload::Ticket(_) => {}
                    Payload::Resync => return Some(Event::default().event("resync").data("{}")),
                },
                Err(RecvError::Lagged(_)) => return Some(Event::default().event("resync").data("{}")),
                Err(RecvError::Closed) => return None,
            }
        }
    }

    /// `gone` if the link no longer opens. A database hiccup keeps the stream; the next check decides.
    async fn unless_still_open(&mut self) -> Option<Event> {
        match crate::db::share::still_open(&self.state.db, &self.hash, chrono::Utc::now()).await {
            Ok(None) => {
                self.ended = true;
                Some(Event::default().event("gone").data("{}"))
            }
            Ok(Some(_)) | Err(_) => None,
        }
    }
}

fn version_event(name: &str, version: u64) -> Event {
    Event::default().event(name).data(format!("{{\"version\":{version}}}"))
}

fn refusal(status: StatusCode) -> Response {
    let mut response = status.into_response();
    private_headers(response.headers_mut());
    response
}
