//! The technician's tablet: which tickets are dispatched to a person.

use serde_json::json;

use super::{Db, DbError};
use crate::domain::TicketStatus;

/// The most jobs the tablet lists at once; a technician never has this many open.
pub const MAX_JOBS: usize = 100;

/// The numbers of the tickets assigned to `username` in one of `states`, oldest first.
pub async fn assigned_in(db: &Db, username: &str, states: &[TicketStatus]) -> Result<Vec<String>, DbError> {
    let open: Vec<&str> = states.iter().map(|s| s.as_str()).collect();
    let numbers: Vec<String> = db
        .query(
            "SELECT VALUE number FROM ticket WHERE assignee = type::record('staff', $me) \
             AND status IN $open ORDER BY created_at ASC LIMIT $limit",
        )
        .bind(json!({ "me": username, "open": open, "limit": MAX_JOBS }))
        .await?
        .check()?
        .take(0)?;
    Ok(numbers)
}
