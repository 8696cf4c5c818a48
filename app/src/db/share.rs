//! Customer links: create and revoke them (each with an event in the ticket's audit trail and a new
//! ticket version, so open pages see it), list a ticket's links, and open one by its token's hash.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::json;

use super::workflow::{StepWritten, run_versioned};
use super::{Db, DbError};
use crate::domain::TicketStatus;
use crate::domain::share::LinkState;
use crate::share::ShareLink;
use crate::tickets::StepDone;

/// Who does something to a link, and when.
#[derive(Debug, Clone)]
pub struct LinkActor<'a> {
    pub name: &'a str,
    pub username: &'a str,
    pub now: DateTime<Utc>,
}

/// A link to be created: the token's hash (the record id), its public key and its expiry.
#[derive(Debug, Clone)]
pub struct NewLink<'a> {
    pub number: &'a str,
    pub hash: &'a str,
    pub key: &'a str,
    pub expires_at: DateTime<Utc>,
}

/// What became of a create or revoke.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkWritten {
    Done,
    /// No such ticket (create) or no such active link on it (revoke).
    Missing,
}

const CREATE: &str = "
BEGIN TRANSACTION;
LET $t = (SELECT status, version FROM type::record('ticket', $number))[0];
LET $ok = $t != NONE AND $t.version = $version AND $t.status = $status;
IF $ok {
    UPDATE type::record('ticket', $number) SET version = $version + 1, updated_at = <datetime>$now RETURN NONE;
    CREATE type::record('share_link', $hash) CONTENT {
        ticket: type::record('ticket', $number), key: $link_key, created_by: $actor,
        created_by_username: $actor_username, created_at: <datetime>$now, expires_at: <datetime>$expires,
    } RETURN NONE;";

const REVOKE: &str = "
BEGIN TRANSACTION;
LET $t = (SELECT status, version FROM type::record('ticket', $number))[0];
LET $link = (SELECT id FROM share_link WHERE ticket = type::record('ticket', $number) AND key = $link_key
    AND revoked_at = NONE)[0];
LET $ok = $t != NONE AND $link != NONE AND $t.version = $version AND $t.status = $status;
IF $ok {
    UPDATE type::record('ticket', $number) SET version = $version + 1, updated_at = <datetime>$now RETURN NONE;
    UPDATE $link.id SET revoked_at = <datetime>$now, revoked_by = $actor RETURN NONE;";

const EPILOGUE: &str = "
    CREATE ticket_event CONTENT {
        ticket: type::record('ticket', $number), at: <datetime>$now, kind: 'record', record: $what,
        from_status: $status, to_status: $status, actor: $actor, actor_username: $actor_username,
        note: $note ?? NONE, version: $version + 1,
    } RETURN NONE;
    CREATE type::record('step_request', $key) CONTENT {
        ticket: type::record('ticket', $number), status: $status, version: $version + 1, at: <datetime>$now,
    } RETURN NONE;
};
RETURN IF $t = NONE { 'missing' } ELSE IF $ok { 'done' } ELSE IF $t.version != $version { <string>$t.version }
    ELSE { 'missing' };
COMMIT TRANSACTION;";

const MESSAGE: &str = "
BEGIN TRANSACTION;
LET $t = (SELECT status, version FROM type::record('ticket', $number))[0];
LET $ok = $t != NONE AND $t.version = $version AND $t.status = $status;
IF $ok {
    UPDATE type::record('ticket', $number) SET version = $version + 1, updated_at = <datetime>$now RETURN NONE;";

const SURVEY: &str = "
BEGIN TRANSACTION;
LET $t = (SELECT status, version, survey_score FROM type::record('ticket', $number))[0];
LET $ok = $t != NONE AND $t.version = $version AND $t.status = $status AND $t.survey_score = NONE;
IF $ok {
    UPDATE type::record('ticket', $number) SET version = $version + 1, updated_at = <datetime>$now,
        survey_score = $score, survey_comment = $note ?? NONE, survey_at = <datetime>$now RETURN NONE;";

const PHOTO: &str = "
BEGIN TRANSACTION;
LET $t = (SELECT status, version FROM type::record('ticket', $number))[0];
LET $ok = $t != NONE AND $t.version = $version AND $t.status = $status;
IF $ok {
    UPDATE type::record('ticket', $number) SET version = $version + 1, updated_at = <datetime>$now RETURN NONE;
    CREATE type::record('ticket_photo', $note) CONTENT {
        ticket: type::record('ticket', $number), file: $note, bytes: $bytes, source: $source, stage: $stage,
        at: <datetime>$now,
    } RETURN NONE;";

static PHOTO_SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();

fn photo_sql() -> &'static String {
    PHOTO_SQL.get_or_init(|| format!("{PHOTO}{EPILOGUE}"))
}

/// Records a photo a technician took on site (already stored as `file`) with its event
/// (`photo_fault` / `photo_repair`); `request_key` makes a resend apply once. A photo does not
/// depend on the ticket's state, so it goes in at whatever version the ticket has reached.
pub async fn staff_photo(
    db: &Db,
    number: &str,
    file: &str,
    bytes: u64,
    stage: crate::domain::photo::PhotoStage,
    request_key: &str,
    by: &LinkActor<'_>,
) -> Result<LinkWritten, DbError> {
    let vars = json!({ "note": file, "bytes": bytes, "source": "staff", "stage": stage.as_str() });
    write(db, photo_sql(), number, stage.record(), vars, by, Some(request_key)).await
}

/// What a customer does through their link, besides answering a quote (a service record).
#[derive(Debug, Clone, Copy)]
pub enum CustomerAction<'a> {
    /// A message for the desk.
    Message(&'a str),
    /// The satisfaction survey: once per ticket.
    Survey { score: u8, comment: Option<&'a str> },
    /// A photo already stored under the data directory as `file`.
    Photo { file: &'a str, bytes: u64 },
}

/// Records a customer's action on ticket `number` with its event; `request_key` (from the form)
/// makes a resent form apply once. `Missing`: no such ticket, or the survey was already answered.
pub async fn customer_action(
    db: &Db,
    number: &str,
    action: CustomerAction<'_>,
    request_key: &str,
    by: &LinkActor<'_>,
) -> Result<LinkWritten, DbError> {
    static MESSAGE_SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    static SURVEY_SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let (sql, what, vars) = match action {
        CustomerAction::Message(text) => (
            MESSAGE_SQL.get_or_init(|| format!("{MESSAGE}{EPILOGUE}")),
            "customer_message",
            json!({ "note": text }),
        ),
        CustomerAction::Survey { score, comment } => (
            SURVEY_SQL.get_or_init(|| format!("{SURVEY}{EPILOGUE}")),
            "survey_answered",
            json!({ "score": score, "note": comment }),
        ),
        CustomerAction::Photo { file, bytes } => (
            photo_sql(),
            "customer_photo",
            // No stage: unbound, it is NONE.
            json!({ "note": file, "bytes": bytes, "source": "customer" }),
        ),
    };
    write(db, sql, number, what, vars, by, Some(request_key)).await
}

/// Stores a new link for its ticket.
pub async fn create(db: &Db, link: &NewLink<'_>, by: &LinkActor<'_>) -> Result<LinkWritten, DbError> {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let sql = SQL.get_or_init(|| format!("{CREATE}{EPILOGUE}"));
    let vars = json!({ "hash": link.hash, "link_key": link.key, "expires": link.expires_at.to_rfc3339() });
    write(db, sql, link.number, "share_created", vars, by, None).await
}

/// Revokes the active link `key` of ticket `number`.
pub async fn revoke(db: &Db, number: &str, key: &str, by: &LinkActor<'_>) -> Result<LinkWritten, DbError> {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let sql = SQL.get_or_init(|| format!("{REVOKE}{EPILOGUE}"));
    write(db, sql, number, "share_revoked", json!({ "link_key": key }), by, None).await
}

/// Runs a write at the ticket's current version; a step someone takes meanwhile makes it try again
/// (links and customer messages do not depend on the ticket's state, so nothing anyone saw is
/// overruled). Without a `request_key` the server makes one.
async fn write(
    db: &Db,
    sql: &'static str,
    number: &str,
    what: &str,
    extra: serde_json::Value,
    by: &LinkActor<'_>,
    request_key: Option<&str>,
) -> Result<LinkWritten, DbError> {
    const ATTEMPTS: u32 = 5;
    for _ in 0..ATTEMPTS {
        let current: Vec<serde_json::Value> = db
            .query("SELECT status, version FROM type::record('ticket', $n)")
            .bind(("n", number.to_owned()))
            .await?
            .check()?
            .take(0)?;
        let Some(row) = current.into_iter().next() else { return Ok(LinkWritten::Missing) };
        let now: StatusVersion = serde_json::from_value(row)?;
        let key = request_key.map_or_else(crate::auth::token::new_nonce, str::to_owned);
        let mut vars = json!({
            "number": number, "status": now.status, "version": now.version, "key": key, "what": what,
            "actor": by.name, "actor_username": by.username, "now": by.now.to_rfc3339(),
        });
        if let (Some(vars), serde_json::Value::Object(extra)) = (vars.as_object_mut(), extra.clone()) {
            vars.extend(extra);
        }
        let done = StepDone { status: now.status, version: now.version + 1 };
        match run_versioned(db, sql, vars, number, &key, done).await? {
            StepWritten::Done(_) => return Ok(LinkWritten::Done),
            StepWritten::Missing => return Ok(LinkWritten::Missing),
            StepWritten::Stale { .. } => continue,
        }
    }
    Err(DbError::Contention(ATTEMPTS))
}

#[derive(Deserialize)]
struct StatusVersion {
    status: TicketStatus,
    version: u64,
}

#[derive(Deserialize)]
struct LinkRow {
    key: String,
    created_by: String,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
    revoked_by: Option<String>,
    last_opened_at: Option<DateTime<Utc>>,
}

/// Every link of ticket `number`, newest first, with its state at `now`.
pub async fn list(
    db: &Db,
    number: &str,
    now: DateTime<Utc>,
    tz: chrono_tz::Tz,
) -> Result<Vec<ShareLink>, DbError> {
    let rows: Vec<serde_json::Value> = db
        .query(
            "SELECT key, created_by, created_at, expires_at, revoked_at, revoked_by, last_opened_at \
                FROM share_link WHERE ticket = type::record('ticket', $n) ORDER BY created_at DESC",
        )
        .bind(("n", number.to_owned()))
        .await?
        .check()?
        .take(0)?;
    let local = move |t: DateTime<Utc>| t.with_timezone(&tz).fixed_offset();
    rows.into_iter()
        .map(|row| {
            let r: LinkRow = serde_json::from_value(row)?;
            Ok::<_, serde_json::Error>(ShareLink {
                state: LinkState::at(r.expires_at, r.revoked_at, now),
                key: r.key,
                created_by: r.created_by,
                created_at: local(r.created_at),
                expires_at: local(r.expires_at),
                revoked_at: r.revoked_at.map(local),
                revoked_by: r.revoked_by,
                last_opened_at: r.last_opened_at.map(local),
            })
        })
        .collect::<Result<_, _>>()
        .map_err(DbError::Shape)
}

/// The ticket number a token's `hash` opens at `now`, noting the visit; `None` for an unknown,
/// expired or revoked link alike.
pub async fn open(db: &Db, hash: &str, now: DateTime<Utc>) -> Result<Option<String>, DbError> {
    let number = still_open(db, hash, now).await?;
    if number.is_some() {
        db.query("UPDATE type::record('share_link', $h) SET last_opened_at = <datetime>$now RETURN NONE")
            .bind(json!({ "h": hash, "now": now.to_rfc3339() }))
            .await?
            .check()?;
    }
    Ok(number)
}

/// Like [`open`] without noting a visit: for an open page's live stream, which asks again on
/// every change.
pub async fn still_open(db: &Db, hash: &str, now: DateTime<Utc>) -> Result<Option<String>, DbError> {
    #[derive(Deserialize)]
    struct Row {
        number: String,
        expires_at: DateTime<Utc>,
        revoked_at: Option<DateTime<Utc>>,
    }
    let rows: Vec<serde_json::Value> = db
        .query("SELECT ticket.number AS number, expires_at, revoked_at FROM type::record('share_link', $h)")
        .bind(("h", hash.to_owned()))
        .await?
        .check()?
        .take(0)?;
    let Some(row) = rows.into_iter().next() else { return Ok(None) };
    let row: Row = serde_json::from_value(row)?;
    Ok((LinkState::at(row.expires_at, row.revoked_at, now) == LinkState::Active).then_some(row.number))
}

/// The number of the ticket photo `file` belongs to, if it is a stored photo.
pub async fn photo_ticket(db: &Db, file: &str) -> Result<Option<String>, DbError> {
    let rows: Vec<Option<String>> = db
        .query("SELECT VALUE ticket.number FROM type::record('ticket_photo', $f)")
        .bind(("f", file.to_owned()))
        .await?
        .check()?
        .take(0)?;
    Ok(rows.into_iter().next().flatten())
}
