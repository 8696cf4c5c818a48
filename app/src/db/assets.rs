//! Product units: register and edit (versioned), find by serial number, list, and the tickets of a unit.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{Db, DbError};
use crate::assets::{Asset, AssetVisit};
use crate::domain::asset::AssetFacts;
use crate::domain::repeat::FaultCategory;
use crate::domain::{ServiceType, TicketStatus};

#[derive(Deserialize)]
struct AssetRow {
    #[serde(flatten)]
    facts: AssetFacts,
    version: u64,
    updated_at: DateTime<Utc>,
}

const FIELDS: &str = "serial_number, product_model, company, contact_name, phone, region, location, ship_date, \
                      purchase_date, warranty_months, contract_until, seal_intact, version, updated_at";

fn into_asset(row: AssetRow, tz: Tz) -> Asset {
    Asset {
        facts: row.facts,
        version: row.version,
        updated_at: row.updated_at.with_timezone(&tz).fixed_offset(),
    }
}

/// The unit with this (normalised) serial number.
pub async fn get(db: &Db, serial: &str, tz: Tz) -> Result<Option<Asset>, DbError> {
    let rows: Vec<Value> = db
        .query(format!("SELECT {FIELDS} FROM type::record('asset', $serial)"))
        .bind(("serial", serial.to_owned()))
        .await?
        .check()?
        .take(0)?;
    let row = rows.into_iter().next().map(serde_json::from_value::<AssetRow>).transpose()?;
    Ok(row.map(|r| into_asset(r, tz)))
}

/// Units whose serial, model or company contains `query` (any case), most recently changed first.
pub async fn search(db: &Db, query: &str, tz: Tz, limit: usize) -> Result<Vec<Asset>, DbError> {
    let rows: Vec<Value> = db
        .query(format!(
            "SELECT {FIELDS} FROM asset WHERE $q = '' OR string::contains(search_text, $q) \
             ORDER BY updated_at DESC LIMIT $limit"
        ))
        .bind(json!({ "q": query.trim().to_lowercase(), "limit": limit }))
        .await?
        .check()?
        .take(0)?;
    rows.into_iter()
        .map(|v| serde_json::from_value::<AssetRow>(v).map(|r| into_asset(r, tz)))
        .collect::<Result<_, _>>()
        .map_err(DbError::from)
}

/// What became of a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssetSaved {
    Saved {
        version: u64,
    },
    /// Registering: the serial number is already registered.
    Taken,
    /// Editing: someone saved the unit since (or it is gone).
    Stale,
}

const SAVE: &str = "
BEGIN TRANSACTION;
LET $row = (SELECT version, created_at FROM type::record('asset', $serial))[0];
LET $ok = ($creating AND $row = NONE) OR (!$creating AND $row != NONE AND $row.version = $expected);
LET $version = IF $creating { 1 } ELSE { $expected + 1 };
IF $ok {
    UPSERT type::record('asset', $serial) CONTENT object::extend($content, {
        search_text: $search, created_at: $row.created_at ?? <datetime>$now, updated_at: <datetime>$now,
        version: $version,
    }) RETURN NONE;
};
RETURN IF $ok { <string>$version } ELSE IF $creating { 'taken' } ELSE { 'stale' };
COMMIT TRANSACTION;
";

/// Registers `facts` as a new unit (`expected` = `None`) or replaces the unit at version `expected`.
pub async fn save(
    db: &Db,
    facts: &AssetFacts,
    expected: Option<u64>,
    now: DateTime<Utc>,
) -> Result<AssetSaved, DbError> {
    let mut content = serde_json::to_value(facts)?;
    if let Some(object) = content.as_object_mut() {
        // Absent rather than null: the schema's optional fields take NONE.
        object.retain(|_, v| !v.is_null());
    }
    let search =
        [facts.serial_number.as_str(), &facts.product_model, &facts.company].join(" ").to_lowercase();
    let vars = json!({
        "serial": facts.serial_number.as_str(), "content": content, "creating": expected.is_none(),
        "expected": expected.unwrap_or_default(), "search": search,
        "now": now.to_rfc3339(),
    });
    let mut response = db.query(SAVE).bind(vars).await?;
    let errors = response.take_errors();
    if let Some(e) = errors.values().find(|e| !e.message().contains("not executed")) {
        if super::is_retryable(e) {
            return Ok(AssetSaved::Stale);
        }
        return Err(DbError::Query(e.clone()));
    }
    for index in (0..response.num_statements()).rev() {
        if let Ok(Some(outcome)) = response.take::<Option<String>>(index) {
            return Ok(match outcome.as_str() {
                "taken" => AssetSaved::Taken,
                "stale" => AssetSaved::Stale,
                version => AssetSaved::Saved { version: version.parse().unwrap_or_default() },
            });
        }
    }
    Ok(AssetSaved::Stale)
}

#[derive(Deserialize)]
struct VisitRow {
    number: String,
    status: TicketStatus,
    service_type: ServiceType,
    fault_category: Option<FaultCategory>,
    repeat_of: Option<String>,
    created_at: DateTime<Utc>,
}

/// The tickets registered for serial number `serial`, newest first (at most 200).
pub async fn visits(db: &Db, serial: &str, tz: Tz) -> Result<Vec<AssetVisit>, DbError> {
    let rows: Vec<Value> = db
        .query(
            "SELECT number, status, service_type, fault_category, repeat_of, created_at FROM ticket
             WHERE serial_number = $serial ORDER BY created_at DESC LIMIT 200",
        )
        .bind(("serial", serial.to_owned()))
        .await?
        .check()?
        .take(0)?;
    rows.into_iter()
        .map(|v| {
            serde_json::from_value::<VisitRow>(v).map(|r| AssetVisit {
                number: r.number,
                status: r.status,
                service_type: r.service_type,
                fault_category: r.fault_category,
                repeat_of: r.repeat_of,
                created_at: r.created_at.with_timezone(&tz).fixed_offset(),
            })
        })
        .collect::<Result<_, _>>()
        .map_err(DbError::from)
}
