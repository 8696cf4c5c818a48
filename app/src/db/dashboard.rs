//! The dashboard's reads. Counts, open tickets and the feed come from the tally kept current on
//! write (`dashboard::tally`); only the technicians and the calendar are read from the database,
//! so a render costs the same however many tickets and events there are.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{Db, DbError};
use crate::dashboard::summary::{summarize, technician_board};
use crate::dashboard::tally::SharedTally;
use crate::dashboard::{DashboardData, DashboardFilter};

/// How many feed entries the dashboard shows.
pub const FEED_LENGTH: usize = 15;

const TECHNICIANS: &str = "SELECT username, display_name FROM staff WHERE roles CONTAINS 'technician' AND disabled = false ORDER BY username";

/// The dashboard for `filter` at `now`, its counts from `tally`.
pub async fn load(
    db: &Db,
    tally: &SharedTally,
    filter: &DashboardFilter,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<DashboardData, DbError> {
    let local_now = now.with_timezone(&tz);
    let staff: Vec<serde_json::Value> = db.query(TECHNICIANS).await?.check()?.take(0)?;
    let technicians = staff
        .into_iter()
        .filter_map(|s| Some((s["username"].as_str()?.to_owned(), s["display_name"].as_str()?.to_owned())))
        .collect::<Vec<_>>();
    let (calendar, _) = super::calendar::load(db).await?;
    let tally = tally.read().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (counts, regions, product_lines) = summarize(&tally.buckets(), filter);
    let (registered_today, closed_today) = tally.today(local_now.date_naive(), filter);
    let jobs = tally.jobs(&crate::domain::workflow::WITH_TECHNICIAN);
    Ok(DashboardData {
        sla: crate::dashboard::sla::board(tally.sla_candidates(), filter, calendar, local_now.naive_local()),
        counts,
        registered_today,
        closed_today,
        technicians: technician_board(&technicians, &jobs, &local_now.format("%Y-%m-%d %H:%M").to_string()),
        feed: tally.feed(filter, FEED_LENGTH, tz),
        regions,
        product_lines,
    })
}
