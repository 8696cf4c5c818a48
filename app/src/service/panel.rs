//! The ticket page's service panel: warranty decision, quote and service report together, each with
//! the form the person may use now.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::ServiceRecord;
use super::depot_panel::DepotSection;
use super::quote_panel::QuoteSection;
use super::report_panel::ReportSection;
use super::warranty_panel::WarrantySection;
use crate::domain::service::{ChargeClass, ServiceAction};

/// Everything service execution recorded on the ticket. Shown for the types that keep service
/// records; the quote part only once the work is charged (or a quote exists).
#[component]
pub fn ServicePanel(
    number: String,
    version: u64,
    record: ServiceRecord,
    purchase_date: Option<NaiveDate>,
    /// A depot repair: the depot record (receipt, repairer, tracking) comes first.
    depot: bool,
    on_done: Callback<()>,
) -> impl IntoView {
    let may = |a: ServiceAction| record.actions.contains(&a);
    let charged = record.state().class == Some(ChargeClass::Charged) || record.quote.is_some();
    let (decide, propose, answer, file) = (
        may(ServiceAction::DecideWarranty),
        may(ServiceAction::ProposeQuote),
        may(ServiceAction::AnswerQuote),
        may(ServiceAction::FileReport),
    );
    let may_depot = may(ServiceAction::RecordDepot);
    view! {
        {depot.then(|| view! {
            <div class="service-part">
                <DepotSection number=number.clone() version record=record.depot.clone() may_record=may_depot on_done />
            </div>
        })}
        <div class="service-part">
            <WarrantySection number=number.clone() version record=record.warranty purchase_date may_decide=decide on_done />
        </div>
        {charged.then(|| view! {
            <div class="service-part">
                <QuoteSection number=number.clone() version quote=record.quote may_propose=propose may_answer=answer on_done />
            </div>
        })}
        <div class="service-part">
            <ReportSection number version report=record.report may_file=file on_done />
        </div>
    }
}
