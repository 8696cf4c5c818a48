//! (ssr) The database side of the hub: this process's one live query on `ticket`. Every committed
//! create or update becomes a [`TicketChange`] on the hub; if the live query breaks it is started
//! again, and the pages are told to re-fetch what may have been missed in between.

use std::time::Duration;

use futures::StreamExt;
use serde::Deserialize;
use surrealdb::Notification;
use surrealdb::types::Action;

use super::TicketChange;
use super::hub::{LiveHub, Payload};
use crate::db::{Db, DbError};
use crate::domain::{ServiceType, TicketStatus, Urgency};

const LIVE_TICKETS: &str = "LIVE SELECT number, version, status, service_type, urgency, region, company, \
    product_model, assignee FROM ticket";

type Changes = surrealdb::method::QueryStream<Notification<serde_json::Value>>;

/// Starts the live query, then follows it for as long as the process runs. Await it before serving
/// requests: a change committed before the live query exists would reach no page.
pub async fn start(db: Db, hub: LiveHub) -> Result<tokio::task::JoinHandle<()>, DbError> {
    let changes = open(&db).await?;
    Ok(tokio::spawn(run(db, hub, changes)))
}

async fn open(db: &Db) -> Result<Changes, DbError> {
    Ok(db.query(LIVE_TICKETS).await?.stream::<Notification<serde_json::Value>>(0)?)
}

async fn run(db: Db, hub: LiveHub, mut changes: Changes) {
    let mut pause = Duration::from_millis(500);
    loop {
        match follow(&hub, &mut changes).await {
            Ok(()) => tracing::warn!("the live query on tickets ended; starting it again"),
            Err(error) => tracing::error!(%error, "the live query on tickets failed; starting it again"),
        }
        loop {
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_secs(30));
            match open(&db).await {
                Ok(reopened) => {
                    changes = reopened;
                    break;
                }
                Err(error) => tracing::error!(%error, "cannot start the live query on tickets"),
            }
        }
        // Whatever was committed while no live query ran, the pages re-fetch.
        hub.publish(Payload::Resync);
    }
}

async fn follow(hub: &LiveHub, changes: &mut Changes) -> Result<(), DbError> {
    while let Some(notification) = changes.next().await {
        let notification = notification?;
        match notification.action {
            Action::Create | Action::Update => match change_of(notification.data) {
                Some(change) => {
                    hub.publish(Payload::Ticket(change));
                }
                None => tracing::error!("a ticket change had an unexpected shape"),
            },
            Action::Killed => return Ok(()),
            _ => {}
        }
    }
    Ok(())
}

#[derive(Deserialize)]
struct Row {
    number: String,
    version: u64,
    status: TicketStatus,
    service_type: ServiceType,
    urgency: Urgency,
    region: String,
    company: String,
    product_model: String,
    assignee: Option<String>,
}

fn change_of(value: serde_json::Value) -> Option<TicketChange> {
    let row: Row = serde_json::from_value(value).ok()?;
    Some(TicketChange {
        number: row.number,
        version: row.version,
        status: row.status,
        service_type: row.service_type,
        urgency: row.urgency,
        region: row.region,
        company: row.company,
        product_model: row.product_model,
        assignee: row.assignee.as_deref().and_then(username_of),
    })
}

/// The username in a staff record id as the database writes it: `staff:wang`, `staff:⟨li.na⟩`.
fn username_of(record: &str) -> Option<String> {
    let key = record.strip_prefix("staff:")?;
    let key = key
        .strip_prefix('⟨')
        .and_then(|k| k.strip_suffix('⟩'))
        .or_else(|| key.strip_prefix('`').and_then(|k| k.strip_suffix('`')))
        .unwrap_or(key);
    (!key.is_empty()).then(|| key.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_come_out_of_record_ids_whatever_their_quoting() {
        assert_eq!(username_of("staff:wang").as_deref(), Some("wang"));
        assert_eq!(username_of("staff:⟨li.na⟩").as_deref(), Some("li.na"));
        assert_eq!(username_of("staff:`chen-2`").as_deref(), Some("chen-2"));
        assert_eq!(username_of("part:wang"), None);
        assert_eq!(username_of("staff:"), None);
    }
}
