//! Service execution on a ticket: warranty decision, quote and the customer's answer, service report;
//! their DTOs, server functions, the ticket page's service panel and the printable report.

mod api;
mod form_support;
mod model;
mod panel;
mod print_page;
mod quote_panel;
mod report_panel;
mod warranty_panel;

pub use api::{
    AnswerQuote, DecideWarranty, FileReport, ProposeQuote, answer_quote, decide_warranty, file_report,
    propose_quote,
};
pub use model::*;
pub use panel::ServicePanel;
pub use print_page::ReportPrintPage;

/// The names of the service records' events (`event.record.<name>` in the translations).
pub const RECORD_EVENTS: [&str; 6] =
    ["warranty", "quote_proposed", "quote_approved", "quote_rejected", "report_filed", "report_amended"];
