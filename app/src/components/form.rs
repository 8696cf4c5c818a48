//! Form fields shared by every form: label, input, hint and the field's error, wired for screen readers.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::domain::FieldError;
use crate::i18n::use_i18n;

/// The field errors of the last refused submission.
pub type Errors = RwSignal<Vec<FieldError>>;

/// Shows the field errors of a refused submission and moves focus to the first field named.
pub fn show_field_errors(errors: Errors, fields: Vec<FieldError>) {
    let first = fields.first().map(|f| f.field.clone());
    errors.set(fields);
    if let Some(field) = first {
        focus_field(&field);
    }
}

/// Moves keyboard focus to the input of field `name` (after a refused submission).
pub fn focus_field(name: &str) {
    if let Some(el) = document().get_element_by_id(&format!("f-{name}"))
        && let Ok(el) = el.dyn_into::<HtmlElement>()
    {
        let _ = el.focus();
    }
}

fn error_of(errors: Errors, name: &'static str) -> impl Fn() -> Option<String> + Copy {
    move || errors.with(|all| all.iter().find(|e| e.field == name).map(|e| e.code.clone()))
}

/// A labelled text input (or textarea / date / phone input) with its hint and its error.
#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    errors: Errors,
    max: usize,
    #[prop(optional)] required: bool,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    /// The browser's autofill hint (`username`, `current-password`, `new-password`, ...).
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// The value shown at first (editing an existing record).
    #[prop(optional, into)]
    value: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("f-{name}");
    let error = error_of(errors, name);
    let described = move || match (hint.is_some(), error().is_some()) {
        (_, true) => Some(format!("e-{name}")),
        (true, false) => Some(format!("h-{name}")),
        _ => None,
    };
    let input = if kind == "textarea" {
        view! {
            <textarea id=id.clone() name=name rows="5" maxlength=max aria-required=required.to_string()
                aria-invalid=move || error().is_some().to_string() aria-describedby=described>{value}</textarea>
        }
        .into_any()
    } else {
        let inputmode = (kind == "tel").then_some("tel");
        view! {
            <input id=id.clone() name=name type=kind maxlength=max inputmode=inputmode
                autocomplete=autocomplete value=value aria-required=required.to_string()
                aria-invalid=move || error().is_some().to_string() aria-describedby=described />
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=move || error().is_some()>
            <label for=id>
                {move || i18n.t(label)}
                {required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}
            </label>
            {input}
            {hint.map(|h| view! { <p class="hint" id=format!("h-{name}")>{move || i18n.t(h)}</p> })}
            {move || error().map(|code| view! {
                <p class="field-error" id=format!("e-{name}")>{move || i18n.t(&code)}</p>
            })}
        </div>
    }
}

/// A labelled select over a closed vocabulary.
#[component]
pub fn Choice(
    name: &'static str,
    label: &'static str,
    errors: Errors,
    options: Vec<(&'static str, &'static str)>,
    default: &'static str,
    /// The field may stay unchosen (no asterisk; the empty choice is offered).
    #[prop(optional)]
    optional: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("f-{name}");
    let error = error_of(errors, name);
    view! {
        <div class="field" class:has-error=move || error().is_some()>
            <label for=id.clone()>
                {move || i18n.t(label)}
                {(!optional).then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}
            </label>
            <select id=id name=name aria-required=(!optional).to_string() aria-invalid=move || error().is_some().to_string()
                aria-describedby=move || error().map(|_| format!("e-{name}"))>
                {default.is_empty().then(|| view! {
                    <option value="" selected>{move || i18n.t("intake.choose")}</option>
                })}
                {options.into_iter().map(|(value, key)| view! {
                    <option value=value selected=value == default>{move || i18n.t(key)}</option>
                }).collect_view()}
            </select>
            {move || error().map(|code| view! {
                <p class="field-error" id=format!("e-{name}")>{move || i18n.t(&code)}</p>
            })}
        </div>
    }
}
