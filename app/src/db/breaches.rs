//! Missed deadlines: recorded once each, when the periodic scan first sees them.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::json;

use super::{Db, DbError};
use crate::domain::TicketNumber;
use crate::domain::sla::{ClockKind, WorkCalendar, clock_from_history, default_policies};

/// The numbers of every open ticket.
pub async fn open_tickets(db: &Db) -> Result<Vec<TicketNumber>, DbError> {
    let numbers: Vec<String> = db
        .query("SELECT VALUE number FROM ticket WHERE status NOT IN ['closed', 'cancelled']")
        .await?
        .check()?
        .take(0)?;
    Ok(numbers.into_iter().filter_map(|n| TicketNumber::parse(&n).ok()).collect())
}

fn local_to_utc(tz: Tz, t: NaiveDateTime) -> DateTime<Utc> {
    tz.from_local_datetime(&t).earliest().map_or_else(|| Utc.from_utc_datetime(&t), |l| l.with_timezone(&Utc))
}

/// Records the breach of `clock` (started at `started`, ran out at `at`, company-local) once; answers
/// whether it was new.
async fn record(
    db: &Db,
    number: &TicketNumber,
    clock: ClockKind,
    started: DateTime<Utc>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let kind = serde_json::to_value(clock)?.as_str().unwrap_or_default().to_owned();
    let id = format!("{number}_{kind}_{}", started.timestamp());
    let mut response = db
        .query(
            "CREATE type::record('sla_breach', $id) CONTENT { ticket: type::record('ticket', $n), clock: $kind,
             started: <datetime>$started, at: <datetime>$at, noticed_at: <datetime>$now } RETURN NONE",
        )
        .bind(json!({
            "id": id, "n": number.to_string(), "kind": kind, "started": started.to_rfc3339(),
            "at": at.to_rfc3339(), "now": now.to_rfc3339(),
        }))
        .await?;
    let errors = response.take_errors();
    match errors.values().next() {
        None => Ok(true),
        Some(e) if e.message().contains("already exists") => Ok(false),
        Some(e) => Err(DbError::Query(e.clone())),
    }
}

/// Looks at every open ticket's clocks at `now` and records each breach not recorded yet; returns how
/// many were new.
pub async fn scan(db: &Db, tz: Tz, calendar: &WorkCalendar, now: DateTime<Utc>) -> Result<usize, DbError> {
    let local_now = now.with_timezone(&tz).naive_local();
    let mut new = 0;
    for number in open_tickets(db).await? {
        let Some(detail) = super::tickets::get(db, &number, tz).await? else { continue };
        let t = &detail.ticket;
        let history = crate::tickets::status_history(&detail.events);
        for policy in default_policies(t.service_type, t.urgency, calendar.working_day(), t.outside_repairer)
        {
            let Some(clock) = clock_from_history(&policy, &history) else { continue };
            let Some(at) = clock.breached_at(calendar, local_now) else { continue };
            let started = local_to_utc(tz, clock.started);
            if record(db, &number, policy.kind, started, local_to_utc(tz, at), now).await? {
                tracing::warn!(%number, clock = ?policy.kind, "deadline missed");
                new += 1;
            }
        }
    }
    Ok(new)
}

#[derive(Deserialize)]
struct BreachRow {
    clock: ClockKind,
    at: DateTime<Utc>,
}

/// The breaches of one ticket, oldest first: `(clock, when the budget ran out)`.
pub async fn of_ticket(db: &Db, number: &TicketNumber) -> Result<Vec<(ClockKind, DateTime<Utc>)>, DbError> {
    let rows: Vec<serde_json::Value> = db
        .query("SELECT clock, at FROM sla_breach WHERE ticket = type::record('ticket', $n) ORDER BY at")
        .bind(("n", number.to_string()))
        .await?
        .check()?
        .take(0)?;
    rows.into_iter()
        .map(|v| serde_json::from_value::<BreachRow>(v).map(|r| (r.clock, r.at)))
        .collect::<Result<_, _>>()
        .map_err(DbError::from)
}
