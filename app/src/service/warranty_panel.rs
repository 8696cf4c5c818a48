//! The warranty decision on the ticket page: what was decided and why, and the form to record it.

use chrono::NaiveDate;
use leptos::prelude::*;
use web_sys::SubmitEvent;

use super::form_support::{RecordError, RecordedBy, Submitted, new_key, target, watch_answer};
use super::{DecideWarranty, WarrantyRecord, WarrantyRequest};
use crate::i18n::use_i18n;

/// The recorded decision (or "not decided yet") and, when `may_decide`, the form that records it.
/// `purchase_date` prefills the start of the warranty.
#[component]
pub fn WarrantySection(
    number: String,
    version: u64,
    record: Option<WarrantyRecord>,
    purchase_date: Option<NaiveDate>,
    may_decide: bool,
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let action = ServerAction::<DecideWarranty>::new();
    let failure = watch_answer(action.value(), number.clone(), on_done);
    let number = StoredValue::new(number);
    let key = StoredValue::new(new_key("warranty", version));
    let on_submit = move |ev: SubmitEvent| {
        let Some(form) = Submitted::from_event(&ev) else { return };
        action.dispatch(DecideWarranty {
            request: WarrantyRequest {
                target: target(&number.get_value(), version, key.get_value()),
                start_date: form.get("start_date"),
                months: form.get("months"),
                contract_until: form.get("contract_until"),
                seal_broken: form.checked("seal_broken"),
                user_caused: form.checked("user_caused"),
                note: form.get("note"),
            },
        });
    };
    let facts = record.as_ref().map(|r| r.facts.clone());
    let start = facts.as_ref().map_or(purchase_date, |f| f.start).map(|d| d.to_string()).unwrap_or_default();
    let months = facts.as_ref().map_or(12, |f| f.months).to_string();
    let contract = facts.as_ref().and_then(|f| f.contract_until).map(|d| d.to_string()).unwrap_or_default();
    let (seal, caused) = facts.as_ref().map_or((false, false), |f| (f.seal_broken, f.user_caused));
    let decided = record.is_some();
    view! {
        <h3>{move || i18n.t("warranty.title")}</h3>
        {match record {
            Some(r) => {
                let d = r.decision;
                let until = d.covered_until.map(|u| u.to_string());
                view! {
                    <p class="charge-class">
                        <span class=format!("badge charge-{}", d.class.letter())>
                            {d.class.letter().to_string()} " · " {move || i18n.t(d.class.label_key())}
                        </span>
                        " " <span>{move || i18n.t(d.basis.label_key())}</span>
                        {until.map(|u| view! { " " <span class="muted">{move || i18n.t_with("warranty.covered_until", &[("date", &u)])}</span> })}
                    </p>
                    <RecordedBy recorded=r.recorded />
                }.into_any()
            }
            None => view! { <p class="muted">{move || i18n.t("warranty.undecided")}</p> }.into_any(),
        }}
        {may_decide.then(|| view! {
            <button type="button" class="button" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>
                {move || i18n.t(if decided { "warranty.change" } else { "warranty.decide" })}
            </button>
            <Show when=move || open.get()>
                <form class="record-form" novalidate on:submit=on_submit>
                    <RecordError failure />
                    <div class="form-row">
                        <div class="field">
                            <label for="w-start">{move || i18n.t("service.field.start_date")}</label>
                            <input id="w-start" name="start_date" type="date" value=start.clone() />
                        </div>
                        <div class="field">
                            <label for="w-months">{move || i18n.t("service.field.months")}</label>
                            <input id="w-months" name="months" type="number" min="0" max="120" inputmode="numeric" value=months.clone() />
                        </div>
                        <div class="field">
                            <label for="w-contract">{move || i18n.t("service.field.contract_until")}</label>
                            <input id="w-contract" name="contract_until" type="date" value=contract.clone() />
                        </div>
                    </div>
                    <div class="checks">
                        <label class="check"><input type="checkbox" name="seal_broken" checked=seal />{move || i18n.t("service.field.seal_broken")}</label>
                        <label class="check"><input type="checkbox" name="user_caused" checked=caused />{move || i18n.t("service.field.user_caused")}</label>
                    </div>
                    <div class="field">
                        <label for="w-note">{move || i18n.t("workflow.note")}</label>
                        <input id="w-note" name="note" maxlength="500" />
                    </div>
                    <div class="form-actions">
                        <button type="submit" class="button primary" disabled=move || action.pending().get()>
                            {move || i18n.t("warranty.save")}
                        </button>
                    </div>
                </form>
            </Show>
        })}
    }
}
