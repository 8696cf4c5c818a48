//! Small pieces the asset pages share.

use leptos::prelude::*;

use crate::domain::service::ChargeClass;
use crate::domain::service::warranty::WarrantyDecision;
use crate::i18n::use_i18n;

/// A unit's cover on a day, in words: "in warranty (through 2026-03-09)", "expired", "under contract".
#[component]
pub fn WarrantyStatus(decision: WarrantyDecision) -> impl IntoView {
    let i18n = use_i18n();
    let class = match decision.class {
        ChargeClass::Free | ChargeClass::Contract => "badge warranty-covered",
        _ => "badge warranty-charged",
    };
    let until = decision.covered_until.map(|d| d.to_string());
    view! {
        <span class=class>{move || i18n.t(decision.basis.label_key())}</span>
        {until.map(|date| view! {
            " " <span class="muted">{move || i18n.t_with("warranty.covered_until", &[("date", &date)])}</span>
        })}
    }
}
