//! `/admin/calendar`: business hours per weekday, public holidays and make-up working days.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{FormData, HtmlFormElement, SubmitEvent};

use crate::app::page_title;
use crate::auth::{AuthError, CalendarEdit, SaveCalendar, get_calendar};
use crate::components::ErrorNotice;
use crate::domain::FieldError;
use crate::domain::sla::CalendarForm;
use crate::error::HasKind;
use crate::i18n::use_i18n;

const WEEKDAYS: [&str; 7] = [
    "calendar.mon",
    "calendar.tue",
    "calendar.wed",
    "calendar.thu",
    "calendar.fri",
    "calendar.sat",
    "calendar.sun",
];

/// The calendar editor.
#[component]
pub fn CalendarPage() -> impl IntoView {
    let i18n = use_i18n();
    let refresh = RwSignal::new(0u32);
    let calendar = Resource::new(move || refresh.get(), |_| get_calendar());
    // Outside the editor: a save refetches the calendar and rebuilds the editor, and the notice must
    // outlive that.
    let saved = RwSignal::new(false);
    view! {
        {page_title("calendar.title")}
        <div class="page-head"><h1>{move || i18n.t("calendar.title")}</h1></div>
        <p class="muted">{move || i18n.t("calendar.intro")}</p>
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match calendar.await {
                    Ok(edit) => view! { <CalendarEditor edit refresh saved /> }.into_any(),
                    Err(e) => view! { <ErrorNotice kind=e.kind() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CalendarEditor(edit: CalendarEdit, refresh: RwSignal<u32>, saved: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveCalendar>::new();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<AuthError>);
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => {
            errors.set(Vec::new());
            failure.set(None);
            saved.set(true);
            refresh.update(|n| *n += 1);
        }
        Some(Err(AuthError::Invalid { fields })) => errors.set(fields),
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    let version = edit.version;
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
        let Ok(data) = FormData::new_with_form(&form) else { return };
        let get = |name: &str| data.get(name).as_string().unwrap_or_default();
        saved.set(false);
        let form = CalendarForm {
            hours: (0..7).map(|i| get(&format!("hours_{i}"))).collect(),
            schedule: get("schedule"),
        };
        action.dispatch(SaveCalendar { form, version });
    };
    let has_error = move |field: String| errors.with(|all| all.iter().any(|e| e.field == field));
    let line_errors = move || {
        errors.with(|all| {
            all.iter()
                .filter_map(|e| e.line)
                .map(|line| i18n.t_with("error.calendar_line", &[("line", &line.to_string())]))
                .collect::<Vec<_>>()
        })
    };
    view! {
        {move || saved.get().then(|| view! {
            <div class="alert alert-success" role="status">{move || i18n.t("calendar.saved")}</div>
        })}
        {move || failure.get().map(|e| match e {
            AuthError::Conflict => view! {
                <div class="alert alert-error" role="alert">{move || i18n.t("calendar.conflict")}</div>
            }.into_any(),
            e => view! { <ErrorNotice kind=e.kind() /> }.into_any(),
        })}
        <form class="panel" novalidate on:submit=on_submit>
            <h2>{move || i18n.t("calendar.hours")}</h2>
            <p class="hint">{move || i18n.t("calendar.hours_hint")}</p>
            <div class="grid-2">
                {edit.form.hours.iter().enumerate().take(7).map(|(i, value)| {
                    let name = format!("hours_{i}");
                    let id = format!("f-{name}");
                    let field = name.clone();
                    view! {
                        <div class="field" class:has-error=move || has_error(field.clone())>
                            <label for=id.clone()>{move || i18n.t(WEEKDAYS[i])}</label>
                            <input id=id name=name value=value.clone() maxlength="60" />
                        </div>
                    }
                }).collect_view()}
            </div>
            {move || errors.with(|all| all.iter().any(|e| e.field.starts_with("hours"))).then(|| view! {
                <p class="field-error" role="alert">{move || i18n.t("error.calendar_hours")}</p>
            })}
            <h2>{move || i18n.t("calendar.schedule")}</h2>
            <p class="hint">{move || i18n.t("calendar.schedule_hint")}</p>
            <div class="field" class:has-error=move || has_error("schedule".into())>
                <label for="f-schedule">{move || i18n.t("calendar.schedule_label")}</label>
                <textarea id="f-schedule" name="schedule" rows="14" class="mono">{edit.form.schedule.clone()}</textarea>
                {move || line_errors().into_iter().map(|m| view! { <p class="field-error">{m}</p> }).collect_view()}
            </div>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || action.pending().get()>
                    {move || i18n.t("calendar.save")}
                </button>
            </div>
        </form>
    }
}
