//! The ticket page's workflow panel: every deadline with its state, and the steps the person may take
//! now, each with the form it needs. The server re-checks every submission.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{FormData, HtmlFormElement, SubmitEvent};

use super::dispatch_fields::DispatchFields;
use super::review_fields::{ReviewFields, field_name};
use super::{StaffOption, StepRequest, TakeStep, TicketClock};
use crate::components::ErrorNotice;
use crate::domain::dispatch::Suggestion;
use crate::domain::sla::{ClockKind, ClockState};
use crate::domain::workflow::Step;
use crate::error::TicketError;
use crate::i18n::{I18n, use_i18n};

/// "Someone changed this ticket; your step was not saved": which ticket, at which (newer) version.
/// Kept at app level because reloading the ticket rebuilds the page under it.
#[derive(Clone, Copy)]
pub struct ConflictNotice(pub RwSignal<Option<(String, u64)>>);

/// Provides the [`ConflictNotice`]; call once at the top of the app.
pub fn provide_conflict_notice() {
    provide_context(ConflictNotice(RwSignal::new(None)));
}

/// The app's [`ConflictNotice`] (a fresh one when none was provided).
pub fn use_conflict_notice() -> ConflictNotice {
    use_context::<ConflictNotice>().unwrap_or_else(|| ConflictNotice(RwSignal::new(None)))
}

/// The deadlines of a ticket.
#[component]
pub fn ClockList(clocks: Vec<TicketClock>) -> impl IntoView {
    let i18n = use_i18n();
    if clocks.is_empty() {
        return view! { <p class="muted">{move || i18n.t("clock.none")}</p> }.into_any();
    }
    view! {
        <ul class="clocks">
            {clocks.into_iter().map(|c| {
                let kind = serde_json::to_value(c.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                let state = serde_json::to_value(c.state).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                let (kind_key, state_key) = (format!("clock.{kind}"), format!("clock_state.{state}"));
                let class = format!("badge clock-{state}");
                view! {
                    <li>
                        <span class="clock-name">{move || i18n.t(&kind_key)}</span>
                        <span class=class>{move || i18n.t(&state_key)}</span>
                        <span class="muted">{move || clock_detail(i18n, &c)}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A deadline in words: when it falls due and how long is left (or how far over it is).
pub fn clock_detail(i18n: I18n, c: &TicketClock) -> String {
    let amount = |minutes: i64| {
        let m = minutes.abs();
        if m >= 60 {
            i18n.t_with("clock.hours_minutes", &[("h", &(m / 60).to_string()), ("m", &(m % 60).to_string())])
        } else {
            i18n.t_with("clock.minutes", &[("m", &m.to_string())])
        }
    };
    match (c.state, c.paused, c.deadline) {
        (ClockState::Met, ..) => String::new(),
        (_, true, _) => i18n.t("clock.paused"),
        (ClockState::Breached, ..) => {
            i18n.t_with("clock.over_by", &[("amount", &amount(c.remaining_minutes))])
        }
        (_, _, Some(deadline)) => i18n.t_with(
            "clock.due",
            &[("at", &deadline.format("%m-%d %H:%M").to_string()), ("amount", &amount(c.remaining_minutes))],
        ),
        _ => String::new(),
    }
}

/// What the review form asks about: the deadlines missed and the people who can be named for them.
#[derive(Debug, Clone, Default)]
pub struct ReviewChoices {
    pub breached: Vec<ClockKind>,
    pub staff: Vec<StaffOption>,
}

/// The steps the person may take, each opening its form. `on_done` reloads the ticket.
#[component]
pub fn StepPanel(
    number: String,
    version: u64,
    steps: Vec<Step>,
    suggestions: Vec<Suggestion>,
    review: ReviewChoices,
    /// The customer's own survey answer, which the follow-up call starts from.
    survey: Option<crate::share::CustomerSurvey>,
    on_done: Callback<()>,
) -> impl IntoView {
    let conflict = use_conflict_notice().0;
    let survey_score = survey.as_ref().map(|s| s.score);
    let survey_note = StoredValue::new(survey);
    let number = StoredValue::new(number);
    let i18n = use_i18n();
    let chosen = RwSignal::new(None::<Step>);
    let action = ServerAction::<TakeStep>::new();
    let failure = RwSignal::new(None::<TicketError>);
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => {
            chosen.set(None);
            failure.set(None);
            conflict.set(None);
            on_done.run(());
        }
        Some(Err(TicketError::Conflict { current_version })) => {
            chosen.set(None);
            conflict.set(Some((number.get_value(), current_version)));
            on_done.run(());
        }
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    if steps.is_empty() {
        return view! { <p class="muted">{move || i18n.t("workflow.no_steps")}</p> }.into_any();
    }
    let suggestions = StoredValue::new(suggestions);
    let review = StoredValue::new(review);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(step) = chosen.get_untracked() else { return };
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
        let Ok(data) = FormData::new_with_form(&form) else { return };
        let get = |name: &str| data.get(name).as_string().unwrap_or_default();
        let wire =
            serde_json::to_value(step).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        action.dispatch(TakeStep {
            request: StepRequest {
                number: number.get_value(),
                idempotency_key: get("key"),
                step: wire,
                version,
                note: get("note"),
                reason: get("reason"),
                assignee: get("assignee"),
                satisfaction: get("satisfaction"),
                appointment: get("appointment"),
                estimate_minutes: get("estimate_minutes"),
                bring: get("bring"),
                responsible: review
                    .get_value()
                    .breached
                    .into_iter()
                    .map(|clock| (clock, get(&field_name(clock))))
                    .collect(),
            },
        });
    };
    view! {
        {move || failure.get().map(|e| match e {
            TicketError::Refused { refusal } => view! {
                <div class="alert alert-error" role="alert">{move || i18n.t(refusal.message_key())}</div>
            }.into_any(),
            TicketError::Invalid { fields } => {
                let code = fields.first().map(|f| f.code.clone()).unwrap_or_default();
                view! { <div class="alert alert-error" role="alert">{move || i18n.t(&code)}</div> }.into_any()
            }
            e => view! { <ErrorNotice kind=e.kind() /> }.into_any(),
        })}
        <div class="step-buttons" role="group" aria-label=move || i18n.t("workflow.steps")>
            {steps.into_iter().map(|step| {
                let key = step.label_key();
                view! {
                    <button type="button" class="button" class:primary=move || chosen.get() == Some(step)
                        aria-pressed=move || (chosen.get() == Some(step)).to_string()
                        on:click=move |_| { failure.set(None); chosen.set(Some(step)); }>
                        {move || i18n.t(&key)}
                    </button>
                }
            }).collect_view()}
        </div>
        {move || chosen.get().map(|step| {
            // One key per opened form: a double tap or a resend after a timeout applies once.
            let key = format!("{}-{version}-{}", step.label_key().replace('.', "-"), chrono::Utc::now().timestamp_micros());
            let needs_reason = matches!(step, Step::Cancel | Step::Reopen);
            view! {
                <form class="step-form" novalidate on:submit=on_submit>
                    <input type="hidden" name="key" value=key />
                    {(step == Step::Dispatch).then(|| view! { <DispatchFields suggestions=suggestions.get_value() /> })}
                    {(step == Step::Review).then(|| {
                        let ReviewChoices { breached, staff } = review.get_value();
                        view! { <ReviewFields breached staff /> }
                    })}
                    {(step == Step::Schedule).then(|| view! {
                        <div class="field">
                            <label for="f-appointment">{move || i18n.t("workflow.appointment")}<span class="req" aria-hidden="true">" *"</span></label>
                            <input id="f-appointment" name="appointment" type="datetime-local" aria-required="true" />
                        </div>
                    })}
                    {(step == Step::FollowUp).then(|| view! {
                        <fieldset class="field">
                            <legend>{move || i18n.t("workflow.satisfaction")}</legend>
                            <p class="hint">{move || i18n.t("workflow.score_hint")}</p>
                            {survey_note.get_value().map(|s| {
                                let score = s.score.to_string();
                                view! {
                                    <p class="survey-answer">
                                        {move || i18n.t_with("workflow.customer_survey", &[("score", &score)])}
                                        {s.comment.map(|c| view! { " " <q>{c}</q> })}
                                    </p>
                                }
                            })}
                            <div class="checks">
                                {(1u8..=5).map(|n| {
                                    let key = format!("workflow.score.{n}");
                                    view! {
                                        <label class="check">
                                            <input type="radio" name="satisfaction" value=n.to_string() checked=survey_score == Some(n) />
                                            <span class="score" aria-hidden="true">{n}</span>
                                            {move || i18n.t(&key)}
                                        </label>
                                    }
                                }).collect_view()}
                            </div>
                        </fieldset>
                    })}
                    {needs_reason.then(|| view! {
                        <div class="field">
                            <label for="f-reason">{move || i18n.t("workflow.reason")}<span class="req" aria-hidden="true">" *"</span></label>
                            <input id="f-reason" name="reason" maxlength="500" aria-required="true" />
                        </div>
                    })}
                    <div class="field">
                        <label for="f-note">{move || i18n.t("workflow.note")}</label>
                        <textarea id="f-note" name="note" rows="3" maxlength="2000"></textarea>
                    </div>
                    <div class="form-actions">
                        <button type="submit" class="button primary" disabled=move || action.pending().get()>
                            {move || i18n.t_with("workflow.confirm", &[("step", &i18n.t(&step.label_key()))])}
                        </button>
                    </div>
                </form>
            }
        })}
    }
    .into_any()
}
