//! Staff account queries. Account changes and their audit entries are written in one transaction.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::json;

use super::{Db, DbError};
use crate::auth::{AuditAction, StaffAccount};
use crate::domain::Role;
use crate::domain::account::ValidUser;

/// A stored account, as sign-in and session checks need it.
#[derive(Debug, Clone, Deserialize)]
pub struct StaffRow {
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub roles: Vec<Role>,
    pub regions: Vec<String>,
    pub product_lines: Vec<String>,
    pub disabled: bool,
    pub must_change_password: bool,
    pub created_at: DateTime<Utc>,
    pub last_sign_in_at: Option<DateTime<Utc>>,
    pub version: u64,
}

impl StaffRow {
    /// The administrator's view of this account, times in `tz`.
    pub fn into_account(self, tz: Tz) -> StaffAccount {
        StaffAccount {
            username: self.username,
            display_name: self.display_name,
            roles: self.roles,
            regions: self.regions,
            product_lines: self.product_lines,
            disabled: self.disabled,
            must_change_password: self.must_change_password,
            created_at: self.created_at.with_timezone(&tz).fixed_offset(),
            last_sign_in_at: self.last_sign_in_at.map(|t| t.with_timezone(&tz).fixed_offset()),
            version: self.version,
        }
    }
}

/// Who did a change and from where, for the audit entry written with it.
#[derive(Debug, Clone)]
pub struct Actor<'a> {
    pub username: Option<&'a str>,
    pub address: &'a str,
}

/// The outcome of a write that states the version it read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    Done,
    NotFound,
    /// The account changed since it was read.
    Stale,
    /// Creating: the user name is taken.
    Taken,
}

const FIELDS: &str = "username, display_name, password_hash, roles, regions, product_lines, disabled, \
                      must_change_password, created_at, last_sign_in_at, version";

const AUDIT: &str = "CREATE audit CONTENT { at: <datetime>$now, actor: $actor ?? NONE, action: $action, \
                     target: $target ?? NONE, address: $address, detail: $detail ?? NONE } RETURN NONE;";

/// The account with this user name.
pub async fn find(db: &Db, username: &str) -> Result<Option<StaffRow>, DbError> {
    let rows: Vec<serde_json::Value> = db
        .query(format!("SELECT {FIELDS} FROM type::record('staff', $username)"))
        .bind(("username", username.to_owned()))
        .await?
        .check()?
        .take(0)?;
    rows.into_iter().next().map(serde_json::from_value).transpose().map_err(DbError::from)
}

/// Every account, by user name.
pub async fn list(db: &Db) -> Result<Vec<StaffRow>, DbError> {
    let rows: Vec<serde_json::Value> =
        db.query(format!("SELECT {FIELDS} FROM staff ORDER BY username")).await?.check()?.take(0)?;
    rows.into_iter().map(serde_json::from_value).collect::<Result<_, _>>().map_err(DbError::from)
}

/// How many accounts exist (the first-run check).
pub async fn count(db: &Db) -> Result<usize, DbError> {
    let n: Option<i64> = db.query("RETURN count(SELECT VALUE id FROM staff)").await?.check()?.take(0)?;
    Ok(n.unwrap_or(0).max(0) as usize)
}

fn audit_vars(
    actor: &Actor<'_>,
    action: AuditAction,
    target: &str,
    detail: Option<String>,
) -> serde_json::Value {
    json!({
        "actor": actor.username,
        "action": action,
        "target": target,
        "address": actor.address,
        "detail": detail,
    })
}

/// Runs `sql` (a transaction whose last statement returns the outcome word) with `vars`.
async fn run(db: &Db, sql: String, vars: serde_json::Value) -> Result<Written, DbError> {
    let mut response = db.query(sql).bind(vars).await?;
    let errors = response.take_errors();
    if let Some(e) = errors.values().find(|e| !e.message().contains("not executed")) {
        if e.message().contains("already contains") || e.message().contains("already exists") {
            return Ok(Written::Taken);
        }
        if super::is_retryable(e) {
            // A concurrent change to the same account won: the caller read an old version.
            return Ok(Written::Stale);
        }
        return Err(DbError::Query(e.clone()));
    }
    for index in (0..response.num_statements()).rev() {
        if let Ok(Some(outcome)) = response.take::<Option<String>>(index) {
            return Ok(match outcome.as_str() {
                "done" => Written::Done,
                "stale" => Written::Stale,
                _ => Written::NotFound,
            });
        }
    }
    Ok(Written::NotFound)
}

/// Creates an account with an already hashed password.
pub async fn create(
    db: &Db,
    user: &ValidUser,
    password_hash: &str,
    must_change_password: bool,
    now: DateTime<Utc>,
    actor: &Actor<'_>,
) -> Result<Written, DbError> {
    let roles: Vec<&str> = user.roles.iter().map(|r| r.as_str()).collect();
    let mut vars =
        audit_vars(actor, AuditAction::UserCreated, user.username.as_str(), Some(roles.join(", ")));
    vars["content"] = json!({
        "username": user.username.as_str(),
        "display_name": user.display_name,
        "password_hash": password_hash,
        "roles": roles,
        "regions": user.regions,
        "product_lines": user.product_lines,
        "must_change_password": must_change_password,
        "version": 1,
    });
    vars["now"] = json!(now.to_rfc3339());
    let sql = format!(
        "BEGIN TRANSACTION;
         CREATE type::record('staff', $target) CONTENT object::extend($content, {{
             created_at: <datetime>$now, updated_at: <datetime>$now }}) RETURN NONE;
         {AUDIT}
         RETURN 'done';
         COMMIT TRANSACTION;"
    );
    run(db, sql, vars).await
}

/// Replaces name, roles and areas if the account is still at `version`; records the change (as a role
/// change when the roles differ).
pub async fn update(
    db: &Db,
    username: &str,
    user: &ValidUser,
    version: u64,
    now: DateTime<Utc>,
    actor: &Actor<'_>,
    old_roles: &[Role],
) -> Result<Written, DbError> {
    let roles: Vec<&str> = user.roles.iter().map(|r| r.as_str()).collect();
    let (action, detail) = if old_roles == user.roles.as_slice() {
        (AuditAction::UserUpdated, None)
    } else {
        let old: Vec<&str> = old_roles.iter().map(|r| r.as_str()).collect();
        (AuditAction::RolesChanged, Some(format!("{} → {}", old.join(", "), roles.join(", "))))
    };
    let mut vars = audit_vars(actor, action, username, detail);
    vars["display_name"] = json!(user.display_name);
    vars["roles"] = json!(roles);
    vars["regions"] = json!(user.regions);
    vars["product_lines"] = json!(user.product_lines);
    guarded_write(
        db,
        vars,
        version,
        now,
        "display_name = $display_name, roles = $roles, regions = $regions, product_lines = $product_lines",
        "",
    )
    .await
}

/// Disables or enables an account at `version`. Disabling ends all its sessions in the same transaction.
pub async fn set_disabled(
    db: &Db,
    username: &str,
    disabled: bool,
    version: u64,
    now: DateTime<Utc>,
    actor: &Actor<'_>,
) -> Result<Written, DbError> {
    let action = if disabled { AuditAction::UserDisabled } else { AuditAction::UserEnabled };
    let mut vars = audit_vars(actor, action, username, None);
    vars["disabled"] = json!(disabled);
    let end_sessions =
        if disabled { "DELETE session WHERE staff = type::record('staff', $target);" } else { "" };
    guarded_write(db, vars, version, now, "disabled = $disabled", end_sessions).await
}

/// Stores a new password hash. `keep_session` (the hash of the session making the change) survives; every
/// other session of the account ends.
#[allow(clippy::too_many_arguments)]
pub async fn set_password(
    db: &Db,
    username: &str,
    password_hash: &str,
    must_change_password: bool,
    keep_session: Option<&str>,
    now: DateTime<Utc>,
    actor: &Actor<'_>,
    action: AuditAction,
) -> Result<Written, DbError> {
    let mut vars = audit_vars(actor, action, username, None);
    vars["password_hash"] = json!(password_hash);
    vars["must_change"] = json!(must_change_password);
    vars["keep"] = json!(keep_session.unwrap_or_default());
    let row = find(db, username).await?;
    let Some(row) = row else { return Ok(Written::NotFound) };
    guarded_write(
        db,
        vars,
        row.version,
        now,
        "password_hash = $password_hash, must_change_password = $must_change",
        "DELETE session WHERE staff = type::record('staff', $target) AND record::id(id) != $keep;",
    )
    .await
}

/// Records a successful sign-in's time.
pub async fn touch_sign_in(db: &Db, username: &str, now: DateTime<Utc>) -> Result<(), DbError> {
    db.query("UPDATE type::record('staff', $u) SET last_sign_in_at = <datetime>$now RETURN NONE")
        .bind(json!({ "u": username, "now": now.to_rfc3339() }))
        .await?
        .check()?;
    Ok(())
}

/// The compare-and-set every account change goes through: refuses when the stored version is not the one
/// the caller read; otherwise sets `assignments`, bumps the version, runs `also` and writes the audit entry.
async fn guarded_write(
    db: &Db,
    mut vars: serde_json::Value,
    version: u64,
    now: DateTime<Utc>,
    assignments: &str,
    also: &str,
) -> Result<Written, DbError> {
    vars["version"] = json!(version);
    vars["now"] = json!(now.to_rfc3339());
    let sql = format!(
        "BEGIN TRANSACTION;
         LET $row = (SELECT version FROM type::record('staff', $target))[0];
         LET $ok = $row != NONE AND $row.version = $version;
         IF $ok {{
             UPDATE type::record('staff', $target) SET {assignments}, updated_at = <datetime>$now,
                 version = $version + 1 RETURN NONE;
             {also}
             {AUDIT}
         }};
         RETURN IF $row = NONE {{ 'missing' }} ELSE IF $ok {{ 'done' }} ELSE {{ 'stale' }};
         COMMIT TRANSACTION;"
    );
    run(db, sql, vars).await
}

/// The enabled technicians, by name shown: whom a ticket can be dispatched to.
pub async fn technicians(db: &Db) -> Result<Vec<crate::tickets::StaffOption>, DbError> {
    options(db, "AND 'technician' IN roles").await
}

/// Every enabled account, by name shown: whom a review can name responsible for a missed deadline.
pub async fn people(db: &Db) -> Result<Vec<crate::tickets::StaffOption>, DbError> {
    options(db, "").await
}

async fn options(db: &Db, filter: &'static str) -> Result<Vec<crate::tickets::StaffOption>, DbError> {
    let rows: Vec<serde_json::Value> = db
        .query(format!(
            "SELECT username, display_name FROM staff WHERE disabled = false {filter} ORDER BY display_name"
        ))
        .await?
        .check()?
        .take(0)?;
    rows.into_iter().map(serde_json::from_value).collect::<Result<_, _>>().map_err(DbError::from)
}

/// Every active technician as dispatch sees them: regions, product lines, open jobs (dispatched and not
/// yet resolved) and appointments on `day` (company-local).
pub async fn candidates(
    db: &Db,
    day: chrono::NaiveDate,
) -> Result<Vec<crate::domain::dispatch::Candidate>, DbError> {
    use crate::domain::TicketStatus::*;
    let working = [Dispatched, Scheduled, EnRoute, InProgress, WaitingParts, WaitingCustomer];
    let mut response = db
        .query(
            "SELECT username, display_name, regions, product_lines FROM staff \
             WHERE disabled = false AND 'technician' IN roles ORDER BY username",
        )
        .query(
            "SELECT assignee.username AS who, count() AS n, \
             math::sum(IF appointment != NONE AND string::starts_with(appointment, $day) { 1 } ELSE { 0 }) AS booked \
             FROM ticket WHERE assignee != NONE AND status IN $working GROUP BY who",
        )
        .bind(serde_json::json!({ "day": day.format("%Y-%m-%d").to_string(), "working": working }))
        .await?
        .check()?;
    #[derive(serde::Deserialize)]
    struct Tech {
        username: String,
        display_name: String,
        regions: Vec<String>,
        product_lines: Vec<String>,
    }
    #[derive(serde::Deserialize)]
    struct Load {
        who: Option<String>,
        n: u32,
        booked: u32,
    }
    let techs: Vec<serde_json::Value> = response.take(0)?;
    let loads: Vec<serde_json::Value> = response.take(1)?;
    let loads: Vec<Load> = loads.into_iter().map(serde_json::from_value).collect::<Result<_, _>>()?;
    techs
        .into_iter()
        .map(|t| {
            let t: Tech = serde_json::from_value(t)?;
            let load = loads.iter().find(|l| l.who.as_deref() == Some(t.username.as_str()));
            Ok(crate::domain::dispatch::Candidate {
                open_jobs: load.map_or(0, |l| l.n),
                appointments_that_day: load.map_or(0, |l| l.booked),
                username: t.username,
                display_name: t.display_name,
                regions: t.regions,
                product_lines: t.product_lines,
            })
        })
        .collect::<Result<_, serde_json::Error>>()
        .map_err(DbError::from)
}
