//! (ssr) What every request handler and server function shares.

use axum::extract::FromRef;
use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;
use leptos::prelude::LeptosOptions;

use crate::db::Db;
use crate::domain::session::{SessionPolicy, ThrottlePolicy};

/// Application state, provided to server functions as context and to axum handlers as state.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    /// The company's time zone: ticket numbers, dates and shown times follow it.
    pub tz: Tz,
    pub auth: AuthConfig,
}

/// How sessions and sign-ins behave.
#[derive(Clone, Debug, Default)]
pub struct AuthConfig {
    pub sessions: SessionPolicy,
    pub throttle: ThrottlePolicy,
    /// Mark the session cookie `Secure` (the site is served over HTTPS).
    pub secure_cookies: bool,
    /// Origins besides the request's own `Host` that may send state-changing requests (a reverse
    /// proxy's public address), e.g. `https://desk.example.com`.
    pub allowed_origins: Vec<String>,
}

impl AppState {
    /// Today's date in the company's time zone.
    pub fn today(&self) -> NaiveDate {
        Utc::now().with_timezone(&self.tz).date_naive()
    }
}
