//! Workflow writes: a step moves a ticket to its next state and records the event, in one transaction,
//! only if the ticket is still at the version the person saw; a request key makes a retry apply once.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::{Db, DbError, is_retryable};
use crate::domain::TicketStatus;
use crate::domain::workflow::Step;
use crate::tickets::StepDone;

/// A checked step, ready to be written.
#[derive(Debug, Clone)]
pub struct StepWrite<'a> {
    pub number: &'a str,
    pub step: Step,
    pub from: TicketStatus,
    pub to: TicketStatus,
    /// The ticket version the person saw.
    pub version: u64,
    /// The client's key for this request (unique per attempt the person made).
    pub request_key: &'a str,
    pub actor_name: &'a str,
    pub actor_username: &'a str,
    pub note: Option<&'a str>,
    /// Dispatching: the technician's user name.
    pub assignee: Option<&'a str>,
    /// Following up: whether the customer was satisfied, and the 1–5 score when one was given.
    pub satisfied: Option<bool>,
    pub score: Option<u8>,
    /// Scheduling: the agreed time on site, in [`super::tickets::APPOINTMENT_FORMAT`].
    pub appointment: Option<&'a str>,
    /// Dispatching: expected minutes on site and what to bring (kept when not given).
    pub estimate_minutes: Option<u32>,
    pub bring: Option<&'a str>,
    /// Fields changed besides the state, for the event.
    pub changes: &'a [crate::tickets::FieldChange],
    pub now: DateTime<Utc>,
}

/// What became of a step write.
#[derive(Debug, Clone, PartialEq)]
pub enum StepWritten {
    Done(StepDone),
    /// The ticket is not at the version (or state) the person saw; its current version.
    Stale {
        current_version: u64,
    },
    Missing,
}

const WRITE: &str = "
BEGIN TRANSACTION;
LET $t = (SELECT status, version FROM type::record('ticket', $number))[0];
LET $ok = $t != NONE AND $t.version = $version AND $t.status = $from;
IF $ok {
    UPDATE type::record('ticket', $number) SET status = $to, version = $version + 1,
        updated_at = <datetime>$now,
        assignee = IF $assignee { type::record('staff', $assignee) } ELSE { assignee },
        appointment = IF $appointment { $appointment } ELSE { appointment },
        estimate_minutes = IF $estimate { $estimate } ELSE { estimate_minutes },
        bring = IF $bring { $bring } ELSE { bring },
        follow_up_satisfied = IF $satisfied != NULL { $satisfied } ELSE IF $to = 'accepted' { NONE }
            ELSE { follow_up_satisfied },
        follow_up_score = IF $satisfied != NULL { $score ?? NONE } ELSE IF $to = 'accepted' { NONE }
            ELSE { follow_up_score }
        RETURN NONE;
    CREATE ticket_event CONTENT {
        ticket: type::record('ticket', $number), at: <datetime>$now, kind: 'step', step: $step,
        from_status: $from, to_status: $to, actor: $actor, actor_username: $actor_username,
        note: $note ?? NONE, version: $version + 1, changes: IF array::len($changes) > 0 { $changes } ELSE { NONE },
    } RETURN NONE;
    CREATE type::record('step_request', $key) CONTENT {
        ticket: type::record('ticket', $number), status: $to, version: $version + 1, at: <datetime>$now,
    } RETURN NONE;
};
RETURN IF $t = NONE { 'missing' } ELSE IF $ok { 'done' } ELSE { <string>$t.version };
COMMIT TRANSACTION;
";

/// The answer already given to request `key` for ticket `number`, if that request was applied.
pub async fn applied(db: &Db, number: &str, key: &str) -> Result<Option<StepDone>, DbError> {
    let rows: Vec<serde_json::Value> = db
        .query("SELECT status, version FROM type::record('step_request', $key) WHERE ticket = type::record('ticket', $n)")
        .bind(json!({ "key": key, "n": number }))
        .await?
        .check()?
        .take(0)?;
    rows.into_iter().next().map(serde_json::from_value).transpose().map_err(DbError::from)
}

/// Writes a checked step (see module docs). A concurrent write to the same ticket makes this one stale;
/// a concurrent copy of the same request returns the first one's answer.
pub async fn write_step(db: &Db, w: &StepWrite<'_>) -> Result<StepWritten, DbError> {
    if let Some(done) = applied(db, w.number, w.request_key).await? {
        return Ok(StepWritten::Done(done));
    }
    let vars = json!({
        "number": w.number, "step": w.step, "from": w.from, "to": w.to, "version": w.version,
        "key": w.request_key, "actor": w.actor_name, "actor_username": w.actor_username, "note": w.note,
        "assignee": w.assignee, "satisfied": w.satisfied, "score": w.score,
        "appointment": w.appointment, "estimate": w.estimate_minutes, "bring": w.bring, "now": w.now.to_rfc3339(), "changes": w.changes,
    });
    run_versioned(db, WRITE, vars, w.number, w.request_key, StepDone { status: w.to, version: w.version + 1 })
        .await
}

/// Runs a versioned write transaction that ends by returning `'done'`, `'missing'` or the ticket's
/// current version as text, and interprets the answer. A write that lost a race to the same request
/// answers with that request's result; one that lost to another write is stale.
pub(super) async fn run_versioned(
    db: &Db,
    sql: &'static str,
    vars: serde_json::Value,
    number: &str,
    request_key: &str,
    done: StepDone,
) -> Result<StepWritten, DbError> {
    let mut response = db.query(sql).bind(vars).await?;
    let errors = response.take_errors();
    let failures: Vec<&surrealdb::Error> =
        errors.values().filter(|e| !e.message().contains("not executed")).collect();
    if let Some(first) = failures.first() {
        // After the first failure every later statement fails too ("cannot commit…"): look at them all.
        let raced = failures.iter().any(|e| {
            is_retryable(e)
                || e.message().contains("already exists")
                || e.message().contains("already contains")
        });
        if !raced {
            let cause = failures.iter().find(|e| !e.message().contains("Cannot COMMIT")).unwrap_or(first);
            return Err(DbError::Query((*cause).clone()));
        }
        if let Some(done) = applied(db, number, request_key).await? {
            return Ok(StepWritten::Done(done));
        }
        let current: Option<i64> = db
            .query("RETURN (SELECT VALUE version FROM type::record('ticket', $n))[0]")
            .bind(("n", number.to_owned()))
            .await?
            .check()?
            .take(0)?;
        return Ok(StepWritten::Stale { current_version: current.unwrap_or_default().max(0) as u64 });
    }
    for index in (0..response.num_statements()).rev() {
        if let Ok(Some(outcome)) = response.take::<Option<String>>(index) {
            return Ok(match outcome.as_str() {
                "done" => StepWritten::Done(done),
                "missing" => StepWritten::Missing,
                current => StepWritten::Stale { current_version: current.parse().unwrap_or_default() },
            });
        }
    }
    Ok(StepWritten::Missing)
}
