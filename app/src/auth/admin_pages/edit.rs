//! `/admin/users/:username`: edit an account, disable or enable it, reset its password.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use wasm_bindgen::JsCast;
use web_sys::{FormData, HtmlFormElement, SubmitEvent};

use super::form::UserForm;
use crate::app::page_title;
use crate::auth::{AuthError, ResetPassword, SetUserDisabled, StaffAccount, get_user};
use crate::components::form::{Errors, TextField};
use crate::components::{ErrorNotice, NotFound};
use crate::error::HasKind;
use crate::i18n::use_i18n;

/// The account page for administrators.
#[component]
pub fn UserEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let username = move || params.with(|p| p.get("username").unwrap_or_default());
    let account = Resource::new(username, get_user);
    view! {
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(account) => view! { <AccountAdmin account /> }.into_any(),
                    Err(AuthError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorNotice kind=e.kind() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn AccountAdmin(account: StaffAccount) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let note = query.with_untracked(|q| {
        if q.get("created").is_some() {
            Some("users.created")
        } else if q.get("saved").is_some() {
            Some("users.saved")
        } else {
            None
        }
    });
    let title = account.display_name.clone();
    view! {
        {page_title("users.edit")}
        <div class="page-head">
            <h1>{title}" · "{account.username.clone()}</h1>
        </div>
        {note.map(|key| view! { <div class="alert alert-success" role="status">{move || i18n.t(key)}</div> })}
        <UserForm existing=Some(account.clone()) />
        <div class="grid-2">
            <DisablePanel account=account.clone() />
            <ResetPanel username=account.username.clone() />
        </div>
    }
}

#[component]
fn DisablePanel(account: StaffAccount) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SetUserDisabled>::new();
    let failure = RwSignal::new(None::<AuthError>);
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => {
            let _ = window()
                .location()
                .assign(&format!("{}?saved=1", window().location().pathname().unwrap_or_default()));
        }
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    let disabled = account.disabled;
    let (intro, button) = if disabled {
        ("users.enable_intro", "users.enable")
    } else {
        ("users.disable_intro", "users.disable")
    };
    let request =
        SetUserDisabled { username: account.username.clone(), disabled: !disabled, version: account.version };
    view! {
        <section class="panel">
            <h2>{move || i18n.t("users.state")}": "{move || i18n.t(if disabled { "users.disabled" } else { "users.active" })}</h2>
            <p class="muted">{move || i18n.t(intro)}</p>
            {move || failure.get().map(|e| match e {
                AuthError::Invalid { fields } => {
                    let code = fields.first().map(|f| f.code.clone()).unwrap_or_default();
                    view! { <div class="alert alert-error" role="alert">{move || i18n.t(&code)}</div> }.into_any()
                }
                AuthError::Conflict => view! {
                    <div class="alert alert-error" role="alert">{move || i18n.t("users.conflict")}</div>
                }.into_any(),
                e => view! { <ErrorNotice kind=e.kind() /> }.into_any(),
            })}
            <button type="button" class=if disabled { "button" } else { "button danger" }
                disabled=move || action.pending().get()
                on:click=move |_| { action.dispatch(request.clone()); }>
                {move || i18n.t(button)}
            </button>
        </section>
    }
}

#[component]
fn ResetPanel(username: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ResetPassword>::new();
    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<AuthError>);
    let done = RwSignal::new(false);
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => {
            errors.set(Vec::new());
            failure.set(None);
            done.set(true);
        }
        Some(Err(AuthError::Invalid { fields })) => errors.set(fields),
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
        let Ok(data) = FormData::new_with_form(&form) else { return };
        done.set(false);
        let password = data.get("password").as_string().unwrap_or_default();
        action.dispatch(ResetPassword { username: username.clone(), password });
        form.reset();
    };
    view! {
        <section class="panel">
            <h2>{move || i18n.t("users.reset_password")}</h2>
            <p class="muted">{move || i18n.t("users.reset_intro")}</p>
            {move || done.get().then(|| view! {
                <div class="alert alert-success" role="status">{move || i18n.t("users.reset_done")}</div>
            })}
            {move || failure.get().map(|e| view! { <ErrorNotice kind=e.kind() /> })}
            <form novalidate on:submit=on_submit>
                <TextField name="password" label="users.temporary_password" errors max=128 required=true
                    kind="password" autocomplete="new-password" />
                <div class="form-actions">
                    <button type="submit" class="button" disabled=move || action.pending().get()>
                        {move || i18n.t("users.reset_password")}
                    </button>
                </div>
            </form>
        </section>
    }
}
