//! Service records (warranty decision, quote, service report): read them for a ticket, and write one
//! together with the ticket's new version and its event, in one transaction, only if the ticket is
//! still at the version the person saw.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::json;

use super::workflow::{StepWritten, applied, run_versioned};
use super::{Db, DbError};
use crate::domain::TicketStatus;
use crate::service::{DepotRecord, Quote, ServiceRecord, ServiceReport, WarrantyRecord};
use crate::tickets::{FieldChange, StepDone};

/// Which record a write replaces, with its typed columns.
#[derive(Debug, Clone)]
pub enum RecordBody<'a> {
    Warranty(&'a WarrantyRecord),
    Quote(&'a Quote),
    Report(&'a ServiceReport),
    Depot(&'a DepotRecord),
}

/// A checked record write.
#[derive(Debug, Clone)]
pub struct RecordWrite<'a> {
    pub number: &'a str,
    /// The ticket's state when read: the write applies only if it is unchanged, like the version.
    pub status: TicketStatus,
    pub version: u64,
    pub request_key: &'a str,
    /// What the event says happened: `warranty`, `quote_proposed`, `report_filed`…
    pub what: &'static str,
    pub body: RecordBody<'a>,
    pub actor_name: &'a str,
    pub actor_username: &'a str,
    pub note: Option<&'a str>,
    pub changes: &'a [FieldChange],
    /// Stock bookings made with the record: `(stock record id, change)`; the schema refuses any
    /// that would take stock below zero, and with it the whole write.
    pub stock: &'a [(String, i64)],
    pub now: DateTime<Utc>,
}

const WRITE: &str = "
BEGIN TRANSACTION;
LET $t = (SELECT status, version FROM type::record('ticket', $number))[0];
LET $ok = $t != NONE AND $t.version = $version AND $t.status = $status;
IF $ok {
    UPDATE type::record('ticket', $number) SET version = $version + 1, updated_at = <datetime>$now,
        charge_class = IF $class { $class } ELSE { charge_class },
        outside_repairer = IF $outside != NULL { $outside } ELSE { outside_repairer }
        RETURN NONE;
    FOR $s IN $stock {
        UPDATE type::record('stock', $s[0]) SET quantity += $s[1] RETURN NONE;
    };
    UPSERT type::record($table, $number) CONTENT object::extend($row, {
        ticket: type::record('ticket', $number), at: <datetime>$now,
    }) RETURN NONE;
    CREATE ticket_event CONTENT {
        ticket: type::record('ticket', $number), at: <datetime>$now, kind: 'record', record: $what,
        from_status: $status, to_status: $status, actor: $actor, actor_username: $actor_username,
        note: $note ?? NONE, version: $version + 1, changes: IF array::len($changes) > 0 { $changes } ELSE { NONE },
    } RETURN NONE;
    CREATE type::record('step_request', $key) CONTENT {
        ticket: type::record('ticket', $number), status: $status, version: $version + 1, at: <datetime>$now,
    } RETURN NONE;
};
RETURN IF $t = NONE { 'missing' } ELSE IF $ok { 'done' } ELSE { <string>$t.version };
COMMIT TRANSACTION;
";

/// Writes a checked record (see module docs); a resent request answers as the first time.
pub async fn write(db: &Db, w: &RecordWrite<'_>) -> Result<StepWritten, DbError> {
    if let Some(done) = applied(db, w.number, w.request_key).await? {
        return Ok(StepWritten::Done(done));
    }
    let outside = match w.body {
        RecordBody::Depot(d) => Some(d.facts.repairer == crate::domain::service::depot::Repairer::Outside),
        _ => None,
    };
    let (table, class, row) = match w.body {
        RecordBody::Depot(d) => (
            "depot_record",
            None,
            json!({
                "repairer": d.facts.repairer, "outside_name": d.facts.outside_name, "tracking_in": d.facts.tracking_in,
                "tracking_back": d.facts.tracking_back, "data": serde_json::to_string(d)?,
            }),
        ),
        RecordBody::Warranty(r) => (
            "warranty_record",
            Some(r.decision.class),
            json!({ "class": r.decision.class, "data": serde_json::to_string(r)? }),
        ),
        RecordBody::Quote(q) => (
            "quote",
            None,
            json!({ "status": q.status, "total_fen": q.total_fen, "data": serde_json::to_string(q)? }),
        ),
        RecordBody::Report(r) => (
            "service_report",
            None,
            json!({
                "class": r.class, "charges_fen": r.charges_fen, "work_minutes": r.content.work_minutes,
                "parts_returned": r.parts_returned, "data": serde_json::to_string(r)?,
            }),
        ),
    };
    let mut row = row;
    if let Some(columns) = row.as_object_mut() {
        // Absent rather than null: optional columns take NONE.
        columns.retain(|_, v| !v.is_null());
    }
    let vars = json!({
        "number": w.number, "status": w.status, "version": w.version, "key": w.request_key,
        "table": table, "row": row, "class": class, "what": w.what, "actor": w.actor_name,
        "actor_username": w.actor_username, "note": w.note, "changes": w.changes, "now": w.now.to_rfc3339(),
        "stock": w.stock, "outside": outside,
    });
    let done = StepDone { status: w.status, version: w.version + 1 };
    run_versioned(db, WRITE, vars, w.number, w.request_key, done).await
}

#[derive(Deserialize)]
struct DataRow {
    data: String,
}

/// The records kept for ticket `number` (with `actions` left empty: they depend on who asks). Times
/// come back in `tz`.
pub async fn load(db: &Db, number: &str, tz: Tz) -> Result<ServiceRecord, DbError> {
    let mut response = db
        .query("SELECT data FROM type::record('warranty_record', $n)")
        .query("SELECT data FROM type::record('quote', $n)")
        .query("SELECT data FROM type::record('service_report', $n)")
        .query("SELECT data FROM type::record('depot_record', $n)")
        .bind(("n", number.to_owned()))
        .await?
        .check()?;
    let (warranty, quote, report): (Vec<serde_json::Value>, Vec<serde_json::Value>, Vec<serde_json::Value>) =
        (response.take(0)?, response.take(1)?, response.take(2)?);
    let depot: Vec<serde_json::Value> = response.take(3)?;
    let mut record = ServiceRecord {
        warranty: parse_data::<WarrantyRecord>(warranty)?,
        quote: parse_data::<Quote>(quote)?,
        report: parse_data::<ServiceReport>(report)?,
        depot: parse_data::<DepotRecord>(depot)?,
        actions: Vec::new(),
    };
    // Stored with the writer's offset; shown in the company's zone like every other time.
    let local = |r: &mut crate::service::Recorded| r.at = r.at.with_timezone(&tz).fixed_offset();
    if let Some(w) = record.warranty.as_mut() {
        local(&mut w.recorded);
    }
    if let Some(q) = record.quote.as_mut() {
        local(&mut q.proposed);
        q.answered.as_mut().map(local);
    }
    if let Some(r) = record.report.as_mut() {
        local(&mut r.filed);
    }
    if let Some(d) = record.depot.as_mut() {
        local(&mut d.recorded);
    }
    Ok(record)
}

/// The record in the first row of `rows`, if any: its `data` column parsed.
fn parse_data<T: serde::de::DeserializeOwned>(
    rows: Vec<serde_json::Value>,
) -> Result<Option<T>, serde_json::Error> {
    let Some(row) = rows.into_iter().next() else { return Ok(None) };
    let row: DataRow = serde_json::from_value(row)?;
    serde_json::from_str(&row.data).map(Some)
}
