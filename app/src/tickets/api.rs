//! Server functions for tickets: thin adapters from the wire to domain rules and queries.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::{TicketDetail, TicketPage, TicketQuery};
use crate::domain::{IntakeInput, TicketNumber};
use crate::error::TicketError;

#[cfg(feature = "ssr")]
fn state() -> Result<crate::state::AppState, TicketError> {
    use_context::<crate::state::AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from server function context");
        TicketError::Internal
    })
}

/// Registers a service request from the intake form; answers with the new ticket's number, or with
/// every field error at once (nothing stored).
#[server(prefix = "/api", endpoint = "tickets/create", input = Json)]
pub async fn create_ticket(input: IntakeInput) -> Result<TicketNumber, TicketError> {
    use crate::auth::guard;
    let staff = guard::require(crate::domain::access::Action::CreateTicket)?;
    let state = state()?;
    let mut new = input.validate(state.today()).map_err(|fields| TicketError::Invalid { fields })?;
    if let (Some(serial), Some(category)) = (&new.serial_number, new.fault_category) {
        let visits = crate::db::assets::visits(&state.db, serial.as_str(), state.tz).await?;
        let earlier = crate::assets::earlier_services(&visits, None);
        new.repeat_of =
            crate::domain::repeat::repeat_of(&earlier, category, state.today(), state.repeat_window_days)
                .and_then(|e| TicketNumber::parse(&e.number).ok());
    }
    let now = chrono::Utc::now();
    let number = crate::db::tickets::create(&state.db, &new, now, state.tz, &staff.display_name).await?;
    tracing::info!(%number, by = %staff.username, "ticket registered");
    Ok(number)
}

/// One page of the ticket list for the given filters: every ticket for the desk, only their own jobs
/// for a technician.
#[server(prefix = "/api", endpoint = "tickets/list", input = Json)]
pub async fn list_tickets(query: TicketQuery) -> Result<TicketPage, TicketError> {
    use crate::db::tickets::ListFilter;
    use crate::domain::access::{Action, permits, permits_all};
    use crate::domain::{ServiceType, TicketStatus};

    let staff = crate::auth::guard::signed_in()?;
    let subject = staff.subject();
    let assignee = if permits_all(&subject, Action::ListAllTickets) {
        None
    } else if permits(&subject, Action::ListOwnJobs, None).is_ok() {
        Some(staff.username.clone())
    } else {
        return Err(TicketError::Forbidden);
    };
    let state = state()?;
    let bad = |detail: &str| TicketError::BadRequest { detail: detail.to_owned() };
    // Nothing longer than the intake form accepts can match.
    let place = |value: &str, longest: usize| match value.trim() {
        "" => Ok(None),
        v if v.chars().count() > longest => Err(bad("region or product line too long")),
        v => Ok(Some(v.to_owned())),
    };
    let filter = ListFilter {
        status: match query.status.trim() {
            "" => None,
            s => Some(TicketStatus::parse(s).ok_or_else(|| bad("unknown status"))?),
        },
        service_type: match query.service_type.trim() {
            "" => None,
            s => Some(ServiceType::parse(s).ok_or_else(|| bad("unknown service type"))?),
        },
        text: match query.q.trim() {
            "" => None,
            q if q.chars().count() > 100 => return Err(bad("search text too long")),
            q => Some(q.to_owned()),
        },
        after: match query.after.trim() {
            "" => None,
            c => Some(super::Cursor::decode(c).ok_or_else(|| bad("invalid cursor"))?),
        },
        assignee,
        region: place(&query.region, crate::domain::intake::limits::REGION)?,
        product_line: place(&query.line, crate::domain::intake::limits::PRODUCT_MODEL)?,
    };
    let (items, next) = crate::db::tickets::list(&state.db, &filter, state.tz).await?;
    Ok(TicketPage { items, next: next.map(|c| c.encode()) })
}

/// The ticket with this number and its audit trail.
#[server(prefix = "/api", endpoint = "tickets/get", input = Json)]
pub async fn get_ticket(number: String) -> Result<TicketDetail, TicketError> {
    use crate::auth::guard;
    use crate::domain::access::{Action, TicketFacts};
    let staff = guard::require(Action::ViewTicket)?;
    let state = state()?;
    let not_found = || TicketError::NotFound { number: number.chars().take(40).collect() };
    let parsed = TicketNumber::parse(&number).map_err(|_| not_found())?;
    let mut detail = crate::db::tickets::get(&state.db, &parsed, state.tz).await?.ok_or_else(not_found)?;
    guard::require_on(
        &staff,
        Action::ViewTicket,
        &TicketFacts::of(detail.ticket.service_type, detail.ticket.assignee.clone()),
    )?;
    super::workflow_api::ssr::enrich(&state.db, &mut detail, &staff, state.tz).await?;
    let facts = TicketFacts::of(detail.ticket.service_type, detail.ticket.assignee.clone());
    if crate::domain::access::permits(&staff.subject(), Action::ShareWithCustomer, Some(&facts)).is_ok() {
        let links = crate::db::share::list(&state.db, parsed.as_str(), chrono::Utc::now(), state.tz).await?;
        detail.share_links = Some(links);
    }
    Ok(detail)
}
