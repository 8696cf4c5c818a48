//! `/admin/users`: every account; `/admin/users/new`: create one.

use leptos::prelude::*;
use leptos_router::components::A;

use super::form::UserForm;
use super::role_names;
use crate::app::page_title;
use crate::auth::{StaffAccount, list_users};
use crate::components::ErrorNotice;
use crate::error::HasKind;
use crate::i18n::use_i18n;
use crate::tickets::format_time;

/// The account list.
#[component]
pub fn UserListPage() -> impl IntoView {
    let i18n = use_i18n();
    let users = Resource::new(|| (), |_| list_users());
    view! {
        {page_title("users.title")}
        <div class="page-head">
            <h1>{move || i18n.t("users.title")}</h1>
            <A href="/admin/users/new" attr:class="button primary">{move || i18n.t("users.new")}</A>
        </div>
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(users) => view! { <UserTable users /> }.into_any(),
                    Err(e) => view! { <ErrorNotice kind=e.kind() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn UserTable(users: Vec<StaffAccount>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap">
            <table class="data">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t("users.username")}</th>
                        <th scope="col">{move || i18n.t("users.display_name")}</th>
                        <th scope="col">{move || i18n.t("users.roles")}</th>
                        <th scope="col">{move || i18n.t("users.regions")}</th>
                        <th scope="col">{move || i18n.t("users.state")}</th>
                        <th scope="col">{move || i18n.t("users.last_sign_in")}</th>
                    </tr>
                </thead>
                <tbody>
                    {users.into_iter().map(|u| {
                        let href = format!("/admin/users/{}", u.username);
                        let roles = u.roles.clone();
                        let state = if u.disabled { "users.disabled" } else if u.must_change_password {
                            "users.must_change" } else { "users.active" };
                        view! {
                            <tr class:muted=u.disabled>
                                <td><A href=href>{u.username.clone()}</A></td>
                                <td>{u.display_name.clone()}</td>
                                <td>{move || role_names(i18n, &roles)}</td>
                                <td>{u.regions.join("、")}</td>
                                <td>{move || i18n.t(state)}</td>
                                <td>{u.last_sign_in_at.as_ref().map(format_time).unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The form for a new account.
#[component]
pub fn UserNewPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {page_title("users.new")}
        <div class="page-head"><h1>{move || i18n.t("users.new")}</h1></div>
        <p class="muted">{move || i18n.t("users.new_intro")}</p>
        <UserForm existing=None />
    }
}
