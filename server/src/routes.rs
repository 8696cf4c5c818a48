//! The HTTP surface: pages, server functions, static files, health; and the layers around them.

use std::time::Duration;

use app::state::AppState;
use app::{App, shell};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::{api_errors, session_layer};

/// Largest request body accepted; the longest form (intake) is far below it.
const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Every route of the app, with shared state provided to pages and server functions.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            app::state::provide_request_nonce();
        }
    };
    let render = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    Router::new()
        .route("/health", get(health))
        .route("/api/live", get(app::live::sse::live_stream))
        .route("/c/{token}", get(app::share::customer_page::customer_page))
        .route("/c/{token}/live", get(app::share::customer_live::customer_live))
        .route("/c/{token}/quote", post(app::share::customer_actions::answer_quote))
        .route("/c/{token}/survey", post(app::share::customer_actions::answer_survey))
        .route("/c/{token}/message", post(app::share::customer_actions::leave_message))
        .route(
            "/c/{token}/photo",
            post(app::share::customer_photos::send_photo)
                .layer(DefaultBodyLimit::max(app::share::customer_photos::BODY_LIMIT)),
        )
        .route("/c/{token}/photos/{file}", get(app::share::customer_photos::customer_photo))
        .route("/tickets/{number}/photos/{file}", get(app::share::customer_photos::staff_photo))
        .route(
            "/jobs/{number}/photos",
            post(app::tablet::photos::upload_photo)
                .layer(DefaultBodyLimit::max(app::tablet::photos::BODY_LIMIT)),
        )
        .route(
            "/report-fault",
            get(app::share::fault_report::report_page)
                .post(app::share::fault_report::submit_report)
                .layer(DefaultBodyLimit::max(app::share::fault_report::BODY_LIMIT)),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), render)
        .fallback(file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(axum::middleware::from_fn(api_errors::status_and_message))
        .layer(axum::middleware::from_fn_with_state(state.clone(), session_layer::sessions_and_access))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
        ))
        .with_state(state)
}

/// `GET /health`: 200 when the server and its database answer, 503 otherwise.
async fn health(State(state): State<AppState>) -> impl IntoResponse {
    let database_ok =
        matches!(tokio::time::timeout(Duration::from_secs(2), state.db.health()).await, Ok(Ok(())));
    let status = if database_ok { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let body = serde_json::json!({
        "status": if database_ok { "ok" } else { "degraded" },
        "database": if database_ok { "ok" } else { "unavailable" },
        "version": env!("CARGO_PKG_VERSION"),
    });
    (status, Json(body))
}
