//! What crosses the wire about customer links: the ticket page's list, a new link (its address is
//! shown once), and the customer's redacted view of their ticket.

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::ServiceType;
use crate::domain::share::{CustomerPhase, LinkState};

/// One customer link as the ticket page lists it. The token is never here: only its hash is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShareLink {
    /// Names the link for revoking; tells nothing about the token.
    pub key: String,
    pub state: LinkState,
    pub created_by: String,
    pub created_at: DateTime<FixedOffset>,
    pub expires_at: DateTime<FixedOffset>,
    pub revoked_at: Option<DateTime<FixedOffset>>,
    pub revoked_by: Option<String>,
    pub last_opened_at: Option<DateTime<FixedOffset>>,
}

/// A link just created: its address, which exists only in this answer, and its QR code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewShareLink {
    pub url: String,
    /// The address as an inline `<svg>` QR code, for printing on the receipt.
    pub qr_svg: String,
    pub expires_at: DateTime<FixedOffset>,
}

/// The customer's answer to the satisfaction survey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerSurvey {
    /// 1 (very unsatisfied) to 5 (very satisfied).
    pub score: u8,
    pub comment: Option<String>,
    pub at: DateTime<FixedOffset>,
}

/// A quote as its customer sees it: what it is for and what it costs, not who wrote it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerQuote {
    pub lines: Vec<crate::domain::service::quote::QuoteLine>,
    pub total_fen: u64,
    pub status: crate::domain::service::QuoteStatus,
}

/// Everything the customer's page shows of a ticket, and nothing else: no notes, costs, staff
/// contacts, internal people or other customers' data. Built only by [`CustomerTicket::project`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerTicket {
    pub number: String,
    pub company: String,
    pub product_model: String,
    pub serial_number: Option<String>,
    pub service_type: ServiceType,
    pub phase: CustomerPhase,
    /// Each phase with when it began, oldest first.
    pub timeline: Vec<(DateTime<FixedOffset>, CustomerPhase)>,
    /// The technician's name, once one is dispatched.
    pub technician: Option<String>,
    pub appointment: Option<NaiveDateTime>,
    /// The nearest running deadline promised to the customer, in the company's time.
    pub promised_by: Option<NaiveDateTime>,
    /// The quote sent to the customer, if any; answerable while it is proposed and the work open.
    pub quote: Option<CustomerQuote>,
    pub may_answer_quote: bool,
    /// Their survey answer, once given; `may_survey` once the work is done and until they answer.
    pub survey: Option<CustomerSurvey>,
    pub may_survey: bool,
    /// The messages the customer left through the link, oldest first.
    pub messages: Vec<(DateTime<FixedOffset>, String)>,
    /// The photos the customer sent through the link (file names), oldest first.
    pub photos: Vec<(DateTime<FixedOffset>, String)>,
    /// Whether a message can still be left (the ticket is open).
    pub may_message: bool,
    /// The ticket's version: an open page re-reads when the live stream announces a newer one.
    pub version: u64,
}

/// The event record of a message the customer left through their link.
pub const CUSTOMER_MESSAGE: &str = "customer_message";

/// The event record of a photo the customer sent through their link (its note is the file's name).
pub const CUSTOMER_PHOTO: &str = "customer_photo";

impl CustomerTicket {
    /// The customer's view of a loaded ticket whose clocks are read, with its service `record`.
    pub fn project(detail: &crate::tickets::TicketDetail, record: &crate::service::ServiceRecord) -> Self {
        let t = &detail.ticket;
        let history: Vec<_> = detail
            .events
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    crate::tickets::TicketEventKind::Created
                        | crate::tickets::TicketEventKind::Step
                        | crate::tickets::TicketEventKind::StatusChanged
                )
            })
            .map(|e| (e.at, e.to_status))
            .collect();
        let promised_by = detail
            .clocks
            .iter()
            .filter(|c| crate::domain::share::promised_to_customer(c.kind) && !c.paused)
            .filter_map(|c| c.deadline)
            .min();
        let dispatched = t.assignee.is_some() && CustomerPhase::of(t.status) != CustomerPhase::Cancelled;
        CustomerTicket {
            number: t.number.to_string(),
            company: t.company.clone(),
            product_model: t.product_model.clone(),
            serial_number: t.serial_number.clone(),
            service_type: t.service_type,
            phase: CustomerPhase::of(t.status),
            timeline: crate::domain::share::customer_timeline(&history),
            technician: dispatched.then(|| t.assignee_name.clone()).flatten(),
            appointment: dispatched.then_some(t.appointment).flatten(),
            promised_by: t.status.is_open().then_some(promised_by).flatten(),
            quote: record.quote.as_ref().map(|q| CustomerQuote {
                lines: q.lines.clone(),
                total_fen: q.total_fen,
                status: q.status,
            }),
            may_answer_quote: crate::domain::service::customer_may_answer_quote(
                t.service_type,
                t.status,
                &record.state(),
            )
            .is_ok(),
            survey: t.survey.clone(),
            may_survey: t.survey.is_none() && crate::domain::share::survey_open(t.status),
            messages: detail
                .events
                .iter()
                .filter(|e| e.record.as_deref() == Some(CUSTOMER_MESSAGE))
                .filter_map(|e| e.note.clone().map(|n| (e.at, n)))
                .collect(),
            photos: detail
                .events
                .iter()
                .filter(|e| e.record.as_deref() == Some(CUSTOMER_PHOTO))
                .filter_map(|e| e.note.clone().map(|n| (e.at, n)))
                .collect(),
            may_message: t.status.is_open(),
            version: t.version,
        }
    }
}
