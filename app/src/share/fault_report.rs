//! (ssr) `/report-fault`: the public "report a fault" page (channel: web form). A customer enters
//! company, contact, phone, product, serial number and fault; the ticket lands in the agents' queue
//! and the customer lands on its live page, whose address is their link. Abuse is held off without
//! third parties: reports per client address are limited, a honeypot field catches form-filling
//! robots, and every field has a size limit (the body too).

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{Extensions, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::customer_page::{html, page_locale, unavailable};
use super::customer_view::{Body, document};
use crate::auth::guard::ClientAddress;
use crate::domain::IntakeInput;
use crate::state::AppState;

/// The largest report body accepted: every field at its limit fits many times over.
pub const BODY_LIMIT: usize = 32 * 1024;

/// What the customer may choose as the kind of help they need.
pub const NEEDS: [&str; 3] = ["field_repair", "depot_repair", "consultation"];

/// The report form, as sent; also what is shown again when it is refused.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FaultReportForm {
    pub company: String,
    pub contact_name: String,
    pub phone: String,
    pub region: String,
    pub address: String,
    pub product_model: String,
    pub serial_number: String,
    pub need: String,
    pub fault_description: String,
    pub preferred_time: String,
    /// The honeypot: hidden from people, filled in by robots.
    pub website: String,
}

/// The page's state: what was typed and what is wrong with it.
#[derive(Debug, Clone, Default)]
pub struct FaultReportPage {
    pub form: FaultReportForm,
    pub errors: Vec<crate::domain::FieldError>,
}

/// The query of the page: `?received=1` after a report the page does not say more about.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReportParams {
    pub received: Option<String>,
    pub lang: Option<String>,
}

/// `GET /report-fault`.
pub async fn report_page(headers: HeaderMap, Query(params): Query<ReportParams>) -> Response {
    let locale = page_locale(&headers, params.lang.as_deref().and_then(crate::i18n::Locale::from_tag));
    if params.received.is_some() {
        return html(StatusCode::OK, document(locale, Body::FaultReceived));
    }
    let page = FaultReportPage {
        form: FaultReportForm { need: NEEDS[0].into(), ..Default::default() },
        errors: vec![],
    };
    html(StatusCode::OK, document(locale, Body::FaultReport(&page)))
}

/// `POST /report-fault`.
pub async fn submit_report(
    State(state): State<AppState>,
    extensions: Extensions,
    headers: HeaderMap,
    Form(form): Form<FaultReportForm>,
) -> Response {
    let locale = page_locale(&headers, None);
    let address = extensions.get::<ClientAddress>().map(|a| a.0.as_str()).unwrap_or_default();
    if !state.public_limits.allow_fault_report(address) {
        tracing::warn!(%address, "fault reports over the limit");
        return html(StatusCode::TOO_MANY_REQUESTS, document(locale, Body::TooMany));
    }
    if !form.website.is_empty() {
        // Looks received, so a robot learns nothing; nothing is stored.
        tracing::warn!(%address, "fault report with the honeypot filled in: dropped");
        return Redirect::to("/report-fault?received=1").into_response();
    }
    let input = IntakeInput {
        company: form.company.clone(),
        contact_name: form.contact_name.clone(),
        phone: form.phone.clone(),
        region: form.region.clone(),
        address: form.address.clone(),
        product_model: form.product_model.clone(),
        serial_number: form.serial_number.clone(),
        fault_description: form.fault_description.clone(),
        preferred_time: form.preferred_time.clone(),
        channel: "web_form".into(),
        service_type: if NEEDS.contains(&form.need.as_str()) { form.need.clone() } else { String::new() },
        urgency: "normal".into(),
        ..Default::default()
    };
    let new = match input.validate(state.today()) {
        Ok(new) => new,
        Err(mut errors) => {
            for e in &mut errors {
                if e.field == "service_type" {
                    e.field = "need".into();
                }
            }
            let page = FaultReportPage { form, errors };
            return html(StatusCode::UNPROCESSABLE_ENTITY, document(locale, Body::FaultReport(&page)));
        }
    };
    let now = chrono::Utc::now();
    let actor = format!("{}（客户自助报修）", new.contact_name);
    let number = match crate::db::tickets::create(&state.db, &new, now, state.tz, &actor).await {
        Ok(number) => number,
        Err(error) => {
            tracing::error!(%error, "a fault report could not be stored");
            return unavailable();
        }
    };
    tracing::info!(%number, %address, "fault reported through the web form");
    let by = crate::db::share::LinkActor { name: "客户自助报修", username: "customer", now };
    match super::issue::issue(&state, number.as_str(), crate::domain::share::DEFAULT_DAYS, &by).await {
        Ok(issued) => Redirect::to(&format!("/c/{}?done=reported", issued.token)).into_response(),
        Err(error) => {
            tracing::error!(%error, %number, "no customer link for a reported fault");
            unavailable()
        }
    }
}
