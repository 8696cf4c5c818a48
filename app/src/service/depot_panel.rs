//! A depot repair's record on the ticket page: the unit received (with the printable receipt), who
//! repairs it, the tracking numbers in and back; and the form that records them.

use leptos::prelude::*;
use web_sys::SubmitEvent;

use super::form_support::{RecordError, RecordedBy, Submitted, new_key, target, watch_answer};
use super::{DepotRecord, DepotRequest, RecordDepot};
use crate::domain::service::depot::{DepotInput, Repairer};
use crate::i18n::use_i18n;
use crate::tickets::widgets::Fact;

/// The record (or "not received yet") and, when `may_record`, its form.
#[component]
pub fn DepotSection(
    number: String,
    version: u64,
    record: Option<DepotRecord>,
    may_record: bool,
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let action = ServerAction::<RecordDepot>::new();
    let failure = watch_answer(action.value(), number.clone(), on_done);
    let receipt = format!("/tickets/{number}/receipt");
    let number = StoredValue::new(number);
    let key = StoredValue::new(new_key("depot", version));
    let on_submit = move |ev: SubmitEvent| {
        let Some(form) = Submitted::from_event(&ev) else { return };
        action.dispatch(RecordDepot {
            request: DepotRequest {
                target: target(&number.get_value(), version, key.get_value()),
                depot: DepotInput {
                    received_on: form.get("received_on"),
                    accessories: form.get("accessories"),
                    condition: form.get("condition"),
                    tracking_in: form.get("tracking_in"),
                    repairer: form.get("repairer"),
                    outside_name: form.get("outside_name"),
                    tracking_back: form.get("tracking_back"),
                },
            },
        });
    };
    let f = record.as_ref().map(|r| r.facts.clone());
    let text = |v: Option<String>| v.unwrap_or_default();
    let received =
        f.as_ref().map_or_else(|| chrono::Utc::now().date_naive().to_string(), |f| f.received_on.to_string());
    let outside = f.as_ref().is_some_and(|f| f.repairer == Repairer::Outside);
    let (accessories, condition) = (
        text(f.as_ref().and_then(|f| f.accessories.clone())),
        text(f.as_ref().and_then(|f| f.condition.clone())),
    );
    let (tracking_in, tracking_back) = (
        text(f.as_ref().and_then(|f| f.tracking_in.clone())),
        text(f.as_ref().and_then(|f| f.tracking_back.clone())),
    );
    let outside_name = text(f.as_ref().and_then(|f| f.outside_name.clone()));
    let recorded = record.is_some();
    view! {
        <h3>{move || i18n.t("depot.title")}</h3>
        {match record {
            Some(r) => {
                let f = r.facts;
                let repairer = match (&f.repairer, &f.outside_name) {
                    (Repairer::Outside, Some(name)) => i18n.t_with("depot.outside_named", &[("name", name)]),
                    (r, _) => i18n.t(r.label_key()),
                };
                view! {
                    <dl class="facts inline">
                        <Fact label="depot.received_on" value=f.received_on.to_string() />
                        <Fact label="depot.repairer" value=repairer />
                        <Fact label="depot.tracking_in" value=f.tracking_in.clone() />
                        <Fact label="depot.tracking_back" value=f.tracking_back.clone() />
                        <Fact label="depot.accessories" value=f.accessories.clone() />
                        <Fact label="depot.condition" value=f.condition.clone() />
                    </dl>
                    <RecordedBy recorded=r.recorded />
                    <p><a class="button" href=receipt>{move || i18n.t("depot.print_receipt")}</a></p>
                }.into_any()
            }
            None => view! { <p class="muted">{move || i18n.t("depot.not_received")}</p> }.into_any(),
        }}
        {may_record.then(|| view! {
            <button type="button" class="button" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>
                {move || i18n.t(if recorded { "depot.change" } else { "depot.receive" })}
            </button>
            <Show when=move || open.get()>
                <form class="record-form" novalidate on:submit=on_submit>
                    <RecordError failure />
                    <div class="form-row">
                        <div class="field">
                            <label for="d-received">{move || i18n.t("depot.received_on")}<span class="req" aria-hidden="true">" *"</span></label>
                            <input id="d-received" name="received_on" type="date" value=received.clone() aria-required="true" />
                        </div>
                        <div class="field">
                            <label for="d-in">{move || i18n.t("depot.tracking_in")}</label>
                            <input id="d-in" name="tracking_in" maxlength="40" value=tracking_in.clone() />
                        </div>
                        <div class="field">
                            <label for="d-back">{move || i18n.t("depot.tracking_back")}</label>
                            <input id="d-back" name="tracking_back" maxlength="40" value=tracking_back.clone() />
                        </div>
                    </div>
                    <div class="form-row">
                        <div class="field">
                            <label for="d-acc">{move || i18n.t("depot.accessories")}</label>
                            <input id="d-acc" name="accessories" maxlength="200" value=accessories.clone() />
                        </div>
                        <div class="field">
                            <label for="d-cond">{move || i18n.t("depot.condition")}</label>
                            <input id="d-cond" name="condition" maxlength="200" value=condition.clone() />
                        </div>
                    </div>
                    <fieldset class="field">
                        <legend>{move || i18n.t("depot.repairer")}<span class="req" aria-hidden="true">" *"</span></legend>
                        <div class="checks">
                            <label class="check"><input type="radio" name="repairer" value="in_house" checked=!outside />{move || i18n.t("depot.repairer.in_house")}</label>
                            <label class="check"><input type="radio" name="repairer" value="outside" checked=outside />{move || i18n.t("depot.repairer.outside")}</label>
                        </div>
                    </fieldset>
                    <div class="field">
                        <label for="d-outside">{move || i18n.t("depot.outside_name")}</label>
                        <input id="d-outside" name="outside_name" maxlength="200" value=outside_name.clone() />
                        <p class="hint">{move || i18n.t("depot.outside_hint")}</p>
                    </div>
                    <div class="form-actions">
                        <button type="submit" class="button primary" disabled=move || action.pending().get()>
                            {move || i18n.t("depot.save")}
                        </button>
                    </div>
                </form>
            </Show>
        })}
    }
}
