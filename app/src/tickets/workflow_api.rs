//! Server functions of the ticket workflow: take a step; and the workflow facts the ticket page shows
//! (clocks, the steps the person may take, technicians to dispatch to).

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::{StepDone, StepRequest};
use crate::error::TicketError;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use chrono::Utc;

    use crate::auth::guard::Staff;
    use crate::db::Db;
    use crate::domain::sla::ticket_clocks;
    use crate::domain::workflow::{self, Actor, Step};
    use crate::error::TicketError;
    use crate::tickets::{TicketClock, TicketDetail, TicketEvent, TicketEventKind};

    /// The client's request key, checked: 8 to 64 letters, digits, '-' or '_'.
    pub fn idempotency_key(raw: &str) -> Result<&str, TicketError> {
        let key = raw.trim();
        if !(8..=64).contains(&key.len())
            || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(TicketError::BadRequest {
                detail: "idempotency key must be 8 to 64 letters, digits, '-' or '_'".into(),
            });
        }
        Ok(key)
    }

    /// The workflow's view of the person: roles, and whether the ticket is theirs as technician.
    pub fn actor(staff: &Staff, assignee: Option<&str>) -> Actor {
        Actor {
            roles: staff.roles.clone(),
            is_assigned_technician: assignee == Some(staff.username.as_str()),
        }
    }

    /// Reads the deadlines of a loaded ticket (before any breach events are added to it) now.
    pub async fn read_clocks(
        db: &Db,
        detail: &mut TicketDetail,
        tz: chrono_tz::Tz,
    ) -> Result<(), TicketError> {
        let t = &detail.ticket;
        let history = crate::tickets::status_history(&detail.events);
        let now = Utc::now().with_timezone(&tz).naive_local();
        let (calendar, _) = crate::db::calendar::load(db).await?;
        detail.clocks =
            ticket_clocks(t.service_type, t.urgency, &history, &calendar, now, t.outside_repairer)
                .into_iter()
                .map(|(kind, r)| TicketClock {
                    kind,
                    state: r.state,
                    deadline: r.deadline,
                    remaining_minutes: r.remaining.num_minutes(),
                    paused: r.paused,
                })
                .collect();
        Ok(())
    }

    /// Fills in the clocks (read now), the steps `staff` may take and, when dispatching is one of them,
    /// the technicians.
    pub async fn enrich(
        db: &Db,
        detail: &mut TicketDetail,
        staff: &Staff,
        tz: chrono_tz::Tz,
    ) -> Result<(), TicketError> {
        read_clocks(db, detail, tz).await?;
        let t = &detail.ticket;
        let now = Utc::now().with_timezone(&tz).naive_local();
        for (clock, at) in crate::db::breaches::of_ticket(db, &t.number).await? {
            detail.events.push(TicketEvent {
                at: at.with_timezone(&tz).fixed_offset(),
                kind: TicketEventKind::Breach,
                from_status: None,
                to_status: t.status,
                actor: String::new(),
                note: None,
                step: None,
                version: 0,
                changes: Vec::new(),
                clock: Some(clock),
                record: None,
            });
        }
        detail.events.sort_by_key(|e| e.at);
        let t = &detail.ticket;
        let actor = actor(staff, t.assignee.as_deref());
        detail.steps = workflow::available(t.service_type, t.status, &actor);
        detail.service = crate::db::service::load(db, &t.number.to_string(), tz).await?;
        detail.service.actions =
            crate::domain::service::available(t.service_type, t.status, &actor, &detail.service.state());
        if detail.steps.contains(&Step::Dispatch) {
            detail.technicians = crate::db::staff::technicians(db).await?;
            let t = &detail.ticket;
            // Booked days count on the day of the appointment already agreed, else today.
            let day = t.appointment.map_or(now.date(), |a| a.date());
            let candidates = crate::db::staff::candidates(db, day).await?;
            detail.suggestions = crate::domain::dispatch::rank(&t.region, &t.product_model, &candidates);
        }
        if crate::domain::service::keeps_service_records(detail.ticket.service_type) {
            detail.requisitions =
                crate::db::parts::requisitions(db, &detail.ticket.number.to_string(), tz).await?;
        }
        if detail.steps.contains(&Step::Review) {
            detail.staff = crate::db::staff::people(db).await?;
        }
        Ok(())
    }
}

/// Takes a workflow step on a ticket at the version the page showed. Re-checks everything: the person's
/// access to the ticket, the workflow rules for its type and state, the step's form. A stale version is
/// a conflict; the same request sent again answers as the first time.
#[server(prefix = "/api", endpoint = "tickets/step", input = Json)]
pub async fn take_step(request: StepRequest) -> Result<StepDone, TicketError> {
    use crate::auth::guard;
    use crate::db::tickets::APPOINTMENT_FORMAT;
    use crate::db::workflow::{StepWrite, StepWritten, applied, write_step};
    use crate::domain::access::{Action, TicketFacts};
    use crate::domain::dispatch::{parse_appointment, parse_estimate};
    use crate::domain::workflow::{self, Facts, Step};
    use crate::domain::{FieldError, TicketNumber, text::clean_optional};
    use crate::tickets::FieldChange;

    let staff = guard::require(Action::UpdateTicket)?;
    let state = use_context::<crate::state::AppState>().ok_or(TicketError::Internal)?;
    let bad = |detail: &str| TicketError::BadRequest { detail: detail.to_owned() };
    let not_found = || TicketError::NotFound { number: request.number.chars().take(40).collect() };
    let number = TicketNumber::parse(&request.number).map_err(|_| not_found())?;
    let step: Step =
        serde_json::from_value(serde_json::json!(request.step)).map_err(|_| bad("unknown step"))?;
    let key = ssr::idempotency_key(&request.idempotency_key)?;

    let mut fields = Vec::new();
    let note = clean_optional(&request.note, 2000).unwrap_or_else(|_| {
        fields.push(FieldError::new("note", "error.too_long"));
        None
    });
    let reason = clean_optional(&request.reason, 500).unwrap_or_else(|_| {
        fields.push(FieldError::new("reason", "error.too_long"));
        None
    });
    let today = state.today();
    let appointment = if step == Step::Schedule {
        parse_appointment(&request.appointment, today)
            .map_err(|code| fields.push(FieldError::new("appointment", code)))
            .ok()
    } else {
        None
    };
    let (estimate, bring) = if step == Step::Dispatch {
        let estimate = parse_estimate(&request.estimate_minutes).unwrap_or_else(|code| {
            fields.push(FieldError::new("estimate_minutes", code));
            None
        });
        let bring = clean_optional(&request.bring, 500).unwrap_or_else(|e| {
            fields.push(FieldError::new("bring", e.code()));
            None
        });
        (estimate, bring)
    } else {
        (None, None)
    };
    // A score of 1–5 from the form; the words are the API's shorthand without a score.
    let (satisfied, score) = match (step, request.satisfaction.trim()) {
        (Step::FollowUp, "satisfied") => (Some(true), None),
        (Step::FollowUp, "unsatisfied") => (Some(false), None),
        (Step::FollowUp, answer) => match workflow::parse_score(answer) {
            Some(score) => (Some(workflow::is_satisfied(score)), Some(score)),
            None => {
                fields.push(FieldError::new("satisfaction", "error.required"));
                (None, None)
            }
        },
        _ => (None, None),
    };

    let detail = crate::db::tickets::get(&state.db, &number, state.tz).await?.ok_or_else(not_found)?;
    let ticket = &detail.ticket;
    guard::require_on(
        &staff,
        Action::UpdateTicket,
        &TicketFacts::of(ticket.service_type, ticket.assignee.clone()),
    )?;
    if let Some(done) = applied(&state.db, &number.to_string(), key).await? {
        return Ok(done);
    }
    if request.version != ticket.version {
        return Err(TicketError::Conflict { current_version: ticket.version });
    }
    let claims = step == Step::StartWork
        && ticket.assignee.is_none()
        && staff.roles.contains(&crate::domain::Role::Technician)
        && workflow::technician_can_claim(ticket.service_type);
    let assignee = if claims {
        // The technician who starts unclaimed phone or depot work takes it on.
        Some(staff.username.clone())
    } else if step == Step::Dispatch {
        let technicians = crate::db::staff::technicians(&state.db).await?;
        let chosen = request.assignee.trim();
        if !technicians.iter().any(|t| t.username == chosen) {
            fields.push(FieldError::new("assignee", "error.choose_technician"));
        }
        Some(chosen.to_owned())
    } else {
        None
    };
    let responsible = if step == Step::Review {
        super::review_fields::ssr::responsibility(&state.db, &number, &request.responsible, &mut fields)
            .await?
    } else {
        Vec::new()
    };
    if !fields.is_empty() {
        return Err(TicketError::Invalid { fields });
    }
    let records = crate::db::service::load(&state.db, &number.to_string(), state.tz).await?;
    let facts = Facts {
        follow_up_satisfied: satisfied.or(ticket.follow_up_satisfied),
        reason: reason.clone(),
        ..records.state().workflow_facts()
    };
    let actor = ssr::actor(&staff, ticket.assignee.as_deref());
    let to = workflow::check(ticket.service_type, ticket.status, step, &actor, &facts)
        .map_err(|refusal| TicketError::Refused { refusal })?;
    let note = match (reason, note) {
        (Some(r), Some(n)) => Some(format!("{r}\n{n}")),
        (r, n) => r.or(n),
    };
    let answer = |s: Option<bool>| s.map(|b| if b { "satisfied" } else { "unsatisfied" }.to_owned());
    let mut changes = Vec::new();
    if let Some(new) = assignee.as_ref().filter(|a| ticket.assignee.as_ref() != Some(*a)) {
        changes.push(FieldChange {
            field: "assignee".into(),
            old: ticket.assignee.clone(),
            new: Some(new.clone()),
        });
    }
    let satisfaction_after = if to == crate::domain::TicketStatus::Accepted {
        None
    } else {
        satisfied.or(ticket.follow_up_satisfied)
    };
    if satisfaction_after != ticket.follow_up_satisfied {
        changes.push(FieldChange {
            field: "follow_up".into(),
            old: answer(ticket.follow_up_satisfied),
            new: answer(satisfaction_after),
        });
    }
    let appointment_text = appointment.map(|a| a.format(APPOINTMENT_FORMAT).to_string());
    let old_appointment = ticket.appointment.map(|a| a.format(APPOINTMENT_FORMAT).to_string());
    let mut changed = |field: &str, old: Option<String>, new: Option<String>| {
        if new.is_some() && new != old {
            changes.push(FieldChange { field: field.into(), old, new });
        }
    };
    changed("appointment", old_appointment, appointment_text.clone());
    changed(
        "satisfaction_score",
        ticket.follow_up_score.map(|n| n.to_string()),
        score.map(|n| n.to_string()),
    );
    changed(
        "estimate_minutes",
        ticket.estimate_minutes.map(|m| m.to_string()),
        estimate.map(|m| m.to_string()),
    );
    changed("bring", ticket.bring.clone(), bring.clone());
    changes.extend(responsible);
    let number_text = number.to_string();
    let write = StepWrite {
        number: &number_text,
        step,
        from: ticket.status,
        to,
        version: request.version,
        request_key: key,
        actor_name: &staff.display_name,
        actor_username: &staff.username,
        note: note.as_deref(),
        assignee: assignee.as_deref(),
        satisfied,
        score,
        appointment: appointment_text.as_deref(),
        estimate_minutes: estimate,
        bring: bring.as_deref(),
        changes: &changes,
        now: chrono::Utc::now(),
    };
    match write_step(&state.db, &write).await? {
        StepWritten::Done(done) => {
            tracing::info!(number = %number_text, ?step, by = %staff.username, "workflow step");
            Ok(done)
        }
        StepWritten::Stale { current_version } => Err(TicketError::Conflict { current_version }),
        StepWritten::Missing => Err(not_found()),
    }
}
