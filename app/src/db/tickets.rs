//! Ticket queries: register, list (keyset-paginated) and fetch with its audit trail.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Db, DbError, is_retryable};
use crate::domain::{Channel, NewTicket, ServiceType, TicketNumber, TicketStatus, Urgency};
use crate::tickets::{Cursor, PAGE_SIZE, Ticket, TicketDetail, TicketEvent, TicketEventKind, TicketSummary};

/// How an appointment is stored: company-local time to the minute.
pub const APPOINTMENT_FORMAT: &str = "%Y-%m-%d %H:%M";

/// How often a registration is retried when it races another one for the day's next number.
const MAX_ATTEMPTS: u32 = 64;

/// The fields of a ticket as stored; `None` fields are left out so that SurrealDB sees NONE.
#[derive(Serialize)]
struct TicketContent<'a> {
    status: TicketStatus,
    service_type: ServiceType,
    urgency: Urgency,
    channel: Channel,
    company: &'a str,
    contact_name: &'a str,
    phone: &'a str,
    region: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<&'a str>,
    product_model: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    serial_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    purchase_date: Option<String>,
    fault_description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    preferred_time: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fault_category: Option<crate::domain::repeat::FaultCategory>,
    #[serde(skip_serializing_if = "Option::is_none")]
    repeat_of: Option<String>,
}

const CREATE: &str = "
BEGIN TRANSACTION;
LET $seq = (UPSERT type::record('ticket_counter', $day) SET next += 1 RETURN VALUE next)[0];
LET $pad = IF $seq < 10 { '000' } ELSE IF $seq < 100 { '00' } ELSE IF $seq < 1000 { '0' } ELSE { '' };
LET $number = string::concat('SV-', $day, '-', $pad, <string>$seq);
CREATE type::record('ticket', $number) CONTENT object::extend($content, {
    number: $number,
    search_text: string::concat(string::lowercase($number), ' ', $search),
    created_at: <datetime>$now,
    updated_at: <datetime>$now,
    version: 1,
}) RETURN NONE;
CREATE ticket_event CONTENT {
    ticket: type::record('ticket', $number), at: <datetime>$now, kind: 'created',
    to_status: $content.status, actor: $actor, version: 1,
} RETURN NONE;
RETURN $number;
COMMIT TRANSACTION;
";

/// Registers `new` as a ticket in state `new`, numbered for the company-local day of `now`, and records
/// its `created` event in the same transaction. Concurrent registrations race for the day's counter;
/// the loser retries, so every ticket gets a distinct number.
pub async fn create(
    db: &Db,
    new: &NewTicket,
    now: DateTime<Utc>,
    tz: Tz,
    actor: &str,
) -> Result<TicketNumber, DbError> {
    let day = now.with_timezone(&tz).date_naive().format("%Y%m%d").to_string();
    let content = TicketContent {
        status: TicketStatus::New,
        service_type: new.service_type,
        urgency: new.urgency,
        channel: new.channel,
        company: &new.company,
        contact_name: &new.contact_name,
        phone: new.phone.as_str(),
        region: &new.region,
        address: new.address.as_deref(),
        product_model: &new.product_model,
        serial_number: new.serial_number.as_ref().map(|s| s.as_str()),
        purchase_date: new.purchase_date.map(|d| d.format("%Y-%m-%d").to_string()),
        fault_description: &new.fault_description,
        preferred_time: new.preferred_time.as_deref(),
        fault_category: new.fault_category,
        repeat_of: new.repeat_of.as_ref().map(|n| n.to_string()),
    };
    let search = [
        new.company.as_str(),
        new.contact_name.as_str(),
        new.phone.as_str(),
        new.serial_number.as_ref().map_or("", |s| s.as_str()),
    ]
    .join(" ")
    .to_lowercase();
    let vars = json!({
        "day": day,
        "content": serde_json::to_value(&content)?,
        "search": search,
        "now": now.to_rfc3339(),
        "actor": actor,
    });
    for attempt in 1..=MAX_ATTEMPTS {
        match run_create(db, vars.clone()).await {
            Ok(number) => return Ok(number),
            Err(DbError::Query(e)) if is_retryable(&e) => {
                // Spread the retries so racing writers do not collide again in lockstep.
                let jitter = u64::from(attempt) * 2 + (now.timestamp_subsec_micros() as u64 % 7);
                tokio::time::sleep(std::time::Duration::from_millis(jitter)).await;
            }
            Err(e) => return Err(e),
        }
    }
    Err(DbError::Contention(MAX_ATTEMPTS))
}

async fn run_create(db: &Db, vars: serde_json::Value) -> Result<TicketNumber, DbError> {
    let mut response = db.query(CREATE).bind(vars).await?;
    let errors = response.take_errors();
    if let Some(e) = errors.values().find(|e| is_retryable(e)).or_else(|| errors.values().next()) {
        return Err(DbError::Query(e.clone()));
    }
    for index in (0..response.num_statements()).rev() {
        if let Ok(Some(number)) = response.take::<Option<String>>(index) {
            return TicketNumber::parse(&number)
                .map_err(|_| DbError::Shape(serde::de::Error::custom("bad ticket number")));
        }
    }
    Err(DbError::Shape(serde::de::Error::custom("registration returned no number")))
}

#[derive(Deserialize)]
struct TicketRow {
    number: TicketNumber,
    status: TicketStatus,
    service_type: ServiceType,
    urgency: Urgency,
    channel: Channel,
    company: String,
    contact_name: String,
    phone: String,
    region: String,
    address: Option<String>,
    product_model: String,
    serial_number: Option<String>,
    purchase_date: Option<NaiveDate>,
    fault_description: String,
    preferred_time: Option<String>,
    assignee_name: Option<String>,
    assignee_display: Option<String>,
    appointment: Option<String>,
    estimate_minutes: Option<u32>,
    bring: Option<String>,
    follow_up_satisfied: Option<bool>,
    follow_up_score: Option<u8>,
    #[serde(default)]
    survey_score: Option<u8>,
    #[serde(default)]
    survey_comment: Option<String>,
    #[serde(default)]
    survey_at: Option<DateTime<Utc>>,
    fault_category: Option<crate::domain::repeat::FaultCategory>,
    repeat_of: Option<String>,
    outside_repairer: Option<bool>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: u64,
}

impl TicketRow {
    fn into_ticket(self, tz: Tz) -> Ticket {
        Ticket {
            number: self.number,
            status: self.status,
            service_type: self.service_type,
            urgency: self.urgency,
            channel: self.channel,
            company: self.company,
            contact_name: self.contact_name,
            phone: self.phone,
            region: self.region,
            address: self.address,
            product_model: self.product_model,
            serial_number: self.serial_number,
            purchase_date: self.purchase_date,
            fault_description: self.fault_description,
            preferred_time: self.preferred_time,
            assignee: self.assignee_name,
            assignee_name: self.assignee_display,
            appointment: self
                .appointment
                .and_then(|a| chrono::NaiveDateTime::parse_from_str(&a, APPOINTMENT_FORMAT).ok()),
            estimate_minutes: self.estimate_minutes,
            bring: self.bring,
            follow_up_satisfied: self.follow_up_satisfied,
            follow_up_score: self.follow_up_score,
            survey: match (self.survey_score, self.survey_at) {
                (Some(score), Some(at)) => Some(crate::share::CustomerSurvey {
                    score,
                    comment: self.survey_comment,
                    at: at.with_timezone(&tz).fixed_offset(),
                }),
                _ => None,
            },
            fault_category: self.fault_category,
            repeat_of: self.repeat_of,
            outside_repairer: self.outside_repairer.unwrap_or(false),
            created_at: self.created_at.with_timezone(&tz).fixed_offset(),
            updated_at: self.updated_at.with_timezone(&tz).fixed_offset(),
            version: self.version,
        }
    }
}

#[derive(Deserialize)]
struct SummaryRow {
    number: TicketNumber,
    status: TicketStatus,
    service_type: ServiceType,
    urgency: Urgency,
    company: String,
    product_model: String,
    serial_number: Option<String>,
    created_at: DateTime<Utc>,
}

#[derive(Deserialize)]
struct EventRow {
    at: DateTime<Utc>,
    kind: TicketEventKind,
    from_status: Option<TicketStatus>,
    to_status: TicketStatus,
    actor: String,
    note: Option<String>,
    step: Option<crate::domain::workflow::Step>,
    version: u64,
    changes: Option<Vec<crate::tickets::FieldChange>>,
    record: Option<String>,
}

/// Filters already checked by the caller: every value here is a valid vocabulary word.
#[derive(Debug, Default, Clone)]
pub struct ListFilter {
    pub status: Option<TicketStatus>,
    pub service_type: Option<ServiceType>,
    pub text: Option<String>,
    pub after: Option<Cursor>,
    /// Only tickets dispatched to this user name.
    pub assignee: Option<String>,
    pub region: Option<String>,
    pub product_line: Option<String>,
}

/// One page of tickets, newest first, and the cursor of the next page when there is one.
pub async fn list(
    db: &Db,
    filter: &ListFilter,
    tz: Tz,
) -> Result<(Vec<TicketSummary>, Option<Cursor>), DbError> {
    let mut conditions = Vec::new();
    if filter.status.is_some() {
        conditions.push("status = $status");
    }
    if filter.service_type.is_some() {
        conditions.push("service_type = $service_type");
    }
    if filter.text.is_some() {
        conditions.push("string::contains(search_text, $text)");
    }
    if filter.region.is_some() {
        conditions.push("region = $region");
    }
    if filter.product_line.is_some() {
        conditions.push("product_line = $product_line");
    }
    if filter.assignee.is_some() {
        // Their own jobs, and the unclaimed work any technician may pick up.
        conditions.push(
            "(assignee = type::record('staff', $assignee) OR (assignee = NONE AND service_type IN $claimable))",
        );
    }
    if filter.after.is_some() {
        conditions.push(
            "(created_at < <datetime>$after_at OR (created_at = <datetime>$after_at AND number < $after_number))",
        );
    }
    let where_clause =
        if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
    let sql = format!(
        "SELECT number, status, service_type, urgency, company, product_model, serial_number, created_at \
         FROM ticket {where_clause} ORDER BY created_at DESC, number DESC LIMIT $limit"
    );
    let vars = json!({
        "status": filter.status.map(|s| s.as_str()),
        "service_type": filter.service_type.map(|s| s.as_str()),
        "text": filter.text.as_ref().map(|t| t.to_lowercase()),
        "after_at": filter.after.as_ref().map(|c| c.created_at.to_rfc3339()),
        "after_number": filter.after.as_ref().map(|c| c.number.to_string()),
        "assignee": filter.assignee,
        "region": filter.region,
        "product_line": filter.product_line,
        "claimable": ServiceType::ALL.iter().filter(|t| crate::domain::workflow::technician_can_claim(**t))
            .map(|t| t.as_str()).collect::<Vec<_>>(),
        "limit": PAGE_SIZE + 1,
    });
    let rows: Vec<serde_json::Value> = db.query(sql).bind(vars).await?.check()?.take(0)?;
    let mut rows =
        rows.into_iter().map(serde_json::from_value::<SummaryRow>).collect::<Result<Vec<_>, _>>()?;
    let next = if rows.len() > PAGE_SIZE {
        rows.truncate(PAGE_SIZE);
        rows.last().map(|r| Cursor { created_at: r.created_at, number: r.number.clone() })
    } else {
        None
    };
    let items = rows
        .into_iter()
        .map(|r| TicketSummary {
            number: r.number,
            status: r.status,
            service_type: r.service_type,
            urgency: r.urgency,
            company: r.company,
            product_model: r.product_model,
            serial_number: r.serial_number,
            created_at: r.created_at.with_timezone(&tz).fixed_offset(),
        })
        .collect();
    Ok((items, next))
}

/// The ticket with this number and its audit trail, or `None` when there is no such ticket.
pub async fn get(db: &Db, number: &TicketNumber, tz: Tz) -> Result<Option<TicketDetail>, DbError> {
    let mut response = db
        .query("SELECT *, assignee.username AS assignee_name, assignee.display_name AS assignee_display \
             FROM ticket WHERE number = $number LIMIT 1")
        .query(
            "SELECT at, kind, from_status, to_status, actor, note, step, version, changes, record FROM ticket_event \
             WHERE ticket = type::record('ticket', $number) ORDER BY at ASC, version ASC",
        )
        .bind(("number", number.to_string()))
        .await?
        .check()?;
    let tickets: Vec<serde_json::Value> = response.take(0)?;
    let Some(row) = tickets.into_iter().next() else {
        return Ok(None);
    };
    let ticket = serde_json::from_value::<TicketRow>(row)?.into_ticket(tz);
    let events: Vec<serde_json::Value> = response.take(1)?;
    let events = events
        .into_iter()
        .map(|v| {
            serde_json::from_value::<EventRow>(v).map(|e| TicketEvent {
                at: e.at.with_timezone(&tz).fixed_offset(),
                kind: e.kind,
                from_status: e.from_status,
                to_status: e.to_status,
                actor: e.actor,
                note: e.note,
                step: e.step,
                version: e.version,
                changes: e.changes.unwrap_or_default(),
                clock: None,
                record: e.record,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(TicketDetail {
        ticket,
        events,
        clocks: vec![],
        steps: vec![],
        technicians: vec![],
        suggestions: vec![],
        service: Default::default(),
        staff: vec![],
        requisitions: vec![],
        share_links: None,
    }))
}

/// Moves a ticket to `to` and records the change, in one transaction. Used by demo data until the
/// workflow engine owns transitions.
pub async fn record_status_change(
    db: &Db,
    number: &TicketNumber,
    to: TicketStatus,
    at: DateTime<Utc>,
    actor: &str,
    note: Option<&str>,
) -> Result<(), DbError> {
    let mut event = json!({
        "ticket_number": number.to_string(),
        "to": to.as_str(),
        "at": at.to_rfc3339(),
        "actor": actor,
    });
    if let Some(note) = note {
        event["note"] = json!(note);
    }
    db.query(
        "BEGIN TRANSACTION;
         LET $t = (SELECT status, version FROM type::record('ticket', $ticket_number))[0];
         UPDATE type::record('ticket', $ticket_number)
             SET status = $to, updated_at = <datetime>$at, version = $t.version + 1 RETURN NONE;
         CREATE ticket_event CONTENT {
             ticket: type::record('ticket', $ticket_number), at: <datetime>$at, kind: 'status_changed',
             from_status: $t.status, to_status: $to, actor: $actor, note: $note,
             version: $t.version + 1,
         } RETURN NONE;
         COMMIT TRANSACTION;",
    )
    .bind(event)
    .await?
    .check()?;
    Ok(())
}

/// Dispatches a ticket to a technician (demo data and tests, until dispatch has its own workflow step).
pub async fn set_assignee(db: &Db, number: &TicketNumber, username: Option<&str>) -> Result<(), DbError> {
    db.query(
        "UPDATE type::record('ticket', $n) SET assignee = IF $u { type::record('staff', $u) } ELSE { NONE }          RETURN NONE",
    )
    .bind(json!({ "n": number.to_string(), "u": username }))
    .await?
    .check()?;
    Ok(())
}

/// Whether no ticket exists yet; demo data is only ever added to an empty database.
pub async fn is_empty(db: &Db) -> Result<bool, DbError> {
    let any: Vec<String> = db.query("SELECT VALUE number FROM ticket LIMIT 1").await?.check()?.take(0)?;
    Ok(any.is_empty())
}
