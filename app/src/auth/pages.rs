//! Sign-in and the person's own account page.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;
use web_sys::{FormData, HtmlFormElement, SubmitEvent};

use super::{AuthError, ChangePassword, Me, SignIn, SignOutEverywhere, current_user};
use crate::app::page_title;
use crate::components::ErrorNotice;
use crate::components::form::{Errors, TextField, focus_field};
use crate::domain::account::PASSWORD_MIN;
use crate::error::HasKind;
use crate::i18n::use_i18n;

#[derive(Clone, Copy)]
struct MeResource(OnceResource<Option<Me>>);

/// Loads the signed-in person once per page load (with the page, on the server) for every component.
pub fn provide_me() {
    provide_context(MeResource(OnceResource::new_blocking(async { current_user().await.ok().flatten() })));
}

/// The signed-in person (`None` when signed out), as provided by [`provide_me`].
pub fn use_me() -> OnceResource<Option<Me>> {
    match use_context::<MeResource>() {
        Some(MeResource(me)) => me,
        None => OnceResource::new(async { None }),
    }
}

/// Goes to `path` with a full page load, so that everything is loaded again as the new person.
fn load_page(path: &str) {
    let _ = window().location().assign(path);
}

/// Where to go after signing in: the page the person asked for when it is ours, else their home.
fn after_sign_in(next: Option<String>, home: &str) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/signin") => n,
        _ => home.to_owned(),
    }
}

fn form_data(ev: &SubmitEvent) -> Option<FormData> {
    ev.prevent_default();
    let form = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok())?;
    FormData::new_with_form(&form).ok()
}

/// `/signin`: user name and password.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignIn>::new();
    let next = use_query_map().with_untracked(|q| q.get("next"));
    let failure = RwSignal::new(None::<AuthError>);
    Effect::new(move |_| match action.value().get() {
        Some(Ok(signed_in)) => load_page(&after_sign_in(next.clone(), &signed_in.home)),
        Some(Err(e)) => {
            failure.set(Some(e));
            focus_field("password");
        }
        None => {}
    });
    let message = move || {
        failure.get().map(|e| match e {
            AuthError::TooManyAttempts { retry_after_minutes } => {
                i18n.t_with("error.too_many_attempts", &[("minutes", &retry_after_minutes.to_string())])
            }
            other => i18n.t(other.kind().message_key()),
        })
    };
    let on_submit = move |ev: SubmitEvent| {
        let Some(data) = form_data(&ev) else { return };
        let get = |name: &str| data.get(name).as_string().unwrap_or_default();
        action.dispatch(SignIn { username: get("username"), password: get("password") });
    };
    let errors: Errors = RwSignal::new(Vec::new());
    view! {
        {page_title("signin.title")}
        <section class="panel signin">
            <h1>{move || i18n.t("signin.title")}</h1>
            <p class="muted">{move || i18n.t("signin.intro")}</p>
            {move || message().map(|m| view! { <div class="alert alert-error" role="alert">{m}</div> })}
            // Without scripts the browser posts the form itself; the server then redirects home.
            <form method="post" action="/api/auth/sign_in" on:submit=on_submit>
                <TextField name="username" label="signin.username" errors max=64 required=true
                    autocomplete="username" />
                <TextField name="password" label="signin.password" errors max=256 required=true
                    kind="password" autocomplete="current-password" />
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || action.pending().get()>
                        {move || i18n.t(if action.pending().get() { "signin.signing_in" } else { "signin.submit" })}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// `/account`: who I am, my roles, a new password, and signing out on every device.
#[component]
pub fn AccountPage() -> impl IntoView {
    let me = use_me();
    view! {
        {page_title("account.title")}
        <Suspense>
            {move || Suspend::new(async move {
                me.await.map(|me| view! { <AccountView me /> })
            })}
        </Suspense>
    }
}

#[component]
fn AccountView(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let change = ServerAction::<ChangePassword>::new();
    let everywhere = ServerAction::<SignOutEverywhere>::new();
    let errors: Errors = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<AuthError>);
    let changed = RwSignal::new(false);
    let forced = me.must_change_password;
    Effect::new(move |_| match change.value().get() {
        Some(Ok(signed_in)) if forced => load_page(&signed_in.home),
        Some(Ok(_)) => {
            errors.set(Vec::new());
            failure.set(None);
            changed.set(true);
        }
        Some(Err(AuthError::Invalid { fields })) => {
            let first = fields.first().map(|f| f.field.clone());
            errors.set(fields);
            if let Some(f) = first {
                focus_field(&f);
            }
        }
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    Effect::new(move |_| {
        if everywhere.value().get().is_some() {
            load_page("/signin");
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        let Some(data) = form_data(&ev) else { return };
        let get = |name: &str| data.get(name).as_string().unwrap_or_default();
        changed.set(false);
        change.dispatch(ChangePassword { current: get("current"), new: get("new") });
    };
    let roles = me.roles.clone();
    let min = PASSWORD_MIN.to_string();
    view! {
        <div class="page-head"><h1>{move || i18n.t("account.title")}</h1></div>
        {forced.then(|| view! {
            <div class="alert alert-warning" role="alert">{move || i18n.t("account.must_change")}</div>
        })}
        <section class="panel">
            <dl class="facts">
                <div class="fact"><dt>{move || i18n.t("account.name")}</dt><dd>{me.display_name.clone()}</dd></div>
                <div class="fact"><dt>{move || i18n.t("account.username")}</dt><dd>{me.username.clone()}</dd></div>
                <div class="fact">
                    <dt>{move || i18n.t("account.roles")}</dt>
                    <dd>{move || roles.iter().map(|r| i18n.t(r.label_key())).collect::<Vec<_>>().join("、")}</dd>
                </div>
            </dl>
        </section>
        <section class="panel">
            <h2>{move || i18n.t("account.change_password")}</h2>
            {move || changed.get().then(|| view! {
                <div class="alert alert-success" role="status">{move || i18n.t("account.password_changed")}</div>
            })}
            {move || failure.get().map(|e| view! { <ErrorNotice kind=e.kind() /> })}
            <form class="narrow" novalidate on:submit=on_submit>
                <TextField name="current" label="account.current_password" errors max=256 required=true
                    kind="password" autocomplete="current-password" />
                <TextField name="new" label="account.new_password" errors max=128 required=true
                    kind="password" autocomplete="new-password" />
                <p class="hint">{move || i18n.t_with("account.password_min", &[("min", &min)])}</p>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || change.pending().get()>
                        {move || i18n.t("account.save_password")}
                    </button>
                </div>
            </form>
        </section>
        <section class="panel">
            <h2>{move || i18n.t("account.sessions")}</h2>
            <p class="muted">{move || i18n.t("account.sessions_intro")}</p>
            <button type="button" class="button" on:click=move |_| { everywhere.dispatch(SignOutEverywhere {}); }>
                {move || i18n.t("account.sign_out_everywhere")}
            </button>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::after_sign_in;

    #[test]
    fn only_our_own_pages_are_followed_after_sign_in() {
        assert_eq!(after_sign_in(Some("/tickets/SV-1".into()), "/jobs"), "/tickets/SV-1");
        assert_eq!(after_sign_in(Some("//evil.example".into()), "/jobs"), "/jobs");
        assert_eq!(after_sign_in(Some("https://evil.example".into()), "/jobs"), "/jobs");
        assert_eq!(after_sign_in(None, "/jobs"), "/jobs");
    }
}
