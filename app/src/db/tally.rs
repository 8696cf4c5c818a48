//! The reads that build and confirm the dashboard's [`Tally`]: once at start-up (and after the
//! live query restarts), and for single tickets the tally does not hold.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::json;

use super::{Db, DbError};
use crate::dashboard::tally::{OpenKey, Tally, TallyFacts};
use crate::domain::{ServiceType, TicketStatus, Urgency};

const FIELDS: &str = "number, version, status, service_type, urgency, region, product_line";

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
struct PlaceRow {
    number: String,
    region: String,
    product_line: Option<String>,
}

/// A tally of the database as it is at `now`: open tickets through the status index, today's
/// registrations through the creation-time index, today's closures from today's events (not
/// indexed: read here once, never per page).
pub async fn snapshot(db: &Db, now: DateTime<Utc>, tz: Tz) -> Result<Tally, DbError> {
    let local = now.with_timezone(&tz);
    let midnight = local.date_naive().and_hms_opt(0, 0, 0).unwrap_or_default();
    let today = midnight.and_local_timezone(tz).earliest().map_or(now, |t| t.with_timezone(&Utc));
    let open: Vec<&str> = TicketStatus::ALL.iter().filter(|s| s.is_open()).map(|s| s.as_str()).collect();
    let mut response = db
        .query(format!(
            "SELECT {FIELDS} FROM ticket WHERE status IN $open;
             SELECT number, region, product_line FROM ticket WHERE created_at >= <datetime>$today;
             SELECT ticket.number AS number, ticket.region AS region, ticket.product_line AS product_line
                FROM ticket_event WHERE at >= <datetime>$today AND to_status = 'closed' AND from_status != 'closed';"
        ))
        .bind(json!({ "open": open, "today": today.to_rfc3339() }))
        .await?
        .check()?;
    let rows = |values: Vec<serde_json::Value>| -> Result<Vec<PlaceRow>, serde_json::Error> {
        values.into_iter().map(serde_json::from_value).collect()
    };
    let open: Vec<serde_json::Value> = response.take(0)?;
    let open = open.into_iter().map(facts_of).collect::<Result<Vec<_>, _>>()?;
    let place = |r: PlaceRow| (r.number, (r.region, r.product_line.unwrap_or_default()));
    let registered = rows(response.take(1)?)?.into_iter().map(place).collect();
    let closed = rows(response.take(2)?)?.into_iter().map(place).collect();
    Ok(Tally::from_snapshot(open, registered, closed, local.date_naive()))
}

/// One ticket's facts as they are now (`None`: no such ticket).
pub async fn current(db: &Db, number: &str) -> Result<Option<TallyFacts>, DbError> {
    let rows: Vec<serde_json::Value> = db
        .query(format!("SELECT {FIELDS} FROM ticket WHERE number = $number"))
        .bind(("number", number.to_owned()))
        .await?
        .check()?
        .take(0)?;
    Ok(rows.into_iter().next().map(facts_of).transpose()?)
}
