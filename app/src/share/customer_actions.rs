//! (ssr) What a customer sends through their link: `POST /c/<token>/quote` (approve or reject the
//! quote), `/survey` (1–5 and a comment) and `/message`. Each is recorded in the ticket's audit trail
//! under the customer's name; success answers "see the page" (303), a refusal shows the page again
//! with the message and everything the customer typed.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{Extensions, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::customer_page::{html, page_locale, render_ticket, ticket_or_refusal, unavailable};
use super::customer_view::{Body, Forms, Refused, document};
use crate::auth::guard::ClientAddress;
use crate::db::share::{CustomerAction, LinkActor, LinkWritten};
use crate::domain::share::{MESSAGE_CHARS, parse_score};
use crate::state::AppState;

/// The quote form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct QuoteForm {
    pub answer: String,
    pub note: String,
    pub version: u64,
    pub key: String,
}

/// The survey form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SurveyForm {
    pub score: String,
    pub comment: String,
    pub key: String,
}

/// The message form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MessageForm {
    pub message: String,
    pub key: String,
}

/// Why an action was not recorded.
enum Outcome {
    Done(&'static str),
    Refused(Refused, StatusCode),
    Failed(Response),
}

/// A link that opens and a client within its limits for forms: the ticket number.
pub(super) async fn admit_form(
    state: &AppState,
    extensions: &Extensions,
    token: &str,
) -> Result<String, Response> {
    let number = ticket_or_refusal(state, extensions, token).await?;
    let address = extensions.get::<ClientAddress>().map(|a| a.0.as_str()).unwrap_or_default();
    if !state.public_limits.allow_customer_post(address) {
        tracing::warn!(%address, "customer forms over the limit");
        return Err(StatusCode::TOO_MANY_REQUESTS.into_response());
    }
    Ok(number)
}

/// [`admit_form`], and a well-formed request key.
async fn admit(
    state: &AppState,
    extensions: &Extensions,
    token: &str,
    key: &str,
) -> Result<String, Response> {
    let number = admit_form(state, extensions, token).await?;
    if !valid_key(key) {
        return Err(StatusCode::BAD_REQUEST.into_response());
    }
    Ok(number)
}

/// Whether a form's request key has the shape the page gives it.
pub(crate) fn valid_key(key: &str) -> bool {
    (8..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Answers an action: back to the page with a notice, or the page again with the refusal.
async fn answer(
    state: &AppState,
    headers: &HeaderMap,
    token: &str,
    number: &str,
    outcome: Outcome,
) -> Response {
    match outcome {
        Outcome::Done(what) => Redirect::to(&format!("/c/{token}?done={what}")).into_response(),
        Outcome::Refused(refused, status) => {
            let forms = Forms { refused: Some(refused), ..Forms::new() };
            render_ticket(state, page_locale(headers, None), token, number, forms, status).await
        }
        Outcome::Failed(response) => response,
    }
}

fn refused(form: &'static str, code: &'static str, text: &str, score: Option<u8>) -> Outcome {
    let refused = Refused { form, code, text: text.chars().take(2 * MESSAGE_CHARS).collect(), score };
    Outcome::Refused(refused, StatusCode::UNPROCESSABLE_ENTITY)
}

/// The customer as the audit trail names them.
pub(super) fn customer_name(contact: &str) -> String {
    format!("{contact}（客户）")
}

/// The contact's name and the ticket, for the actor of an action.
async fn contact_of(state: &AppState, number: &str) -> Result<crate::tickets::Ticket, Response> {
    let parsed =
        crate::domain::TicketNumber::parse(number).map_err(|_| StatusCode::NOT_FOUND.into_response())?;
    match crate::db::tickets::get(&state.db, &parsed, state.tz).await {
        Ok(Some(detail)) => Ok(detail.ticket),
        Ok(None) => {
            Err(html(StatusCode::NOT_FOUND, document(page_locale(&HeaderMap::new(), None), Body::Invalid)))
        }
        Err(_) => Err(unavailable()),
    }
}

/// `POST /c/<token>/quote`.
pub async fn answer_quote(
    State(state): State<AppState>,
    Path(token): Path<String>,
    extensions: Extensions,
    headers: HeaderMap,
    Form(form): Form<QuoteForm>,
) -> Response {
    let number = match admit(&state, &extensions, &token, &form.key).await {
        Ok(number) => number,
        Err(refusal) => return refusal,
    };
    let outcome = quote_outcome(&state, &number, &form).await;
    answer(&state, &headers, &token, &number, outcome).await
}

async fn quote_outcome(state: &AppState, number: &str, form: &QuoteForm) -> Outcome {
    use crate::db::service::{RecordBody, RecordWrite};
    use crate::db::workflow::{StepWritten, applied};
    use crate::domain::service::QuoteStatus;

    let approved = match form.answer.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return refused("quote", "customer.error.choose", &form.note, None),
    };
    let note = match crate::domain::text::clean_optional(&form.note, 500) {
        Ok(note) => note,
        Err(e) => return refused("quote", e.code(), &form.note, None),
    };
    match applied(&state.db, number, &form.key).await {
        Ok(Some(_)) => return Outcome::Done("quote"),
        Ok(None) => {}
        Err(_) => return Outcome::Failed(unavailable()),
    }
    let ticket = match contact_of(state, number).await {
        Ok(ticket) => ticket,
        Err(response) => return Outcome::Failed(response),
    };
    let Ok(record) = crate::db::service::load(&state.db, number, state.tz).await else {
        return Outcome::Failed(unavailable());
    };
    let allowed = crate::domain::service::customer_may_answer_quote(
        ticket.service_type,
        ticket.status,
        &record.state(),
    );
    let (Ok(()), Some(mut quote)) = (allowed, record.quote.clone()) else {
        return refused("quote", "customer.error.quote_closed", &form.note, None);
    };
    if form.version != ticket.version {
        return changed_meanwhile(form);
    }
    let name = customer_name(&ticket.contact_name);
    let now = chrono::Utc::now();
    quote.status = if approved { QuoteStatus::Approved } else { QuoteStatus::Rejected };
    quote.answered =
        Some(crate::service::Recorded { by: name.clone(), at: now.with_timezone(&state.tz).fixed_offset() });
    quote.answer_note = note.clone();
    let new_status = if approved { "approved" } else { "rejected" };
    let changes = [crate::tickets::FieldChange {
        field: "quote_status".into(),
        old: Some("proposed".into()),
        new: Some(new_status.into()),
    }];
    let write = RecordWrite {
        number,
        status: ticket.status,
        version: ticket.version,
        request_key: &form.key,
        what: if approved { "quote_approved" } else { "quote_rejected" },
        body: RecordBody::Quote(&quote),
        actor_name: &name,
        actor_username: "customer",
        note: note.as_deref(),
        changes: &changes,
        stock: &[],
        now,
    };
    match crate::db::service::write(&state.db, &write).await {
        Ok(StepWritten::Done(_)) => {
            tracing::info!(%number, approved, "the customer answered the quote");
            Outcome::Done("quote")
        }
        Ok(StepWritten::Stale { .. }) => changed_meanwhile(form),
        Ok(StepWritten::Missing) => Outcome::Failed(StatusCode::NOT_FOUND.into_response()),
        Err(_) => Outcome::Failed(unavailable()),
    }
}

/// The ticket changed since the customer's page was loaded: read it again, the remark kept.
fn changed_meanwhile(form: &QuoteForm) -> Outcome {
    let refused =
        Refused { form: "quote", code: "customer.error.changed", text: form.note.clone(), score: None };
    Outcome::Refused(refused, StatusCode::CONFLICT)
}

/// `POST /c/<token>/survey`.
pub async fn answer_survey(
    State(state): State<AppState>,
    Path(token): Path<String>,
    extensions: Extensions,
    headers: HeaderMap,
    Form(form): Form<SurveyForm>,
) -> Response {
    let number = match admit(&state, &extensions, &token, &form.key).await {
        Ok(number) => number,
        Err(refusal) => return refusal,
    };
    let score = parse_score(&form.score);
    let outcome = match (score, crate::domain::text::clean_optional(&form.comment, MESSAGE_CHARS)) {
        (None, _) => refused("survey", "customer.error.score", &form.comment, None),
        (_, Err(e)) => refused("survey", e.code(), &form.comment, score),
        (Some(score), Ok(comment)) => {
            let action = CustomerAction::Survey { score, comment: comment.as_deref() };
            act(&state, &number, action, &form.key, "survey").await
        }
    };
    answer(&state, &headers, &token, &number, outcome).await
}

/// `POST /c/<token>/message`.
pub async fn leave_message(
    State(state): State<AppState>,
    Path(token): Path<String>,
    extensions: Extensions,
    headers: HeaderMap,
    Form(form): Form<MessageForm>,
) -> Response {
    let number = match admit(&state, &extensions, &token, &form.key).await {
        Ok(number) => number,
        Err(refusal) => return refusal,
    };
    let outcome = match crate::domain::text::clean_text(&form.message, MESSAGE_CHARS, true) {
        Err(e) => refused("message", e.code(), &form.message, None),
        Ok(text) => act(&state, &number, CustomerAction::Message(&text), &form.key, "message").await,
    };
    answer(&state, &headers, &token, &number, outcome).await
}

/// Records a message or survey under the customer's name.
async fn act(
    state: &AppState,
    number: &str,
    action: CustomerAction<'_>,
    key: &str,
    what: &'static str,
) -> Outcome {
    let ticket = match contact_of(state, number).await {
        Ok(ticket) => ticket,
        Err(response) => return Outcome::Failed(response),
    };
    let allowed = match action {
        CustomerAction::Message(_) | CustomerAction::Photo { .. } => ticket.status.is_open(),
        CustomerAction::Survey { .. } => crate::domain::share::survey_open(ticket.status),
    };
    if !allowed {
        return refused(what, "customer.error.closed", "", None);
    }
    let name = customer_name(&ticket.contact_name);
    let by = LinkActor { name: &name, username: "customer", now: chrono::Utc::now() };
    match crate::db::share::customer_action(&state.db, number, action, key, &by).await {
        // The survey answered already (perhaps by this very form, sent twice): nothing more to do.
        Ok(LinkWritten::Done | LinkWritten::Missing) => {
            tracing::info!(%number, what, "customer action recorded");
            Outcome::Done(what)
        }
        Err(error) => {
            tracing::error!(%error, "customer action failed");
            Outcome::Failed(unavailable())
        }
    }
}
