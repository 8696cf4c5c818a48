//! The account form, for creating and for editing.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{FormData, HtmlFormElement, SubmitEvent};

use crate::auth::{AuthError, CreateUser, StaffAccount, UpdateUser};
use crate::components::ErrorNotice;
use crate::components::form::{Errors, TextField, focus_field};
use crate::domain::Role;
use crate::domain::account::UserInput;
use crate::error::HasKind;
use crate::i18n::use_i18n;

fn read_form(ev: &SubmitEvent) -> Option<UserInput> {
    ev.prevent_default();
    let form = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok())?;
    let data = FormData::new_with_form(&form).ok()?;
    let get = |name: &str| data.get(name).as_string().unwrap_or_default();
    let roles = data.get_all("roles").iter().filter_map(|v| v.as_string()).collect();
    Some(UserInput {
        username: get("username"),
        display_name: get("display_name"),
        roles,
        regions: get("regions"),
        product_lines: get("product_lines"),
        password: get("password"),
    })
}

/// Shows field errors (focusing the first) or a general failure for a refused submission.
fn show_refusal(e: AuthError, errors: Errors, failure: RwSignal<Option<AuthError>>) {
    match e {
        AuthError::Invalid { fields } => {
            let first = fields.first().map(|f| f.field.clone());
            errors.set(fields);
            failure.set(None);
            if let Some(f) = first {
                focus_field(&f);
            }
        }
        other => failure.set(Some(other)),
    }
}

/// Creates an account (`existing: None`) or edits one at the version it was read.
#[component]
pub fn UserForm(existing: Option<StaffAccount>) -> impl IntoView {
    let i18n = use_i18n();
    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<AuthError>);
    let saved = RwSignal::new(false);
    let create = ServerAction::<CreateUser>::new();
    let update = ServerAction::<UpdateUser>::new();
    Effect::new(move |_| match create.value().get() {
        Some(Ok(username)) => {
            let _ = window().location().assign(&format!("/admin/users/{username}?created=1"));
        }
        Some(Err(e)) => show_refusal(e, errors, failure),
        None => {}
    });
    Effect::new(move |_| match update.value().get() {
        Some(Ok(())) => {
            // Reload so that the page shows the stored account at its new version.
            let _ = window()
                .location()
                .assign(&format!("{}?saved=1", window().location().pathname().unwrap_or_default()));
        }
        Some(Err(e)) => show_refusal(e, errors, failure),
        None => {}
    });
    let editing = existing.clone();
    let on_submit = move |ev: SubmitEvent| {
        let Some(input) = read_form(&ev) else { return };
        saved.set(false);
        match &editing {
            None => {
                create.dispatch(CreateUser { input });
            }
            Some(account) => {
                update.dispatch(UpdateUser {
                    username: account.username.clone(),
                    input,
                    version: account.version,
                });
            }
        }
    };
    let pending = move || create.pending().get() || update.pending().get();
    let has = existing.as_ref().map(|a| a.roles.clone()).unwrap_or_default();
    let role_error =
        move || errors.with(|all| all.iter().find(|e| e.field == "roles").map(|e| e.code.clone()));
    let value = |f: fn(&StaffAccount) -> String| existing.as_ref().map(f).unwrap_or_default();
    view! {
        {move || failure.get().map(|e| match e {
            AuthError::Conflict => view! {
                <div class="alert alert-error" role="alert">{move || i18n.t("users.conflict")}</div>
            }.into_any(),
            e => view! { <ErrorNotice kind=e.kind() /> }.into_any(),
        })}
        <form class="panel" novalidate on:submit=on_submit>
            <div class="grid-2">
                {match &existing {
                    None => view! {
                        <TextField name="username" label="users.username" errors max=32 required=true
                            hint="users.username_hint" />
                    }.into_any(),
                    Some(a) => view! {
                        <div class="field">
                            <span class="label">{move || i18n.t("users.username")}</span>
                            <p class="value">{a.username.clone()}</p>
                        </div>
                    }.into_any(),
                }}
                <TextField name="display_name" label="users.display_name" errors max=50 required=true
                    value=value(|a| a.display_name.clone()) />
            </div>
            <fieldset class="field" class:has-error=move || role_error().is_some()>
                <legend>{move || i18n.t("users.roles")}<span class="req" aria-hidden="true">" *"</span></legend>
                <div class="checks">
                    {Role::ALL.into_iter().map(|role| view! {
                        <label class="check">
                            <input type="checkbox" name="roles" value=role.as_str() checked=has.contains(&role) />
                            {move || i18n.t(role.label_key())}
                        </label>
                    }).collect_view()}
                </div>
                {move || role_error().map(|code| view! { <p class="field-error" id="e-roles">{move || i18n.t(&code)}</p> })}
            </fieldset>
            <div class="grid-2">
                <TextField name="regions" label="users.regions" errors max=1100 kind="textarea"
                    hint="users.areas_hint" value=value(|a| a.regions.join("\n")) />
                <TextField name="product_lines" label="users.product_lines" errors max=1100 kind="textarea"
                    hint="users.areas_hint" value=value(|a| a.product_lines.join("\n")) />
            </div>
            {existing.is_none().then(|| view! {
                <TextField name="password" label="users.initial_password" errors max=128 required=true
                    kind="password" autocomplete="new-password" hint="users.initial_password_hint" />
            })}
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=pending>
                    {move || i18n.t("users.save")}
                </button>
            </div>
        </form>
    }
}
