//! Server functions of the administrator's calendar page.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use super::AuthError;
use crate::domain::sla::CalendarForm;

/// The calendar as the form shows it, and the version it was read at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarEdit {
    pub form: CalendarForm,
    pub version: u64,
}

/// The calendar in force.
#[server(prefix = "/api", endpoint = "admin/calendar/get", input = Json)]
pub async fn get_calendar() -> Result<CalendarEdit, AuthError> {
    super::guard::require(crate::domain::access::Action::ManageCalendar)?;
    let state = use_context::<crate::state::AppState>().ok_or(AuthError::Internal)?;
    let (calendar, version) = crate::db::calendar::load(&state.db).await?;
    Ok(CalendarEdit { form: CalendarForm::from_calendar(&calendar), version })
}

/// Saves the calendar if nobody saved since `version` was read; answers the new version. Deadlines
/// are measured against it from then on.
#[server(prefix = "/api", endpoint = "admin/calendar/save", input = Json)]
pub async fn save_calendar(form: CalendarForm, version: u64) -> Result<u64, AuthError> {
    let admin = super::guard::require(crate::domain::access::Action::ManageCalendar)?;
    let state = use_context::<crate::state::AppState>().ok_or(AuthError::Internal)?;
    let calendar = form.parse().map_err(|fields| AuthError::Invalid { fields })?;
    let saved = crate::db::calendar::save(&state.db, &calendar, version, &admin.username, chrono::Utc::now());
    let new_version = saved.await?.ok_or(AuthError::Conflict)?;
    tracing::info!(by = %admin.username, version = new_version, "calendar saved");
    Ok(new_version)
}
