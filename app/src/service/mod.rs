//! Service execution on a ticket: warranty decision, quote and the customer's answer, service report;
//! their DTOs, server functions, the ticket page's service panel and the printable report.

mod api;
#[cfg(feature = "ssr")]
pub(crate) mod api_checks;
mod depot_panel;
pub(crate) mod form_support;
mod model;
mod panel;
mod print_page;
mod quote_panel;
mod receipt_page;
mod report_panel;
mod warranty_panel;

pub use api::{
    AnswerQuote, DecideWarranty, FileReport, ProposeQuote, RecordDepot, answer_quote, decide_warranty,
    file_report, propose_quote, record_depot,
};
pub use model::*;
pub use panel::ServicePanel;
pub use print_page::ReportPrintPage;
pub use receipt_page::ReceiptPrintPage;

/// The names of the service records' events (`event.record.<name>` in the translations).
pub const RECORD_EVENTS: [&str; 11] = [
    "warranty",
    "quote_proposed",
    "quote_approved",
    "quote_rejected",
    "report_filed",
    "report_amended",
    "parts_requested",
    "parts_issued",
    "parts_cancelled",
    "depot_received",
    "depot_updated",
];
