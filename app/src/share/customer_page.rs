//! (ssr) `GET /c/<token>`: the customer's page of their ticket. An unknown, expired or revoked link
//! all get the same "link not valid" page with the same status, so a link's fate cannot be probed;
//! lookups are counted per client address.

use axum::extract::{Path, Query, State};
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::customer_view::{Body, Forms, document};
use crate::auth::guard::ClientAddress;
use crate::i18n::{LANG_COOKIE, Locale, negotiate};
use crate::state::AppState;

/// The query of a customer page: `?lang=en` switches the language (and remembers it); `?done=…`
/// says which of the customer's actions was just recorded.
#[derive(Debug, Deserialize)]
pub struct PageParams {
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub done: Option<String>,
}

/// The notice for `?done=<what>`; only the page's own actions have one.
fn done_notice(what: Option<&str>) -> Option<&'static str> {
    match what? {
        "quote" => Some("customer.done.quote"),
        "survey" => Some("customer.done.survey"),
        "message" => Some("customer.done.message"),
        "reported" => Some("customer.done.reported"),
        "photo" => Some("customer.done.photo"),
        _ => None,
    }
}

/// The language of a customer page: the one just chosen, else the remembered or the browser's.
pub fn page_locale(headers: &HeaderMap, chosen: Option<Locale>) -> Locale {
    let text = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    chosen.unwrap_or_else(|| negotiate(text(header::COOKIE), text(header::ACCEPT_LANGUAGE)))
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

/// The ticket `token` opens, or the bare refusal (404, 429, 503) of a request that is not a page:
/// a form, a photo.
pub async fn ticket_or_refusal(
    state: &AppState,
    extensions: &Extensions,
    token: &str,
) -> Result<String, Response> {
    match look_up(state, extensions, token, false).await {
        Lookup::Ticket(number) => Ok(number),
        Lookup::Invalid => Err(StatusCode::NOT_FOUND.into_response()),
        Lookup::TooMany => Err(StatusCode::TOO_MANY_REQUESTS.into_response()),
        Lookup::Unavailable => Err(unavailable()),
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
    let locale = page_locale(&headers, chosen);
    let mut response = match look_up(&state, &extensions, &token, true).await {
        Lookup::Ticket(number) => {
            let forms = Forms { done: done_notice(params.done.as_deref()), ..Forms::new() };
            render_ticket(&state, locale, &token, &number, forms, StatusCode::OK).await
        }
        Lookup::Invalid => html(StatusCode::NOT_FOUND, document(locale, Body::Invalid)),
        Lookup::TooMany => html(StatusCode::TOO_MANY_REQUESTS, document(locale, Body::TooMany)),
        Lookup::Unavailable => unavailable(),
    };
    if let Some(locale) = chosen {
        let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", locale.tag());
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
    }
    response
}

/// The page of ticket `number` behind link `token`, with `forms` (a refused form, a notice).
pub async fn render_ticket(
    state: &AppState,
    locale: Locale,
    token: &str,
    number: &str,
    forms: Forms,
    status: StatusCode,
) -> Response {
    match customer_ticket(state, number).await {
        Ok(Some(ticket)) => {
            let base = format!("/c/{token}");
            html(status, document(locale, Body::Ticket { ticket: &ticket, base, forms }))
        }
        Ok(None) => html(StatusCode::NOT_FOUND, document(locale, Body::Invalid)),
        Err(_) => unavailable(),
    }
}

/// An HTML answer of a customer page, kept private.
pub fn html(status: StatusCode, body: String) -> Response {
    let mut response = (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response();
    private_headers(response.headers_mut());
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
    let record = crate::db::service::load(&state.db, number.as_str(), state.tz).await?;
    Ok(Some(super::CustomerTicket::project(&detail, &record)))
}

/// Keeps a customer page out of search engines and its address out of `Referer` headers.
pub fn private_headers(headers: &mut HeaderMap) {
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert("x-robots-tag", HeaderValue::from_static("noindex, nofollow"));
}

/// The database did not answer.
pub fn unavailable() -> Response {
    (StatusCode::SERVICE_UNAVAILABLE, "The service is unavailable; please try again shortly.").into_response()
}
