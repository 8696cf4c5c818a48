//! Server functions of spare parts: read the catalogue, book goods received, request parts for a
//! ticket, issue (or cancel) a requisition. Ticket writes re-check access, rules and the version.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::{Catalogue, IssueRequest, RequisitionRequest, StockReceipt};
use crate::error::TicketError;
use crate::tickets::StepDone;

#[cfg(feature = "ssr")]
mod ssr {
    use crate::db::parts::{PartsWrite, PartsWritten};
    use crate::db::workflow::StepWritten;
    use crate::domain::FieldError;
    use crate::error::TicketError;
    use crate::service::api_checks::Checked;
    use crate::tickets::StepDone;

    /// The write's frame: this ticket at the version the person saw, by them, now.
    pub fn frame(c: &Checked) -> (String, chrono::DateTime<chrono::Utc>) {
        (c.ticket.number.to_string(), chrono::Utc::now())
    }

    pub fn write_of<'a>(
        c: &'a Checked,
        number: &'a str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> PartsWrite<'a> {
        PartsWrite {
            number,
            status: c.ticket.status,
            version: c.ticket.version,
            request_key: &c.key,
            actor_name: &c.staff.display_name,
            actor_username: &c.staff.username,
            now,
        }
    }

    /// The answer to a requisition write; a shortage names the requisition line it is on.
    pub fn answer(written: PartsWritten, lines: &[String], number: String) -> Result<StepDone, TicketError> {
        match written {
            PartsWritten::Written(StepWritten::Done(done)) => Ok(done),
            PartsWritten::Written(StepWritten::Stale { current_version }) => {
                Err(TicketError::Conflict { current_version })
            }
            PartsWritten::Written(StepWritten::Missing) => Err(TicketError::NotFound { number }),
            PartsWritten::Short { part_code } => {
                let line = lines.iter().position(|c| *c == part_code).map(|i| i as u32 + 1);
                Err(TicketError::Invalid {
                    fields: vec![FieldError { line, ..FieldError::new("part_code", "error.part_short") }],
                })
            }
        }
    }
}

/// The catalogue: warehouses, parts, and what each warehouse holds.
#[server(prefix = "/api", endpoint = "parts/catalogue", input = Json)]
pub async fn get_catalogue() -> Result<Catalogue, TicketError> {
    crate::auth::guard::require(crate::domain::access::Action::ViewParts)?;
    let state = use_context::<crate::state::AppState>().ok_or(TicketError::Internal)?;
    Ok(crate::db::parts::catalogue(&state.db).await?)
}

/// Books goods received into a warehouse; a part new to the catalogue needs its name and unit price.
/// Answers the catalogue as it now stands.
#[server(prefix = "/api", endpoint = "parts/receive", input = Json)]
pub async fn receive_stock(receipt: StockReceipt) -> Result<Catalogue, TicketError> {
    use crate::domain::parts::{parse_code, parse_quantity};
    use crate::domain::service::quote::parse_hundredths;
    use crate::domain::{FieldError, text::clean_optional};

    let staff = crate::auth::guard::require(crate::domain::access::Action::ManageParts)?;
    let state = use_context::<crate::state::AppState>().ok_or(TicketError::Internal)?;
    let catalogue = crate::db::parts::catalogue(&state.db).await?;
    let mut fields = Vec::new();
    let warehouse = receipt.warehouse.trim();
    if !catalogue.warehouses.iter().any(|w| w.code == warehouse) {
        fields.push(FieldError::new("warehouse", "error.choose_warehouse"));
    }
    let code = parse_code(&receipt.part_code);
    if code.is_none() {
        fields.push(FieldError::new("part_code", "error.part_code"));
    }
    let quantity = parse_quantity(&receipt.quantity, false);
    if quantity.is_none() {
        fields.push(FieldError::new("quantity", "error.part_quantity"));
    }
    let known = code.as_ref().is_some_and(|c| catalogue.parts.iter().any(|p| &p.part_code == c));
    let new_part = if known {
        None
    } else {
        let name = clean_optional(&receipt.name, 100).ok().flatten();
        if name.is_none() {
            fields.push(FieldError::new("name", "error.part_name_needed"));
        }
        let price =
            parse_hundredths(&receipt.unit_price, crate::domain::service::quote::limits::UNIT_PRICE_FEN)
                .map_err(|code| fields.push(FieldError::new("unit_price", code)))
                .ok();
        name.zip(price)
    };
    let (Some(code), Some(quantity), true) = (code, quantity, fields.is_empty()) else {
        return Err(TicketError::Invalid { fields });
    };
    let new_part_ref = new_part.as_ref().map(|(n, p)| (n.as_str(), *p as i64));
    crate::db::parts::receive(&state.db, warehouse, &code, new_part_ref, quantity).await?;
    tracing::info!(%warehouse, %code, quantity, by = %staff.username, "stock received");
    Ok(crate::db::parts::catalogue(&state.db).await?)
}

/// Asks the warehouse for parts for a ticket (配件领用): by the people who work the ticket, while the
/// work is open; every part must be in the catalogue.
#[server(prefix = "/api", endpoint = "parts/request", input = Json)]
pub async fn request_parts(request: RequisitionRequest) -> Result<StepDone, TicketError> {
    use crate::domain::FieldError;
    use crate::domain::service::ServiceAction;
    use crate::service::api_checks::{Ready, check};

    if request.lines.len() > crate::domain::parts::MAX_LINES * 4 {
        return Err(TicketError::BadRequest { detail: "too many lines".into() });
    }
    let c = match check(&request.target, ServiceAction::RequestParts).await? {
        Ready::AlreadyDone(done) => return Ok(done),
        Ready::Checked(c) => c,
    };
    let catalogue = crate::db::parts::catalogue(&c.state.db).await?;
    let warehouse = request.warehouse.trim();
    let mut fields = Vec::new();
    if !catalogue.warehouses.iter().any(|w| w.code == warehouse) {
        fields.push(FieldError::new("warehouse", "error.choose_warehouse"));
    }
    let lines = crate::domain::parts::check_lines(&request.lines).unwrap_or_else(|errors| {
        fields.extend(errors);
        Vec::new()
    });
    for (i, line) in lines.iter().enumerate() {
        if !catalogue.parts.iter().any(|p| p.part_code == line.part_code) {
            fields.push(FieldError {
                line: Some(i as u32 + 1),
                ..FieldError::new("part_code", "error.part_unknown")
            });
        }
    }
    if !fields.is_empty() {
        return Err(TicketError::Invalid { fields });
    }
    let (number, now) = ssr::frame(&c);
    let seq = crate::db::parts::requisitions(&c.state.db, &number, c.state.tz).await?.len() as u32 + 1;
    let written =
        crate::db::parts::request(&c.state.db, &ssr::write_of(&c, &number, now), seq, warehouse, &lines)
            .await?;
    let codes: Vec<String> = lines.iter().map(|l| l.part_code.clone()).collect();
    ssr::answer(written, &codes, number)
}

/// The warehouse issues requisition `seq` of a ticket — booking every line out of its warehouse in one
/// transaction, refused whole when any part is short — or cancels it.
#[server(prefix = "/api", endpoint = "parts/issue", input = Json)]
pub async fn issue_parts(request: IssueRequest) -> Result<StepDone, TicketError> {
    use crate::domain::service::ServiceAction;
    use crate::domain::workflow::StepRefusal;
    use crate::service::api_checks::{Ready, check};

    let c = match check(&request.target, ServiceAction::IssueParts).await? {
        Ready::AlreadyDone(done) => return Ok(done),
        Ready::Checked(c) => c,
    };
    let (number, now) = ssr::frame(&c);
    let requisitions = crate::db::parts::requisitions(&c.state.db, &number, c.state.tz).await?;
    let Some(r) = requisitions
        .into_iter()
        .find(|r| r.seq == request.seq && r.status == super::RequisitionStatus::Requested)
    else {
        return Err(TicketError::Refused { refusal: StepRefusal::NoOpenRequisition });
    };
    let written = crate::db::parts::issue(
        &c.state.db,
        &ssr::write_of(&c, &number, now),
        r.seq,
        &r.warehouse,
        &r.lines,
        request.cancel,
    )
    .await?;
    let codes: Vec<String> = r.lines.iter().map(|l| l.part_code.clone()).collect();
    ssr::answer(written, &codes, number)
}
