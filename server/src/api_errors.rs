//! The one place where an error from a server function becomes an HTTP status and a localized message.
//!
//! Server functions answer errors as JSON tagged with their kind (`{"error": "invalid", ...}`). This
//! layer sets the status from that kind — including for requests that never reached the function
//! (unreadable JSON, wrong types) — and adds a `message` in the caller's language, plus a `message` on
//! each field error, so a client without our translation files still gets a clear answer.

use app::error::ErrorKind;
use app::i18n::{Locale, negotiate, tr, tr_with};
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::Value;

/// Error bodies are small; anything bigger is passed through untouched.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// Middleware: rewrites server-function error responses (see module docs); passes all else through.
pub async fn status_and_message(request: Request, next: Next) -> Response {
    let locale = request_locale(request.headers());
    let response = next.run(request).await;
    if !response.headers().contains_key("serverfnerror") {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        parts.status = StatusCode::INTERNAL_SERVER_ERROR;
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(mut error) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let kind = ErrorKind::from_tag(error["error"].as_str().unwrap_or_default());
    parts.status = StatusCode::from_u16(kind.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    localize(&mut error, kind, locale);
    if let Some(minutes) = error.get("retry_after_minutes").and_then(Value::as_i64) {
        parts.headers.insert(header::RETRY_AFTER, HeaderValue::from(minutes.max(0) * 60));
    }
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    parts.headers.remove(header::CONTENT_LENGTH);
    if kind == ErrorKind::BadRequest || kind == ErrorKind::Internal {
        // Parser and internal details help nobody outside and may describe our internals.
        if let Some(obj) = error.as_object_mut() {
            obj.remove("detail");
        }
    }
    let body = serde_json::to_vec(&error).unwrap_or_default();
    Response::from_parts(parts, Body::from(body))
}

fn request_locale(headers: &HeaderMap) -> Locale {
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    negotiate(text(header::COOKIE), text(header::ACCEPT_LANGUAGE))
}

fn localize(error: &mut Value, kind: ErrorKind, locale: Locale) {
    let Some(obj) = error.as_object_mut() else {
        return;
    };
    let message = match (obj.get("retry_after_minutes").and_then(Value::as_i64), obj.get("refusal")) {
        (Some(minutes), _) => tr_with(locale, kind.message_key(), &[("minutes", &minutes.to_string())]),
        // A workflow refusal says exactly why the step cannot be taken.
        (_, Some(Value::String(refusal))) => tr(locale, &format!("workflow.{refusal}")),
        _ => tr(locale, kind.message_key()),
    };
    obj.insert("message".into(), Value::String(message));
    if let Some(fields) = obj.get_mut("fields").and_then(Value::as_array_mut) {
        for field in fields.iter_mut().filter_map(Value::as_object_mut) {
            let code = field.get("code").and_then(Value::as_str).unwrap_or("error.invalid").to_owned();
            let message = match field.get("line").and_then(Value::as_u64) {
                Some(line) => tr_with(locale, &code, &[("line", &line.to_string())]),
                None => tr(locale, &code),
            };
            field.insert("message".into(), Value::String(message));
        }
    }
}
