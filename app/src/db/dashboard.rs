//! The dashboard's reads. Counts come from the tally kept current on write (`dashboard::tally`);
//! the technicians' board and the SLA board read open tickets through the status index (however
//! many closed ones there are); the feed reads the events of a time window (not indexed: see
//! migration 0009).

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::json;

use super::{Db, DbError};
use crate::dashboard::sla::SlaCandidate;
use crate::dashboard::summary::{OpenJob, summarize, technician_board};
use crate::dashboard::tally::SharedTally;
use crate::dashboard::{DashboardData, DashboardFilter, FeedItem};
use crate::domain::workflow::Step;
use crate::domain::{TicketStatus, Urgency};

/// How many feed entries the dashboard shows.
pub const FEED_LENGTH: usize = 15;

const QUERIES: &str = "
SELECT number, status, company, appointment, assignee.username AS tech FROM ticket
    WHERE status IN $with_technician AND assignee != NONE;
SELECT username, display_name FROM staff WHERE roles CONTAINS 'technician' AND disabled = false ORDER BY username;
";

/// The states in which a job is a technician's to work.
const WITH_TECHNICIAN: [TicketStatus; 6] = [
    TicketStatus::Dispatched,
    TicketStatus::Scheduled,
    TicketStatus::EnRoute,
    TicketStatus::InProgress,
    TicketStatus::WaitingParts,
    TicketStatus::WaitingCustomer,
];

/// Feed entries newer than this are read first; an older feed is read only if they are too few.
const RECENT: [i64; 2] = [6, 24 * 7];

#[derive(Deserialize)]
struct FeedRow {
    at: DateTime<Utc>,
    number: String,
    company: String,
    region: String,
    product_line: Option<String>,
    actor: String,
    step: Option<Step>,
    to_status: TicketStatus,
    urgency: Urgency,
}

/// The dashboard for `filter` at `now`, its counts from `tally`.
pub async fn load(
    db: &Db,
    tally: &SharedTally,
    filter: &DashboardFilter,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<DashboardData, DbError> {
    let local_now = now.with_timezone(&tz);
    let with_technician = WITH_TECHNICIAN.map(TicketStatus::as_str);
    let mut response =
        db.query(QUERIES).bind(json!({ "with_technician": with_technician })).await?.check()?;
    let (buckets, (registered_today, closed_today)) = {
        let tally = tally.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        (tally.buckets(), tally.today(local_now.date_naive(), filter))
    };
    let jobs: Vec<serde_json::Value> = response.take(0)?;
    let jobs: Vec<OpenJob> = jobs.into_iter().map(serde_json::from_value).collect::<Result<_, _>>()?;
    let staff: Vec<serde_json::Value> = response.take(1)?;
    let technicians = staff
        .into_iter()
        .filter_map(|s| Some((s["username"].as_str()?.to_owned(), s["display_name"].as_str()?.to_owned())))
        .collect::<Vec<_>>();
    let (counts, regions, product_lines) = summarize(&buckets, filter);
    let (calendar, _) = super::calendar::load(db).await?;
    let candidates = sla_candidates(db, tz).await?;
    Ok(DashboardData {
        sla: crate::dashboard::sla::board(candidates, filter, calendar, local_now.naive_local()),
        counts,
        registered_today,
        closed_today,
        technicians: technician_board(&technicians, &jobs, &local_now.format("%Y-%m-%d %H:%M").to_string()),
        feed: feed(db, filter, now, tz).await?,
        regions,
        product_lines,
    })
}

async fn feed(
    db: &Db,
    filter: &DashboardFilter,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<Vec<FeedItem>, DbError> {
    let mut items = Vec::new();
    for hours in RECENT {
        let rows: Vec<serde_json::Value> = db
            .query(
                "SELECT at, actor, step, to_status, ticket.number AS number, ticket.company AS company, \
                 ticket.region AS region, ticket.product_line AS product_line, ticket.urgency AS urgency \
                 FROM ticket_event WHERE at >= <datetime>$since ORDER BY at DESC LIMIT 200",
            )
            .bind(json!({ "since": (now - Duration::hours(hours)).to_rfc3339() }))
            .await?
            .check()?
            .take(0)?;
        items = rows
            .into_iter()
            .map(serde_json::from_value::<FeedRow>)
            .filter(|row| {
                row.as_ref()
                    .map_or(true, |r| filter.admits(&r.region, r.product_line.as_deref().unwrap_or_default()))
            })
            .take(FEED_LENGTH)
            .map(|row| {
                row.map(|r| FeedItem {
                    at: r.at.with_timezone(&tz).fixed_offset(),
                    number: r.number,
                    company: r.company,
                    actor: r.actor,
                    step: r.step,
                    to_status: r.to_status,
                    urgency: r.urgency,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if items.len() >= FEED_LENGTH {
            break;
        }
    }
    Ok(items)
}

#[derive(Deserialize)]
struct CandidateRow {
    number: String,
    company: String,
    status: TicketStatus,
    urgency: Urgency,
    service_type: crate::domain::ServiceType,
    outside_repairer: Option<bool>,
    region: String,
    product_line: Option<String>,
    technician: Option<String>,
    history: Vec<HistoryRow>,
}

#[derive(Deserialize)]
struct HistoryRow {
    at: DateTime<Utc>,
    to_status: TicketStatus,
}

/// Every open ticket with its history of states: what the SLA board's clocks are read from. Bounded
/// by open work (the status index), however much is archived.
async fn sla_candidates(db: &Db, tz: Tz) -> Result<Vec<SlaCandidate>, DbError> {
    let open: Vec<&str> = TicketStatus::ALL.iter().filter(|s| s.is_open()).map(|s| s.as_str()).collect();
    let rows: Vec<serde_json::Value> = db
        .query(
            "SELECT number, company, status, urgency, service_type, outside_repairer, region, product_line,
                assignee.display_name AS technician,
                (SELECT at, to_status FROM ticket_event WHERE ticket = $parent.id AND kind != 'record'
                    ORDER BY at) AS history
             FROM ticket WHERE status IN $open",
        )
        .bind(json!({ "open": open }))
        .await?
        .check()?
        .take(0)?;
    let mut candidates = Vec::with_capacity(rows.len());
    for row in rows {
        let r: CandidateRow = serde_json::from_value(row)?;
        candidates.push(SlaCandidate {
            number: r.number,
            company: r.company,
            status: r.status,
            urgency: r.urgency,
            service_type: r.service_type,
            outside_repairer: r.outside_repairer.unwrap_or(false),
            region: r.region,
            product_line: r.product_line.unwrap_or_default(),
            technician: r.technician,
            history: r.history.iter().map(|h| (h.at.with_timezone(&tz).naive_local(), h.to_status)).collect(),
        });
    }
    Ok(candidates)
}
