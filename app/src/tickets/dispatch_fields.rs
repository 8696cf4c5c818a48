//! The dispatch step's form fields: technicians ranked for this ticket with the reasons, expected time
//! on site and what to bring.

use leptos::prelude::*;

use crate::domain::dispatch::{Reason, Suggestion};
use crate::i18n::{I18n, use_i18n};

/// Radio choices of the ranked technicians (the best one preselected), then the order's details.
#[component]
pub fn DispatchFields(suggestions: Vec<Suggestion>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="field">
            <legend>{move || i18n.t("workflow.technician")}<span class="req" aria-hidden="true">" *"</span></legend>
            <p class="hint">{move || i18n.t("dispatch.ranked_hint")}</p>
            <div class="suggestions">
                {suggestions.into_iter().enumerate().map(|(i, s)| {
                    let reasons = s.reasons.clone();
                    view! {
                        <label class="suggestion">
                            <input type="radio" name="assignee" value=s.username.clone() checked=i == 0 />
                            <span>
                                <strong>{s.display_name.clone()}</strong> " (" {s.username.clone()} ")"
                                <span class="muted small reasons">{move || reasons_text(i18n, &reasons)}</span>
                            </span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
        <div class="form-row">
            <div class="field">
                <label for="f-estimate">{move || i18n.t("workflow.estimate_minutes")}</label>
                <input id="f-estimate" name="estimate_minutes" inputmode="numeric" />
            </div>
            <div class="field">
                <label for="f-bring">{move || i18n.t("workflow.bring")}</label>
                <input id="f-bring" name="bring" maxlength="500" />
            </div>
        </div>
    }
}

/// "knows 加工中心 · works in 华东 · 2 open jobs" in the reader's language.
fn reasons_text(i18n: I18n, reasons: &[Reason]) -> String {
    reasons
        .iter()
        .map(|r| match r {
            Reason::ProductLine { line } => i18n.t_with("dispatch.reason.product_line", &[("line", line)]),
            Reason::Region { region } => i18n.t_with("dispatch.reason.region", &[("region", region)]),
            Reason::Load { open_jobs } => {
                i18n.t_with("dispatch.reason.load", &[("n", &open_jobs.to_string())])
            }
            Reason::Booked { appointments } => {
                i18n.t_with("dispatch.reason.booked", &[("n", &appointments.to_string())])
            }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}
