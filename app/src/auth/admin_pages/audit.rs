//! `/admin/audit`: sign-ins, failures and account changes, newest first.

use leptos::prelude::*;

use crate::app::page_title;
use crate::auth::{AuditEntry, list_audit};
use crate::components::ErrorNotice;
use crate::error::HasKind;
use crate::i18n::use_i18n;
use crate::tickets::format_time;

/// The security audit log.
#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let entries = Resource::new(|| (), |_| list_audit());
    view! {
        {page_title("audit.title")}
        <div class="page-head"><h1>{move || i18n.t("audit.title")}</h1></div>
        <p class="muted">{move || i18n.t("audit.intro")}</p>
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(entries) => view! { <AuditTable entries /> }.into_any(),
                    Err(e) => view! { <ErrorNotice kind=e.kind() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap">
            <table class="data">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t("audit.at")}</th>
                        <th scope="col">{move || i18n.t("audit.action")}</th>
                        <th scope="col">{move || i18n.t("audit.actor")}</th>
                        <th scope="col">{move || i18n.t("audit.target")}</th>
                        <th scope="col">{move || i18n.t("audit.address")}</th>
                        <th scope="col">{move || i18n.t("audit.detail")}</th>
                    </tr>
                </thead>
                <tbody>
                    {entries.into_iter().map(|e| {
                        let failed = e.action == crate::auth::AuditAction::SignInFailed;
                        view! {
                            <tr class:warn=failed>
                                <td class="nowrap">{format_time(&e.at)}</td>
                                <td>{move || i18n.t(e.action.label_key())}</td>
                                <td>{e.actor.unwrap_or_else(|| "—".into())}</td>
                                <td>{e.target.unwrap_or_else(|| "—".into())}</td>
                                <td>{e.address}</td>
                                <td>{move || translate_roles(i18n, e.detail.as_deref().unwrap_or_default())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Role names in a detail ("agent → agent, supervisor") in the reader's language.
fn translate_roles(i18n: crate::i18n::I18n, detail: &str) -> String {
    detail
        .split(" → ")
        .map(|side| {
            side.split(", ")
                .map(|word| {
                    crate::domain::Role::parse(word)
                        .map_or_else(|| word.to_owned(), |r| i18n.t(r.label_key()))
                })
                .collect::<Vec<_>>()
                .join("、")
        })
        .collect::<Vec<_>>()
        .join(" → ")
}
