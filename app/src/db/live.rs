//! What a live stream reads once when it opens: the ticket a ticket page shows, the jobs a
//! technician's page shows.

use serde::Deserialize;
use serde_json::json;

use super::{Db, DbError};
use crate::domain::{ServiceType, TicketNumber};

#[derive(Deserialize)]
struct Facts {
    service_type: ServiceType,
    assignee: Option<String>,
    version: u64,
}

/// Who may see ticket `number` and its version now, or `None` when there is no such ticket.
pub async fn ticket_facts(
    db: &Db,
    number: &TicketNumber,
) -> Result<Option<(crate::domain::access::TicketFacts, u64)>, DbError> {
    let rows: Vec<serde_json::Value> = db
        .query(
            "SELECT service_type, assignee.username AS assignee, version FROM ticket \
             WHERE number = $number LIMIT 1",
        )
        .bind(json!({ "number": number.as_str() }))
        .await?
        .check()?
        .take(0)?;
    let Some(row) = rows.into_iter().next() else { return Ok(None) };
    let facts: Facts = serde_json::from_value(row)?;
    let version = facts.version;
    Ok(Some((crate::domain::access::TicketFacts::of(facts.service_type, facts.assignee), version)))
}

/// The numbers of the open tickets dispatched to `username`: what their jobs page shows.
pub async fn open_jobs(db: &Db, username: &str) -> Result<Vec<String>, DbError> {
    let numbers: Vec<String> = db
        .query(
            "SELECT VALUE number FROM ticket WHERE assignee = type::record('staff', $username) \
             AND status NOT IN ['closed', 'cancelled']",
        )
        .bind(json!({ "username": username }))
        .await?
        .check()?
        .take(0)?;
    Ok(numbers)
}
