//! What the service forms share: reading a submitted form, a request key per opened form, reacting to
//! the server's answer, and listing field errors in the reader's language.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{FormData, HtmlFormElement, SubmitEvent};

use super::RecordTarget;
use crate::components::ErrorNotice;
use crate::domain::FieldError;
use crate::error::TicketError;
use crate::i18n::use_i18n;
use crate::tickets::StepDone;

/// The submitted form's values, read by input name.
pub struct Submitted(FormData);

impl Submitted {
    /// Stops the browser's own submission and reads the form; `None` if the event has no form.
    pub fn from_event(ev: &SubmitEvent) -> Option<Self> {
        ev.prevent_default();
        let form = ev.target()?.dyn_into::<HtmlFormElement>().ok()?;
        FormData::new_with_form(&form).ok().map(Self)
    }

    /// Reads already collected form data.
    pub fn wrap(data: FormData) -> Self {
        Self(data)
    }

    /// The value of input `name` ("" when absent).
    pub fn get(&self, name: &str) -> String {
        self.0.get(name).as_string().unwrap_or_default()
    }

    /// Whether checkbox `name` is ticked.
    pub fn checked(&self, name: &str) -> bool {
        self.0.has(name)
    }
}

/// A fresh request key for a form opened now: a double tap or a resend after a timeout applies once.
pub fn new_key(prefix: &str, version: u64) -> String {
    format!("{prefix}-{version}-{}", chrono::Utc::now().timestamp_micros())
}

/// The target of a record request from this page.
pub fn target(number: &str, version: u64, key: String) -> RecordTarget {
    RecordTarget { number: number.to_owned(), version, idempotency_key: key }
}

/// Watches a record write's answer: success reloads the ticket; a conflict reloads it and shows the
/// page's conflict notice; any other error is kept in the returned signal for the form to show.
pub fn watch_answer(
    value: impl Get<Value = Option<Result<StepDone, TicketError>>> + Send + Sync + 'static,
    number: String,
    on_done: Callback<()>,
) -> RwSignal<Option<TicketError>> {
    let failure = RwSignal::new(None::<TicketError>);
    let conflict = crate::tickets::use_conflict_notice().0;
    Effect::new(move |_| match value.get() {
        Some(Ok(_)) => {
            failure.set(None);
            conflict.set(None);
            on_done.run(());
        }
        Some(Err(TicketError::Conflict { current_version })) => {
            conflict.set(Some((number.clone(), current_version)));
            on_done.run(());
        }
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    failure
}

/// The error of a refused or invalid record write: every field problem on its own line, naming the
/// field (and line of a table), or the refusal, or the general notice.
#[component]
pub fn RecordError(failure: RwSignal<Option<TicketError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        failure.get().map(|e| match e {
            TicketError::Invalid { fields } => view! {
                <div class="alert alert-error" role="alert">
                    <ul class="error-list">
                        {fields.into_iter().map(|f| view! { <li>{move || field_error_text(i18n, &f)}</li> }).collect_view()}
                    </ul>
                </div>
            }
            .into_any(),
            TicketError::Refused { refusal } => view! {
                <div class="alert alert-error" role="alert">{move || i18n.t(refusal.message_key())}</div>
            }
            .into_any(),
            e => view! { <ErrorNotice kind=e.kind() /> }.into_any(),
        })
    }
}

fn field_error_text(i18n: crate::i18n::I18n, f: &FieldError) -> String {
    let field = i18n.t(&format!("service.field.{}", f.field));
    let message = i18n.t(&f.code);
    match f.line {
        Some(line) => i18n.t_with(
            "service.line_error",
            &[("line", &line.to_string()), ("field", &field), ("message", &message)],
        ),
        None => format!("{field}：{message}"),
    }
}

/// "Recorded by … at …" under a record.
#[component]
pub fn RecordedBy(
    recorded: super::Recorded,
    #[prop(default = "service.recorded_by")] key: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let at = crate::tickets::format_time(&recorded.at);
    view! { <p class="muted small">{move || i18n.t_with(key, &[("by", &recorded.by), ("at", &at)])}</p> }
}
