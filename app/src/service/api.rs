//! Server functions that add service records to a ticket: the warranty decision, a quote, the
//! customer's answer to it, the service report. Each re-checks access, the rules and the version.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::{DepotRequest, QuoteAnswerRequest, QuoteRequest, ReportRequest, WarrantyRequest};
use crate::error::TicketError;
use crate::tickets::StepDone;

#[cfg(feature = "ssr")]
use super::api_checks as ssr;

/// Records the warranty decision: the server decides the charge class from the facts typed (start
/// date, months, contract, seal, cause) for today's date.
#[server(prefix = "/api", endpoint = "service/warranty", input = Json)]
pub async fn decide_warranty(request: WarrantyRequest) -> Result<StepDone, TicketError> {
    use crate::db::service::RecordBody;
    use crate::domain::service::ServiceAction;
    use crate::domain::service::warranty::{WarrantyForm, decide};

    let c = match ssr::check(&request.target, ServiceAction::DecideWarranty).await? {
        ssr::Ready::AlreadyDone(done) => return Ok(done),
        ssr::Ready::Checked(c) => c,
    };
    let today = c.state.today();
    let form = WarrantyForm {
        start_date: &request.start_date,
        months: &request.months,
        contract_until: &request.contract_until,
        seal_broken: request.seal_broken,
        user_caused: request.user_caused,
    };
    let mut errors = Vec::new();
    let note = ssr::note(&request.note, "note", 500, &mut errors);
    let facts = form.check(today).map_err(|mut fields| {
        fields.append(&mut errors);
        TicketError::Invalid { fields }
    })?;
    if !errors.is_empty() {
        return Err(TicketError::Invalid { fields: errors });
    }
    let decision = decide(&facts, today);
    let record = super::WarrantyRecord { facts, decision, recorded: c.recorded_now() };
    let wire = |class: crate::domain::service::ChargeClass| {
        serde_json::to_value(class).ok().and_then(|v| v.as_str().map(str::to_owned))
    };
    let old = c.record.warranty.as_ref().and_then(|w| wire(w.decision.class));
    let changes = ssr::change("charge_class", old, wire(decision.class));
    c.write("warranty", RecordBody::Warranty(&record), note.as_deref(), &changes, &[]).await
}

/// Sends a quote for charged work; replaces an unanswered or rejected one. The server prices it.
#[server(prefix = "/api", endpoint = "service/quote", input = Json)]
pub async fn propose_quote(request: QuoteRequest) -> Result<StepDone, TicketError> {
    use crate::db::service::RecordBody;
    use crate::domain::service::ServiceAction;
    use crate::domain::service::quote::{QuoteStatus, check_lines, format_yuan, limits};

    if request.lines.len() > limits::LINES * 4 {
        return Err(TicketError::BadRequest { detail: "too many quote lines".into() });
    }
    let c = match ssr::check(&request.target, ServiceAction::ProposeQuote).await? {
        ssr::Ready::AlreadyDone(done) => return Ok(done),
        ssr::Ready::Checked(c) => c,
    };
    let mut errors = Vec::new();
    let note = ssr::note(&request.note, "note", 500, &mut errors);
    let checked = check_lines(&request.lines).map_err(|mut fields| {
        fields.append(&mut errors);
        TicketError::Invalid { fields }
    })?;
    if !errors.is_empty() {
        return Err(TicketError::Invalid { fields: errors });
    }
    let (lines, total_fen) = checked;
    let quote = super::Quote {
        lines,
        total_fen,
        status: QuoteStatus::Proposed,
        proposed: c.recorded_now(),
        answered: None,
        answer_note: None,
    };
    let old = c.record.quote.as_ref().map(|q| format!("¥{}", format_yuan(q.total_fen)));
    let changes = ssr::change("quote_total", old, Some(format!("¥{}", format_yuan(total_fen))));
    c.write("quote_proposed", RecordBody::Quote(&quote), note.as_deref(), &changes, &[]).await
}

/// Records the customer's answer to the open quote. An answered quote cannot be answered again.
#[server(prefix = "/api", endpoint = "service/quote_answer", input = Json)]
pub async fn answer_quote(request: QuoteAnswerRequest) -> Result<StepDone, TicketError> {
    use crate::db::service::RecordBody;
    use crate::domain::service::ServiceAction;
    use crate::domain::service::quote::QuoteStatus;

    let c = match ssr::check(&request.target, ServiceAction::AnswerQuote).await? {
        ssr::Ready::AlreadyDone(done) => return Ok(done),
        ssr::Ready::Checked(c) => c,
    };
    let mut errors = Vec::new();
    let note = ssr::note(&request.note, "note", 500, &mut errors);
    if !errors.is_empty() {
        return Err(TicketError::Invalid { fields: errors });
    }
    let Some(mut quote) = c.record.quote.clone() else {
        return Err(TicketError::Refused { refusal: crate::domain::workflow::StepRefusal::NoOpenQuote });
    };
    let status = if request.approved { QuoteStatus::Approved } else { QuoteStatus::Rejected };
    let changes = ssr::change(
        "quote_status",
        Some("proposed".into()),
        Some(if request.approved { "approved" } else { "rejected" }.into()),
    );
    quote.status = status;
    quote.answered = Some(c.recorded_now());
    quote.answer_note = note.clone();
    let what = if request.approved { "quote_approved" } else { "quote_rejected" };
    c.write(what, RecordBody::Quote(&quote), note.as_deref(), &changes, &[]).await
}

/// Files the service report (or amends it before the work is resolved). Charges come from the
/// approved quote for charged work and are zero otherwise: the form cannot set them.
#[server(prefix = "/api", endpoint = "service/report", input = Json)]
pub async fn file_report(request: ReportRequest) -> Result<StepDone, TicketError> {
    use crate::db::service::RecordBody;
    use crate::domain::service::report::limits;
    use crate::domain::service::{ChargeClass, ServiceAction};

    if request.report.parts.len() > limits::PARTS * 4 {
        return Err(TicketError::BadRequest { detail: "too many parts".into() });
    }
    let c = match ssr::check(&request.target, ServiceAction::FileReport).await? {
        ssr::Ready::AlreadyDone(done) => return Ok(done),
        ssr::Ready::Checked(c) => c,
    };
    let content = request.report.check().map_err(|fields| TicketError::Invalid { fields })?;
    let class = c.record.state().class.unwrap_or(ChargeClass::Free);
    let charges_fen = c.record.charges_fen();
    let amended = c.record.report.is_some();
    let before = c.record.report.as_ref().map(|r| r.parts_returned.clone()).unwrap_or_default();
    let number = c.ticket.number.to_string();
    let (parts_returned, stock) =
        crate::parts::usage::settle(&c.state.db, &number, c.state.tz, &content.parts, &before).await?;
    let report =
        super::ServiceReport { content, class, charges_fen, filed: c.recorded_now(), parts_returned };
    let what = if amended { "report_amended" } else { "report_filed" };
    c.write(what, RecordBody::Report(&report), None, &[], &stock).await
}

/// Records a depot repair's receipt (the day received, accessories, condition, tracking number in),
/// who repairs it (in house, or an outside repairer by name: the turnaround becomes 3 working days)
/// and, once shipped, the tracking number back. Amendable until inspected.
#[server(prefix = "/api", endpoint = "service/depot", input = Json)]
pub async fn record_depot(request: DepotRequest) -> Result<StepDone, TicketError> {
    use crate::db::service::RecordBody;
    use crate::domain::service::ServiceAction;

    let c = match ssr::check(&request.target, ServiceAction::RecordDepot).await? {
        ssr::Ready::AlreadyDone(done) => return Ok(done),
        ssr::Ready::Checked(c) => c,
    };
    let facts = request.depot.check(c.state.today()).map_err(|fields| TicketError::Invalid { fields })?;
    let before = c.record.depot.as_ref().map(|d| d.facts.repairer);
    let label = |r: Option<crate::domain::service::depot::Repairer>| {
        r.and_then(|r| serde_json::to_value(r).ok()).and_then(|v| v.as_str().map(str::to_owned))
    };
    let changes = ssr::change("repairer", label(before), label(Some(facts.repairer)));
    let what = if c.record.depot.is_some() { "depot_updated" } else { "depot_received" };
    let record = super::DepotRecord { facts, recorded: c.recorded_now() };
    c.write(what, RecordBody::Depot(&record), None, &changes, &[]).await
}
