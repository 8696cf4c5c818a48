//! The layer every request passes before it reaches a page or a server function:
//! 1. refuses state-changing requests from other sites (Origin/Referer must be ours);
//! 2. finds the signed-in person from the session cookie and hands them to pages and server functions;
//! 3. sends first page loads where `domain::access::page_access` says (sign-in, own home, password);
//! 4. keeps personal pages and answers out of shared caches, and gives every HTML page a CSP whose
//!    nonce it chose before the page was rendered (so header and page always agree).

use std::net::SocketAddr;

use app::auth::guard::{ClientAddress, Staff};
use app::auth::{signin, token};
use app::domain::access::{PageAccess, page_access};
use app::i18n::{negotiate, tr};
use app::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// Middleware: see the module docs.
pub async fn sessions_and_access(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_default();
    // The customer's forms act on no cookie: a link's forms carry their credential in the path (the
    // token), and anyone may send the public fault report — so another site has nothing to forge.
    // Their pages' `no-referrer` policy makes browsers send `Origin: null` with them.
    let customer_form = request.uri().path().starts_with("/c/") || request.uri().path() == "/report-fault";
    if is_state_changing(request.method())
        && !customer_form
        && !same_origin(request.headers(), &state.auth.allowed_origins)
    {
        tracing::warn!(%address, path = %request.uri().path(), "cross-site request refused");
        return refuse_cross_site(request.headers());
    }

    let staff = match session_token(request.headers()) {
        Some(token) => match signin::resolve(&state, &token, chrono::Utc::now()).await {
            Ok(staff) => staff,
            Err(e) => {
                tracing::error!(error = %e, "session lookup failed");
                return (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response();
            }
        },
        None => None,
    };

    let path = request.uri().path().to_owned();
    if request.method() == Method::GET && !path.starts_with("/api/") {
        let subject = staff.as_ref().map(Staff::subject);
        let must_change = staff.as_ref().is_some_and(|s| s.must_change_password);
        match page_access(&path, subject.as_ref(), must_change) {
            PageAccess::SignIn => {
                let wanted = request.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
                let target = if wanted == "/" {
                    "/signin".to_owned()
                } else {
                    format!("/signin?next={}", app::tickets::encode_query(wanted))
                };
                return Redirect::to(&target).into_response();
            }
            PageAccess::ChangePassword => return Redirect::to("/account").into_response(),
            PageAccess::Redirect(to) => return Redirect::to(&to).into_response(),
            PageAccess::Public | PageAccess::Allowed | PageAccess::Forbidden => {}
        }
    }

    request.extensions_mut().insert(ClientAddress(address));
    let nonce = token::new_nonce();
    request.extensions_mut().insert(app::state::CspNonce(nonce.clone()));
    if let Some(staff) = staff {
        request.extensions_mut().insert(staff);
    }
    let mut response = next.run(request).await;
    if !path.starts_with("/pkg/") && !path.contains('.') {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if is_html {
        // Our own files, this response's inline hydration scripts (the page carries the same nonce) and
        // WebAssembly; nothing else, and no framing.
        let policy = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
             form-action 'self'; frame-ancestors 'none'"
        );
        if let Ok(value) = HeaderValue::from_str(&policy) {
            response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    response
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| token::from_cookie_header(h).map(str::to_owned))
}

/// Whether the request says it comes from one of our pages: its `Origin` (or, when a browser sends no
/// Origin, its `Referer`) names the host the request was sent to, or an allowed public origin. Requests
/// that carry neither are refused: every browser sends Origin on POST.
fn same_origin(headers: &HeaderMap, allowed: &[String]) -> bool {
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let origin = match (text(header::ORIGIN), text(header::REFERER)) {
        (Some(origin), _) if origin != "null" => origin.to_owned(),
        (_, Some(referer)) => origin_of(referer),
        _ => return false,
    };
    let origin = origin.trim_end_matches('/');
    if allowed.iter().any(|a| a == origin) {
        return true;
    }
    let host = text(header::HOST).unwrap_or_default();
    let authority = origin.split_once("://").map(|(_, rest)| rest).unwrap_or_default();
    !host.is_empty() && authority.eq_ignore_ascii_case(host)
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return String::new();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    format!("{scheme}://{authority}")
}

fn refuse_cross_site(headers: &HeaderMap) -> Response {
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let locale = negotiate(text(header::COOKIE), text(header::ACCEPT_LANGUAGE));
    let body = serde_json::json!({ "error": "forbidden", "message": tr(locale, "error.cross_site") });
    (StatusCode::FORBIDDEN, axum::Json(body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        h
    }

    #[test]
    fn our_own_origin_passes_and_others_do_not() {
        let ok = headers(&[("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:3000")]);
        assert!(same_origin(&ok, &[]));
        let evil = headers(&[("host", "127.0.0.1:3000"), ("origin", "https://evil.example")]);
        assert!(!same_origin(&evil, &[]));
        let none = headers(&[("host", "127.0.0.1:3000")]);
        assert!(!same_origin(&none, &[]));
        let null = headers(&[("host", "127.0.0.1:3000"), ("origin", "null")]);
        assert!(!same_origin(&null, &[]));
    }

    #[test]
    fn referer_counts_when_origin_is_missing_and_proxies_can_be_allowed() {
        let referer = headers(&[("host", "desk.local"), ("referer", "http://desk.local/tickets?q=1")]);
        assert!(same_origin(&referer, &[]));
        let lookalike = headers(&[("host", "desk.local"), ("referer", "http://desk.local.evil.example/")]);
        assert!(!same_origin(&lookalike, &[]));
        let proxied = headers(&[("host", "10.0.0.5:3000"), ("origin", "https://desk.example.com")]);
        assert!(same_origin(&proxied, &["https://desk.example.com".to_owned()]));
    }
}
