//! The reads that build and move the dashboard's [`Tally`]: once at start-up (and after the live
//! query restarts), and one ticket with its events after each change.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::json;

use super::{Db, DbError};
use crate::dashboard::feed::{FEED_KEEP, FeedEntry};
use crate::dashboard::sla::SlaCandidate;
use crate::dashboard::tally::{OpenKey, Tally, TallyFacts, TicketNow};
use crate::domain::workflow::Step;
use crate::domain::{ServiceType, TicketStatus, Urgency};

/// A ticket with everything the boards and the feed read.
const NOW_FIELDS: &str = "number, version, status, service_type, urgency, region, product_line, company,
    outside_repairer, appointment, assignee.username AS tech, assignee.display_name AS technician";

/// A ticket's events as the boards and the feed read them. Always through `ticket = <record>` or
/// `ticket IN <records>`: a subquery on `$parent.id` is not planned on the index and scans every
/// event (0.6 s a ticket at 100,000 tickets).
const EVENT_FIELDS: &str = "ticket.number AS number, at, kind, to_status, actor, step, version";

#[derive(Deserialize)]
struct FactsRow {
    number: String,
    version: u64,
    status: TicketStatus,
    service_type: ServiceType,
    urgency: Urgency,
    region: String,
    product_line: Option<String>,
}

impl From<FactsRow> for TallyFacts {
    fn from(r: FactsRow) -> Self {
        TallyFacts {
            number: r.number,
            version: r.version,
            key: OpenKey {
                status: r.status,
                service_type: r.service_type,
                urgency: r.urgency,
                region: r.region,
                product_line: r.product_line.unwrap_or_default(),
            },
        }
    }
}

/// A ticket row (or live-query notification) with at least the tally's fields, as tally facts.
pub fn facts_of(row: serde_json::Value) -> Result<TallyFacts, serde_json::Error> {
    serde_json::from_value::<FactsRow>(row).map(TallyFacts::from)
}

#[derive(Deserialize)]
struct NowRow {
    #[serde(flatten)]
    facts: FactsRow,
    company: String,
    outside_repairer: Option<bool>,
    appointment: Option<String>,
    tech: Option<String>,
    technician: Option<String>,
}

#[derive(Deserialize)]
struct EventRow {
    number: String,
    at: DateTime<Utc>,
    kind: String,
    to_status: TicketStatus,
    actor: String,
    step: Option<Step>,
    version: u64,
}

/// A ticket row and its events (oldest first) as the tally holds them.
fn now_of(value: serde_json::Value, events: Vec<EventRow>, tz: Tz) -> Result<TicketNow, serde_json::Error> {
    let row: NowRow = serde_json::from_value(value)?;
    let facts = TallyFacts::from(row.facts);
    let key = &facts.key;
    let history = events
        .iter()
        .filter(|e| e.kind != "record")
        .map(|e| (e.at.with_timezone(&tz).naive_local(), e.to_status))
        .collect();
    let events = events
        .into_iter()
        .map(|e| FeedEntry {
            at: e.at,
            number: facts.number.clone(),
            version: e.version,
            company: row.company.clone(),
            region: key.region.clone(),
            product_line: key.product_line.clone(),
            urgency: key.urgency,
            actor: e.actor,
            step: e.step,
            to_status: e.to_status,
        })
        .collect();
    let sla = SlaCandidate {
        number: facts.number.clone(),
        company: row.company,
        status: key.status,
        urgency: key.urgency,
        service_type: key.service_type,
        outside_repairer: row.outside_repairer.unwrap_or(false),
        region: key.region.clone(),
        product_line: key.product_line.clone(),
        technician: row.technician,
        history,
    };
    Ok(TicketNow { facts, sla, assignee: row.tech, appointment: row.appointment, events })
}

#[derive(Deserialize)]
struct PlaceRow {
    number: String,
    region: String,
    product_line: Option<String>,
}

#[derive(Deserialize)]
struct FeedRow {
    at: DateTime<Utc>,
    number: String,
    version: u64,
    company: String,
    region: String,
    product_line: Option<String>,
    urgency: Urgency,
    actor: String,
    step: Option<Step>,
    to_status: TicketStatus,
}

impl From<FeedRow> for FeedEntry {
    fn from(r: FeedRow) -> Self {
        FeedEntry {
            at: r.at,
            number: r.number,
            version: r.version,
            company: r.company,
            region: r.region,
            product_line: r.product_line.unwrap_or_default(),
            urgency: r.urgency,
            actor: r.actor,
            step: r.step,
            to_status: r.to_status,
        }
    }
}

/// How far back the start-up read of the feed looks.
const FEED_DAYS: i64 = 7;

/// A tally of the database as it is at `now`: open tickets with their events through the status
/// and event indexes, today's registrations through the creation-time index; today's closures and
/// the newest week's events from the events themselves (not indexed: read here once, never per
/// page).
pub async fn snapshot(db: &Db, now: DateTime<Utc>, tz: Tz) -> Result<Tally, DbError> {
    let local = now.with_timezone(&tz);
    let midnight = local.date_naive().and_hms_opt(0, 0, 0).unwrap_or_default();
    let today = midnight.and_local_timezone(tz).earliest().map_or(now, |t| t.with_timezone(&Utc));
    let open: Vec<&str> = TicketStatus::ALL.iter().filter(|s| s.is_open()).map(|s| s.as_str()).collect();
    let mut response = db
        .query(format!(
            "SELECT {NOW_FIELDS} FROM ticket WHERE status IN $open;
             SELECT number, region, product_line FROM ticket WHERE created_at >= <datetime>$today;
             SELECT ticket.number AS number, ticket.region AS region, ticket.product_line AS product_line
                FROM ticket_event WHERE at >= <datetime>$today AND to_status = 'closed' AND from_status != 'closed';
             SELECT at, version, actor, step, to_status, ticket.number AS number, ticket.company AS company,
                ticket.region AS region, ticket.product_line AS product_line, ticket.urgency AS urgency
                FROM ticket_event WHERE at >= <datetime>$week_ago ORDER BY at DESC LIMIT $keep;"
        ))
        .bind(json!({
            "open": open,
            "today": today.to_rfc3339(),
            "week_ago": (now - chrono::Duration::days(FEED_DAYS)).to_rfc3339(),
            "keep": FEED_KEEP,
        }))
        .await?
        .check()?;
    let rows = |values: Vec<serde_json::Value>| -> Result<Vec<PlaceRow>, serde_json::Error> {
        values.into_iter().map(serde_json::from_value).collect()
    };
    let open: Vec<serde_json::Value> = response.take(0)?;
    // Typed record ids, bound: the one form of `IN` read through the index (a union of scans).
    let ids: Vec<surrealdb::types::RecordId> = open
        .iter()
        .filter_map(|row| row["number"].as_str())
        .map(|number| surrealdb::types::RecordId::new("ticket", number))
        .collect();
    let events: Vec<serde_json::Value> = db
        .query(format!("SELECT {EVENT_FIELDS} FROM ticket_event WHERE ticket IN $ids ORDER BY at"))
        .bind(("ids", ids))
        .await?
        .check()?
        .take(0)?;
    let mut events = events_by_ticket(events)?;
    let open = open
        .into_iter()
        .map(|row| {
            let mine = row["number"].as_str().and_then(|n| events.remove(n)).unwrap_or_default();
            now_of(row, mine, tz)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let place = |r: PlaceRow| (r.number, (r.region, r.product_line.unwrap_or_default()));
    let registered = rows(response.take(1)?)?.into_iter().map(place).collect();
    let closed = rows(response.take(2)?)?.into_iter().map(place).collect();
    let feed: Vec<serde_json::Value> = response.take(3)?;
    let feed = feed
        .into_iter()
        .map(|row| serde_json::from_value::<FeedRow>(row).map(FeedEntry::from))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Tally::from_snapshot(open, registered, closed, feed, local.date_naive()))
}

/// Event rows grouped by ticket number, each ticket's oldest first.
fn events_by_ticket(
    rows: Vec<serde_json::Value>,
) -> Result<HashMap<String, Vec<EventRow>>, serde_json::Error> {
    let mut by_ticket: HashMap<String, Vec<EventRow>> = HashMap::new();
    for row in rows {
        let event: EventRow = serde_json::from_value(row)?;
        by_ticket.entry(event.number.clone()).or_default().push(event);
    }
    Ok(by_ticket)
}

/// One ticket as it is now, with its events (`None`: no such ticket).
pub async fn current(db: &Db, number: &str, tz: Tz) -> Result<Option<TicketNow>, DbError> {
    let mut response = db
        .query(format!(
            "SELECT {NOW_FIELDS} FROM type::record('ticket', $number);
             SELECT {EVENT_FIELDS} FROM ticket_event WHERE ticket = type::record('ticket', $number) ORDER BY at;"
        ))
        .bind(("number", number.to_owned()))
        .await?
        .check()?;
    let rows: Vec<serde_json::Value> = response.take(0)?;
    let events: Vec<serde_json::Value> = response.take(1)?;
    let events = events.into_iter().map(serde_json::from_value).collect::<Result<Vec<EventRow>, _>>()?;
    Ok(rows.into_iter().next().map(|row| now_of(row, events, tz)).transpose()?)
}
