//! The service record DTOs shared by server functions and the wasm client.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::service::quote::{QuoteLine, QuoteLineInput};
use crate::domain::service::report::{ReportContent, ReportInput};
use crate::domain::service::warranty::{ChargeClass, WarrantyDecision, WarrantyFacts};
use crate::domain::service::{QuoteStatus, ServiceAction, ServiceState};

/// Who recorded something and when (company time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recorded {
    pub by: String,
    pub at: DateTime<FixedOffset>,
}

/// The warranty decision as recorded: the facts it was made on and the outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WarrantyRecord {
    pub facts: WarrantyFacts,
    pub decision: WarrantyDecision,
    pub recorded: Recorded,
}

/// A depot repair's record: the unit received (the receipt), who repairs it, the tracking numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepotRecord {
    pub facts: crate::domain::service::depot::DepotFacts,
    pub recorded: Recorded,
}

/// The current quote of a ticket and the customer's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub lines: Vec<QuoteLine>,
    pub total_fen: u64,
    pub status: QuoteStatus,
    pub proposed: Recorded,
    /// Who recorded the customer's answer, when; with how the customer answered.
    pub answered: Option<Recorded>,
    pub answer_note: Option<String>,
}

/// A filed service report (售后服务报告单) with the charge it settles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceReport {
    pub content: ReportContent,
    pub class: ChargeClass,
    /// The approved quote's total for charged work, otherwise 0.
    pub charges_fen: u64,
    pub filed: Recorded,
    /// Of the catalogue parts issued to the ticket, how many went back to the warehouse unused.
    #[serde(default)]
    pub parts_returned: Vec<crate::domain::parts::PartQuantity>,
}

/// Everything service execution recorded on a ticket, and what the person asking may record next.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ServiceRecord {
    pub warranty: Option<WarrantyRecord>,
    pub quote: Option<Quote>,
    pub report: Option<ServiceReport>,
    #[serde(default)]
    pub depot: Option<DepotRecord>,
    /// The records the person asking may add now.
    pub actions: Vec<ServiceAction>,
}

impl ServiceRecord {
    /// The rules' view of what is on record.
    pub fn state(&self) -> ServiceState {
        ServiceState {
            class: self.warranty.as_ref().map(|w| w.decision.class),
            quote: self.quote.as_ref().map(|q| q.status),
            has_report: self.report.is_some(),
        }
    }

    /// What the customer pays for the work, in fen: the approved quote's total for charged work (class
    /// A), nothing otherwise. The report records this; no form can set it.
    pub fn charges_fen(&self) -> u64 {
        use crate::domain::service::{ChargeClass, QuoteStatus};
        let class = self.warranty.as_ref().map(|w| w.decision.class);
        match (&self.quote, class) {
            (Some(q), Some(ChargeClass::Charged)) if q.status == QuoteStatus::Approved => q.total_fen,
            _ => 0,
        }
    }
}

/// The ticket version the page showed and a key that makes a resent request apply once: what every
/// record request carries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecordTarget {
    pub number: String,
    pub version: u64,
    pub idempotency_key: String,
}

/// The warranty form. Dates are `YYYY-MM-DD`; an empty start date means unknown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WarrantyRequest {
    pub target: RecordTarget,
    pub start_date: String,
    pub months: String,
    pub contract_until: String,
    pub seal_broken: bool,
    pub user_caused: bool,
    pub note: String,
}

/// A new quote for charged work.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuoteRequest {
    pub target: RecordTarget,
    pub lines: Vec<QuoteLineInput>,
    pub note: String,
}

/// The customer's answer to the open quote, as customer service or the technician heard it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuoteAnswerRequest {
    pub target: RecordTarget,
    pub approved: bool,
    /// How the customer answered (phone, on site, e-mail…).
    pub note: String,
}

/// The service report form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportRequest {
    pub target: RecordTarget,
    pub report: ReportInput,
}

/// The depot form (receipt, repairer, tracking numbers).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DepotRequest {
    pub target: RecordTarget,
    pub depot: crate::domain::service::depot::DepotInput,
}
