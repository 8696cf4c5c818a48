//! The company calendar as administrators edit it.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::json;

use super::{Db, DbError, is_retryable};
use crate::domain::sla::WorkCalendar;

#[derive(Deserialize)]
struct Row {
    data: String,
    version: u64,
}

/// The calendar in force and its version; the shipped Chinese calendar (version 0) until one is saved.
pub async fn load(db: &Db) -> Result<(WorkCalendar, u64), DbError> {
    let rows: Vec<serde_json::Value> =
        db.query("SELECT data, version FROM work_calendar:company").await?.check()?.take(0)?;
    match rows.into_iter().next() {
        None => Ok((WorkCalendar::china_default(), 0)),
        Some(row) => {
            let row: Row = serde_json::from_value(row)?;
            Ok((serde_json::from_str(&row.data)?, row.version))
        }
    }
}

/// Saves `calendar` if the stored one is still at `version`; answers the new version, or `None` when
/// someone saved in between.
pub async fn save(
    db: &Db,
    calendar: &WorkCalendar,
    version: u64,
    by: &str,
    now: DateTime<Utc>,
) -> Result<Option<u64>, DbError> {
    let vars = json!({
        "data": serde_json::to_string(calendar)?, "version": version, "by": by, "now": now.to_rfc3339(),
    });
    let sql = if version == 0 {
        "CREATE work_calendar:company CONTENT { data: $data, version: 1, updated_at: <datetime>$now,
         updated_by: $by } RETURN VALUE version"
    } else {
        "UPDATE work_calendar:company SET data = $data, version = $version + 1, updated_at = <datetime>$now,
         updated_by = $by WHERE version = $version RETURN VALUE version"
    };
    let mut response = db.query(sql).bind(vars).await?;
    if let Some(e) = response.take_errors().into_values().next() {
        if is_retryable(&e) || e.message().contains("already exists") {
            return Ok(None);
        }
        return Err(DbError::Query(e));
    }
    let versions: Vec<i64> = response.take(0)?;
    Ok(versions.first().map(|v| (*v).max(0) as u64))
}
