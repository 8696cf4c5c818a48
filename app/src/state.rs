//! (ssr) What every request handler and server function shares.

use axum::extract::FromRef;
use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;
use leptos::prelude::LeptosOptions;

use crate::db::Db;

/// Application state, provided to server functions as context and to axum handlers as state.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    /// The company's time zone: ticket numbers, dates and shown times follow it.
    pub tz: Tz,
}

impl AppState {
    /// Today's date in the company's time zone.
    pub fn today(&self) -> NaiveDate {
        Utc::now().with_timezone(&self.tz).date_naive()
    }
}
