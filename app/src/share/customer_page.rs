//! (ssr) `GET /c/<token>`: the customer's page of their ticket. An unknown, expired or revoked link
//! all get the same "link not valid" page with the same status, so a link's fate cannot be probed;
//! lookups are counted per client address.

use axum::extract::{Path, Query, State};
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::customer_view::{Body, document};
use crate::auth::guard::ClientAddress;
use crate::i18n::{LANG_COOKIE, Locale, negotiate};
use crate::state::AppState;

/// The query of a customer page: `?lang=en` switches the language (and remembers it).
#[derive(Debug, Deserialize)]
pub struct PageParams {
    #[serde(default)]
    pub lang: Option<String>,
}

/// What a link lookup found.
pub enum Lookup {
    /// The link opens this ticket.
    Ticket(String),
    /// Unknown, expired or revoked: never told apart.
    Invalid,
    TooMany,
    Unavailable,
}

/// Counts the lookup against the client's address and finds the ticket `token` opens now;
/// `note_visit` records the visit on the link (a page load, not a live stream's re-check).
pub async fn look_up(state: &AppState, extensions: &Extensions, token: &str, note_visit: bool) -> Lookup {
    let address = extensions.get::<ClientAddress>().map(|a| a.0.as_str()).unwrap_or_default();
    if !state.public_limits.allow_link_lookup(address) {
        tracing::warn!(%address, "customer link lookups over the limit");
        return Lookup::TooMany;
    }
    if !crate::domain::share::looks_like_token(token) {
        return Lookup::Invalid;
    }
    let hash = crate::auth::token::session_key(token);
    let now = chrono::Utc::now();
    let found = if note_visit {
        crate::db::share::open(&state.db, &hash, now).await
    } else {
        crate::db::share::still_open(&state.db, &hash, now).await
    };
    match found {
        Ok(Some(number)) => Lookup::Ticket(number),
        Ok(None) => Lookup::Invalid,
        Err(error) => {
            tracing::error!(%error, "customer link lookup failed");
            Lookup::Unavailable
        }
    }
}

/// The handler of `GET /c/<token>`.
pub async fn customer_page(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Query(params): Query<PageParams>,
    extensions: Extensions,
    headers: HeaderMap,
) -> Response {
    let chosen = params.lang.as_deref().and_then(Locale::from_tag);
    let text = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    let locale = chosen.unwrap_or_else(|| negotiate(text(header::COOKIE), text(header::ACCEPT_LANGUAGE)));
    let (status, html) = match look_up(&state, &extensions, &token, true).await {
        Lookup::Ticket(number) => match customer_ticket(&state, &number).await {
            Ok(Some(ticket)) => {
                let live_url = format!("/c/{token}/live");
                (StatusCode::OK, document(locale, Body::Ticket { ticket: &ticket, live_url }))
            }
            Ok(None) => (StatusCode::NOT_FOUND, document(locale, Body::Invalid)),
            Err(_) => return unavailable(),
        },
        Lookup::Invalid => (StatusCode::NOT_FOUND, document(locale, Body::Invalid)),
        Lookup::TooMany => (StatusCode::TOO_MANY_REQUESTS, document(locale, Body::TooMany)),
        Lookup::Unavailable => return unavailable(),
    };
    let mut response = (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    private_headers(response.headers_mut());
    if let Some(locale) = chosen {
        let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", locale.tag());
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
    }
    response
}

/// The customer's view of ticket `number` now; `None` if the ticket is gone.
pub async fn customer_ticket(
    state: &AppState,
    number: &str,
) -> Result<Option<super::CustomerTicket>, crate::error::TicketError> {
    let Ok(number) = crate::domain::TicketNumber::parse(number) else { return Ok(None) };
    let Some(mut detail) = crate::db::tickets::get(&state.db, &number, state.tz).await? else {
        return Ok(None);
    };
    crate::tickets::workflow_api::ssr::read_clocks(&state.db, &mut detail, state.tz).await?;
    Ok(Some(super::CustomerTicket::project(&detail)))
}

/// Keeps a customer page out of search engines and its address out of `Referer` headers.
pub fn private_headers(headers: &mut HeaderMap) {
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert("x-robots-tag", HeaderValue::from_static("noindex, nofollow"));
}

fn unavailable() -> Response {
    (StatusCode::SERVICE_UNAVAILABLE, "The service is unavailable; please try again shortly.").into_response()
}
