//! Spare parts: the catalogue and stock, goods received, and requisitions — requested by a ticket's
//! worker, issued by the warehouse. Requesting and issuing are ticket writes (version checked, one
//! event, a request key); issuing books stock out in the same transaction and fails whole when any
//! part is short, so stock never goes below zero even when two issues race for the last unit.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::{Value, json};

use super::workflow::{StepWritten, applied};
use super::{Db, DbError, is_retryable};
use crate::domain::TicketStatus;
use crate::domain::parts::PartQuantity;
use crate::parts::{Catalogue, CataloguePart, Requisition, RequisitionStatus, Warehouse};
use crate::tickets::StepDone;

/// The stock record of `part` in `warehouse`.
pub fn stock_id(warehouse: &str, part: &str) -> String {
    format!("{warehouse}_{part}")
}

/// Warehouses and parts with their stock, by code.
pub async fn catalogue(db: &Db) -> Result<Catalogue, DbError> {
    let mut response = db
        .query("SELECT record::id(id) AS code, name FROM warehouse ORDER BY code")
        .query(
            "SELECT record::id(id) AS part_code, name, unit_price_fen,
                (SELECT record::id(warehouse) AS w, quantity FROM stock WHERE part = $parent.id ORDER BY w) AS stock
             FROM part ORDER BY part_code",
        )
        .await?
        .check()?;
    let warehouses: Vec<Value> = response.take(0)?;
    let parts: Vec<Value> = response.take(1)?;
    #[derive(Deserialize)]
    struct Held {
        w: String,
        quantity: i64,
    }
    #[derive(Deserialize)]
    struct PartRow {
        part_code: String,
        name: String,
        unit_price_fen: i64,
        stock: Vec<Held>,
    }
    Ok(Catalogue {
        warehouses: warehouses
            .into_iter()
            .map(serde_json::from_value::<Warehouse>)
            .collect::<Result<_, _>>()?,
        parts: parts
            .into_iter()
            .map(|v| {
                serde_json::from_value::<PartRow>(v).map(|p| CataloguePart {
                    part_code: p.part_code,
                    name: p.name,
                    unit_price_fen: p.unit_price_fen,
                    stock: p.stock.into_iter().map(|h| (h.w, h.quantity)).collect(),
                })
            })
            .collect::<Result<_, _>>()?,
    })
}

/// Books `quantity` of `part` into `warehouse`, adding the part to the catalogue first when `new_part`
/// (name, unit price in fen) is given. The caller checked the warehouse exists.
pub async fn receive(
    db: &Db,
    warehouse: &str,
    part: &str,
    new_part: Option<(&str, i64)>,
    quantity: u32,
) -> Result<(), DbError> {
    let vars = json!({
        "w": warehouse, "p": part, "id": stock_id(warehouse, part), "q": quantity,
        "name": new_part.map(|n| n.0), "price": new_part.map(|n| n.1),
    });
    db.query(
        "BEGIN TRANSACTION;
         IF $name { UPSERT type::record('part', $p) SET name = $name, unit_price_fen = $price RETURN NONE; };
         UPSERT type::record('stock', $id) SET warehouse = type::record('warehouse', $w),
             part = type::record('part', $p), quantity = (quantity ?? 0) + $q RETURN NONE;
         COMMIT TRANSACTION;",
    )
    .bind(vars)
    .await?
    .check()?;
    Ok(())
}

/// Adds a warehouse unless it exists (demo data and first-run setup).
pub async fn ensure_warehouse(db: &Db, code: &str, name: &str) -> Result<(), DbError> {
    db.query("UPSERT type::record('warehouse', $c) SET name = $n RETURN NONE")
        .bind(json!({ "c": code, "n": name }))
        .await?
        .check()?;
    Ok(())
}

#[derive(Deserialize)]
struct RequisitionRow {
    seq: u32,
    warehouse: String,
    lines: Vec<PartQuantity>,
    status: RequisitionStatus,
    requested_by: String,
    requested_at: DateTime<Utc>,
    issued_by: Option<String>,
    issued_at: Option<DateTime<Utc>>,
}

/// The requisitions of ticket `number`, in the order they were made.
pub async fn requisitions(db: &Db, number: &str, tz: Tz) -> Result<Vec<Requisition>, DbError> {
    let rows: Vec<Value> = db
        .query(
            "SELECT seq, record::id(warehouse) AS warehouse, lines, status, requested_by, requested_at, issued_by,
                issued_at FROM requisition WHERE ticket = type::record('ticket', $n) ORDER BY seq",
        )
        .bind(("n", number.to_owned()))
        .await?
        .check()?
        .take(0)?;
    let local = |t: DateTime<Utc>| t.with_timezone(&tz).fixed_offset();
    rows.into_iter()
        .map(|v| {
            serde_json::from_value::<RequisitionRow>(v).map(|r| Requisition {
                seq: r.seq,
                warehouse: r.warehouse,
                lines: r.lines,
                status: r.status,
                requested_by: r.requested_by,
                requested_at: local(r.requested_at),
                issued_by: r.issued_by,
                issued_at: r.issued_at.map(local),
            })
        })
        .collect::<Result<_, _>>()
        .map_err(DbError::from)
}

/// A checked requisition change on a ticket at the version the person saw.
#[derive(Debug, Clone)]
pub struct PartsWrite<'a> {
    pub number: &'a str,
    pub status: TicketStatus,
    pub version: u64,
    pub request_key: &'a str,
    pub actor_name: &'a str,
    pub actor_username: &'a str,
    pub now: DateTime<Utc>,
}

/// What became of a requisition write besides the usual outcomes.
#[derive(Debug, Clone, PartialEq)]
pub enum PartsWritten {
    Written(StepWritten),
    /// Issuing: the warehouse holds fewer of this part than asked (nothing was booked).
    Short {
        part_code: String,
    },
}

const TICKET_PROLOGUE: &str = "
BEGIN TRANSACTION;
LET $t = (SELECT status, version FROM type::record('ticket', $number))[0];
LET $ok = $t != NONE AND $t.version = $version AND $t.status = $status;
IF $ok {
    UPDATE type::record('ticket', $number) SET version = $version + 1, updated_at = <datetime>$now RETURN NONE;";

const TICKET_EPILOGUE: &str = "
    CREATE ticket_event CONTENT {
        ticket: type::record('ticket', $number), at: <datetime>$now, kind: 'record', record: $what,
        from_status: $status, to_status: $status, actor: $actor, actor_username: $actor_username,
        note: $note, version: $version + 1,
    } RETURN NONE;
    CREATE type::record('step_request', $key) CONTENT {
        ticket: type::record('ticket', $number), status: $status, version: $version + 1, at: <datetime>$now,
    } RETURN NONE;
};
RETURN IF $t = NONE { 'missing' } ELSE IF $ok { 'done' } ELSE { <string>$t.version };
COMMIT TRANSACTION;";

const REQUEST: &str = "
    CREATE requisition CONTENT {
        ticket: type::record('ticket', $number), seq: $seq, warehouse: type::record('warehouse', $warehouse),
        lines: $lines, status: 'requested', requested_by: $actor, requested_at: <datetime>$now,
    } RETURN NONE;";

const ISSUE: &str = "
    LET $r = (SELECT status FROM requisition WHERE ticket = type::record('ticket', $number) AND seq = $seq)[0];
    IF $r = NONE OR $r.status != 'requested' { THROW 'requisition_not_open' };
    IF !$cancel {
        FOR $l IN $lines {
            LET $held = (SELECT VALUE quantity FROM type::record('stock', $l.stock_id))[0];
            IF $held = NONE OR $held < $l.quantity { THROW string::concat('short:', $l.part_code) };
            UPDATE type::record('stock', $l.stock_id) SET quantity -= $l.quantity RETURN NONE;
        };
    };
    UPDATE requisition SET status = IF $cancel { 'cancelled' } ELSE { 'issued' }, issued_by = $actor,
        issued_at = <datetime>$now WHERE ticket = type::record('ticket', $number) AND seq = $seq RETURN NONE;";

/// Records requisition `seq` (the next number) of `lines` from `warehouse`.
pub async fn request(
    db: &Db,
    w: &PartsWrite<'_>,
    seq: u32,
    warehouse: &str,
    lines: &[PartQuantity],
) -> Result<PartsWritten, DbError> {
    let note =
        lines.iter().map(|l| format!("{} × {}", l.part_code, l.quantity)).collect::<Vec<_>>().join("，");
    let extra = json!({ "seq": seq, "warehouse": warehouse, "lines": lines, "what": "parts_requested", "note": note });
    run(db, w, REQUEST, extra).await
}

/// Issues (or cancels) open requisition `seq` whose `lines` come from `warehouse`.
pub async fn issue(
    db: &Db,
    w: &PartsWrite<'_>,
    seq: u32,
    warehouse: &str,
    lines: &[PartQuantity],
    cancel: bool,
) -> Result<PartsWritten, DbError> {
    let lines: Vec<Value> = lines
        .iter()
        .map(|l| json!({ "part_code": l.part_code, "quantity": l.quantity, "stock_id": stock_id(warehouse, &l.part_code) }))
        .collect();
    let what = if cancel { "parts_cancelled" } else { "parts_issued" };
    let extra =
        json!({ "seq": seq, "lines": lines, "cancel": cancel, "what": what, "note": format!("#{seq}") });
    run(db, w, ISSUE, extra).await
}

const ATTEMPTS: u32 = 5;

/// Runs a requisition write; a transaction that lost a race for the same stock is run again (it then
/// sees the stock the winner left), one that lost to another change of the ticket is stale.
async fn run(db: &Db, w: &PartsWrite<'_>, body: &str, extra: Value) -> Result<PartsWritten, DbError> {
    if let Some(done) = applied(db, w.number, w.request_key).await? {
        return Ok(PartsWritten::Written(StepWritten::Done(done)));
    }
    let mut vars = json!({
        "number": w.number, "status": w.status, "version": w.version, "key": w.request_key,
        "actor": w.actor_name, "actor_username": w.actor_username, "now": w.now.to_rfc3339(),
    });
    if let (Some(v), Some(e)) = (vars.as_object_mut(), extra.as_object()) {
        v.extend(e.clone());
    }
    let sql = format!("{TICKET_PROLOGUE}{body}{TICKET_EPILOGUE}");
    for attempt in 1..=ATTEMPTS {
        let mut response = db.query(sql.as_str()).bind(vars.clone()).await?;
        let errors = response.take_errors();
        let mut failures: Vec<&surrealdb::Error> =
            errors.values().filter(|e| !e.message().contains("not executed")).collect();
        if failures.is_empty() {
            return Ok(PartsWritten::Written(outcome(&mut response, w)));
        }
        // Each statement after the first failure fails too ("cannot commit…"): look at them all.
        if let Some(code) =
            failures.iter().find_map(|e| e.message().split("short:").nth(1).map(str::to_owned))
        {
            let part_code =
                code.chars().take_while(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c)).collect();
            return Ok(PartsWritten::Short { part_code });
        }
        if failures.iter().any(|e| e.message().contains("requisition_not_open")) {
            return Ok(PartsWritten::Written(StepWritten::Stale { current_version: w.version }));
        }
        if let Some(done) = applied(db, w.number, w.request_key).await? {
            return Ok(PartsWritten::Written(StepWritten::Done(done)));
        }
        failures.sort_by_key(|e| !is_retryable(e));
        let e = failures[0];
        if !is_retryable(e) || attempt == ATTEMPTS {
            return Err(DbError::Query(e.clone()));
        }
        tokio::time::sleep(std::time::Duration::from_millis(u64::from(attempt) * 5)).await;
    }
    Err(DbError::Contention(ATTEMPTS))
}

fn outcome(response: &mut surrealdb::IndexedResults, w: &PartsWrite<'_>) -> StepWritten {
    for index in (0..response.num_statements()).rev() {
        if let Ok(Some(outcome)) = response.take::<Option<String>>(index) {
            return match outcome.as_str() {
                "done" => StepWritten::Done(StepDone { status: w.status, version: w.version + 1 }),
                "missing" => StepWritten::Missing,
                current => StepWritten::Stale { current_version: current.parse().unwrap_or_default() },
            };
        }
    }
    StepWritten::Missing
}
