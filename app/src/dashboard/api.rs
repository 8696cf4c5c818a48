//! The dashboard's server function.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::{DashboardData, DashboardFilter};
use crate::error::TicketError;

/// Longest region or product line a filter may name; anything longer matches nothing anyway.
#[cfg(feature = "ssr")]
const MAX_FILTER_CHARS: usize = 50;

/// The dashboard for `filter` (supervisors).
#[server(prefix = "/api", endpoint = "tickets/dashboard", input = Json)]
pub async fn load_dashboard(filter: DashboardFilter) -> Result<DashboardData, TicketError> {
    crate::auth::guard::require(crate::domain::access::Action::ViewDashboard)?;
    let state = use_context::<crate::state::AppState>().ok_or(TicketError::Internal)?;
    let clip = |text: &str| text.trim().chars().take(MAX_FILTER_CHARS).collect::<String>();
    let filter = DashboardFilter { region: clip(&filter.region), product_line: clip(&filter.product_line) };
    Ok(crate::db::dashboard::load(&state.db, &state.tally, &filter, chrono::Utc::now(), state.tz).await?)
}
