//! Sessions, failed sign-ins and the security audit log.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::json;

use super::staff::Actor;
use super::{Db, DbError};
use crate::auth::{AuditAction, AuditEntry};
use crate::domain::Role;

/// A session joined with its account: what every request checks.
#[derive(Debug, Clone, Deserialize)]
pub struct SessionRow {
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub disabled: bool,
    pub must_change_password: bool,
}

/// Starts a session for `username` under the key `id` (the token's hash).
pub async fn create(
    db: &Db,
    id: &str,
    username: &str,
    address: &str,
    user_agent: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    db.query(
        "CREATE type::record('session', $id) CONTENT { staff: type::record('staff', $username),
         created_at: <datetime>$now, last_seen_at: <datetime>$now, address: $address,
         user_agent: $user_agent } RETURN NONE",
    )
    .bind(json!({
        "id": id, "username": username, "now": now.to_rfc3339(), "address": address,
        "user_agent": user_agent.chars().take(200).collect::<String>(),
    }))
    .await?
    .check()?;
    Ok(())
}

/// The session with key `id` and its account's current roles and state.
pub async fn find(db: &Db, id: &str) -> Result<Option<SessionRow>, DbError> {
    let rows: Vec<serde_json::Value> = db
        .query(
            "SELECT created_at, last_seen_at, staff.username AS username, staff.display_name AS display_name,
             staff.roles AS roles, staff.disabled AS disabled,
             staff.must_change_password AS must_change_password
             FROM type::record('session', $id) WHERE staff.username != NONE",
        )
        .bind(("id", id.to_owned()))
        .await?
        .check()?
        .take(0)?;
    rows.into_iter().next().map(serde_json::from_value).transpose().map_err(DbError::from)
}

/// Records the session's last use.
pub async fn touch(db: &Db, id: &str, now: DateTime<Utc>) -> Result<(), DbError> {
    db.query("UPDATE type::record('session', $id) SET last_seen_at = <datetime>$now RETURN NONE")
        .bind(json!({ "id": id, "now": now.to_rfc3339() }))
        .await?
        .check()?;
    Ok(())
}

/// Ends one session.
pub async fn delete(db: &Db, id: &str) -> Result<(), DbError> {
    db.query("DELETE type::record('session', $id)").bind(("id", id.to_owned())).await?.check()?;
    Ok(())
}

/// Ends every session of an account; returns how many there were.
pub async fn delete_all(db: &Db, username: &str) -> Result<usize, DbError> {
    let gone: Vec<serde_json::Value> = db
        .query("DELETE session WHERE staff = type::record('staff', $u) RETURN BEFORE")
        .bind(("u", username.to_owned()))
        .await?
        .check()?
        .take(0)?;
    Ok(gone.len())
}

/// How many live-or-stale sessions an account has (tests and the account page).
pub async fn count_for(db: &Db, username: &str) -> Result<usize, DbError> {
    let n: Option<i64> = db
        .query("RETURN count(SELECT VALUE id FROM session WHERE staff = type::record('staff', $u))")
        .bind(("u", username.to_owned()))
        .await?
        .check()?
        .take(0)?;
    Ok(n.unwrap_or(0).max(0) as usize)
}

/// Remembers a failed sign-in for throttling.
pub async fn record_failure(
    db: &Db,
    username: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    db.query("CREATE signin_failure CONTENT { username: $u, address: $a, at: <datetime>$now } RETURN NONE")
        .bind(json!({ "u": username, "a": address, "now": now.to_rfc3339() }))
        .await?
        .check()?;
    Ok(())
}

/// The times of failed sign-ins since `since`: for this account name, and from this address.
pub async fn failures_since(
    db: &Db,
    username: &str,
    address: &str,
    since: DateTime<Utc>,
) -> Result<(Vec<DateTime<Utc>>, Vec<DateTime<Utc>>), DbError> {
    let mut response = db
        .query("SELECT VALUE at FROM signin_failure WHERE username = $u AND at > <datetime>$since")
        .query("SELECT VALUE at FROM signin_failure WHERE address = $a AND at > <datetime>$since")
        .bind(json!({ "u": username, "a": address, "since": since.to_rfc3339() }))
        .await?
        .check()?;
    let by_account: Vec<serde_json::Value> = response.take(0)?;
    let by_address: Vec<serde_json::Value> = response.take(1)?;
    let times = |values: Vec<serde_json::Value>| -> Result<Vec<DateTime<Utc>>, serde_json::Error> {
        values.into_iter().map(serde_json::from_value).collect()
    };
    Ok((times(by_account)?, times(by_address)?))
}

/// Forgets an account's failures after a successful sign-in (the address's failures stay).
pub async fn clear_failures(db: &Db, username: &str) -> Result<(), DbError> {
    db.query("DELETE signin_failure WHERE username = $u").bind(("u", username.to_owned())).await?.check()?;
    Ok(())
}

/// Writes one audit entry on its own (sign-ins; account changes write theirs in their transaction).
pub async fn audit(
    db: &Db,
    actor: &Actor<'_>,
    action: AuditAction,
    target: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    db.query(
        "CREATE audit CONTENT { at: <datetime>$now, actor: $actor ?? NONE, action: $action,
         target: $target ?? NONE, address: $address } RETURN NONE",
    )
    .bind(json!({
        "now": now.to_rfc3339(), "actor": actor.username, "action": action, "target": target,
        "address": actor.address,
    }))
    .await?
    .check()?;
    Ok(())
}

#[derive(Deserialize)]
struct AuditRow {
    at: DateTime<Utc>,
    actor: Option<String>,
    action: AuditAction,
    target: Option<String>,
    address: String,
    detail: Option<String>,
}

/// The newest `limit` audit entries, newest first, times in `tz`.
pub async fn audit_log(db: &Db, limit: usize, tz: Tz) -> Result<Vec<AuditEntry>, DbError> {
    let rows: Vec<serde_json::Value> = db
        .query("SELECT at, actor, action, target, address, detail FROM audit ORDER BY at DESC LIMIT $limit")
        .bind(("limit", limit as i64))
        .await?
        .check()?
        .take(0)?;
    rows.into_iter()
        .map(|v| {
            serde_json::from_value::<AuditRow>(v).map(|r| AuditEntry {
                at: r.at.with_timezone(&tz).fixed_offset(),
                actor: r.actor,
                action: r.action,
                target: r.target,
                address: r.address,
                detail: r.detail,
            })
        })
        .collect::<Result<_, _>>()
        .map_err(DbError::from)
}
