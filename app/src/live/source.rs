//! (ssr) The database side of the hub: this process's one live query on `ticket`. Every committed
//! create or update is put back in version order (`reorder`), first moves the dashboard's tally,
//! then becomes a [`TicketChange`] on the hub;
//! if the live query breaks it is started again, the tally is rebuilt, and the pages are told to
//! re-fetch what may have been missed in between.

use std::time::{Duration, Instant};

use futures::StreamExt;
use serde::Deserialize;
use surrealdb::Notification;
use surrealdb::types::Action;

use chrono_tz::Tz;

use super::TicketChange;
use super::hub::{LiveHub, Payload};
use super::reorder::Reorder;
use crate::dashboard::tally::{SharedTally, TallyFacts, Verdict};
use crate::db::{Db, DbError};
use crate::domain::{ServiceType, TicketStatus, Urgency};

const LIVE_TICKETS: &str = "LIVE SELECT number, version, status, service_type, urgency, region, company, \
    product_model, product_line, assignee FROM ticket";

type Changes = surrealdb::method::QueryStream<Notification<serde_json::Value>>;

/// Where committed changes go, and what the tally needs to date them.
#[derive(Clone)]
pub struct Sinks {
    pub hub: LiveHub,
    pub tally: SharedTally,
    pub tz: Tz,
}

/// Starts the live query, builds the tally (subscribe first, snapshot second: a change in between
/// is in both, and applying it twice changes nothing), then follows the query for as long as the
/// process runs. Await it before serving requests: a change committed before the live query exists
/// would reach no page.
pub async fn start(db: Db, sinks: Sinks) -> Result<tokio::task::JoinHandle<()>, DbError> {
    let changes = open(&db).await?;
    rebuild(&db, &sinks).await?;
    Ok(tokio::spawn(run(db, sinks, changes)))
}

async fn rebuild(db: &Db, sinks: &Sinks) -> Result<(), DbError> {
    let fresh = crate::db::tally::snapshot(db, chrono::Utc::now(), sinks.tz).await?;
    match sinks.tally.write() {
        Ok(mut tally) => *tally = fresh,
        Err(poisoned) => *poisoned.into_inner() = fresh,
    }
    Ok(())
}

fn today(tz: Tz) -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&tz).date_naive()
}

async fn open(db: &Db) -> Result<Changes, DbError> {
    Ok(db.query(LIVE_TICKETS).await?.stream::<Notification<serde_json::Value>>(0)?)
}

async fn run(db: Db, sinks: Sinks, mut changes: Changes) {
    let mut pause = Duration::from_millis(500);
    loop {
        match follow(&db, &sinks, &mut changes).await {
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
        // Whatever was committed while no live query ran, the tally reads again and the pages
        // re-fetch.
        if let Err(error) = rebuild(&db, &sinks).await {
            tracing::error!(%error, "cannot rebuild the dashboard tally; it may be off until the next restart");
        }
        sinks.hub.publish(Payload::Resync);
    }
}

async fn follow(db: &Db, sinks: &Sinks, changes: &mut Changes) -> Result<(), DbError> {
    let mut order = Reorder::default();
    loop {
        let deadline = order.next_deadline();
        let wait = async move {
            match deadline {
                Some(at) => tokio::time::sleep_until(tokio::time::Instant::from_std(at)).await,
                None => std::future::pending().await,
            }
        };
        let notification = tokio::select! {
            notification = changes.next() => notification,
            () = wait => {
                for (change, facts) in order.expire(Instant::now()) {
                    pass_on(db, sinks, change, facts).await;
                }
                continue;
            }
        };
        let Some(notification) = notification else { return Ok(()) };
        let notification = notification?;
        match notification.action {
            Action::Create | Action::Update => match change_of(notification.data) {
                Some((change, facts)) => {
                    let (number, version) = (change.number.clone(), change.version);
                    for (change, facts) in order.push(&number, version, (change, facts), Instant::now()) {
                        pass_on(db, sinks, change, facts).await;
                    }
                }
                None => tracing::error!("a ticket change had an unexpected shape"),
            },
            Action::Killed => return Ok(()),
            _ => {}
        }
    }
}

/// Counts a change, then tells the pages.
async fn pass_on(db: &Db, sinks: &Sinks, change: TicketChange, facts: TallyFacts) {
    count(db, sinks, facts).await;
    sinks.hub.publish(Payload::Ticket(change));
}

/// Moves the tally for one change: reads the ticket back with its events unless the tally already
/// holds this version.
async fn count(db: &Db, sinks: &Sinks, facts: TallyFacts) {
    let number = facts.number.clone();
    let verdict = match sinks.tally.write() {
        Ok(mut tally) => tally.apply(facts, today(sinks.tz)),
        Err(poisoned) => poisoned.into_inner().apply(facts, today(sinks.tz)),
    };
    if verdict == Verdict::Confirm {
        match crate::db::tally::current(db, &number, sinks.tz).await {
            Ok(current) => match sinks.tally.write() {
                Ok(mut tally) => tally.apply_current(current, today(sinks.tz)),
                Err(poisoned) => poisoned.into_inner().apply_current(current, today(sinks.tz)),
            },
            Err(error) => {
                tracing::error!(%error, %number, "cannot read a ticket back for the dashboard tally")
            }
        }
    }
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

fn change_of(value: serde_json::Value) -> Option<(TicketChange, TallyFacts)> {
    let facts = crate::db::tally::facts_of(value.clone()).ok()?;
    let row: Row = serde_json::from_value(value).ok()?;
    let change = TicketChange {
        number: row.number,
        version: row.version,
        status: row.status,
        service_type: row.service_type,
        urgency: row.urgency,
        region: row.region,
        company: row.company,
        product_model: row.product_model,
        assignee: row.assignee.as_deref().and_then(username_of),
    };
    Some((change, facts))
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
