//! `/assets`: registered units, searched by serial number, model or company (the search is in the URL).

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use super::widgets::WarrantyStatus;
use super::{list_assets, path_segment};
use crate::app::page_title;
use crate::components::{ActionLink, ErrorNotice};
use crate::domain::access::Action;
use crate::error::HasKind;
use crate::i18n::use_i18n;

/// The list with its search box; a search for an exact serial number shows that unit first.
#[component]
pub fn AssetListPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let q = move || params.with(|p| p.get("q").unwrap_or_default());
    let assets = Resource::new(q, list_assets);
    view! {
        {page_title("asset.list_title")}
        <div class="page-head">
            <h1>{move || i18n.t("asset.list_title")}</h1>
            <ActionLink action=Action::ManageAssets href="/assets/new".to_owned() label="asset.register" primary=true />
        </div>
        <Form method="GET" action="" attr:class="filters" attr:role="search">
            <div class="field">
                <label for="asset-q">{move || i18n.t("asset.search")}</label>
                <input id="asset-q" type="search" name="q" maxlength="100" prop:value=q />
            </div>
            <button type="submit" class="button">{move || i18n.t("list.apply")}</button>
        </Form>
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match assets.await {
                    Ok(items) if items.is_empty() => view! { <p class="muted">{move || i18n.t("asset.none")}</p> }.into_any(),
                    Ok(items) => view! {
                        <table class="tickets">
                            <thead><tr>
                                <th scope="col">{move || i18n.t("ticket.serial_number")}</th>
                                <th scope="col">{move || i18n.t("ticket.product_model")}</th>
                                <th scope="col">{move || i18n.t("ticket.company")}</th>
                                <th scope="col">{move || i18n.t("ticket.region")}</th>
                                <th scope="col">{move || i18n.t("asset.section_cover")}</th>
                            </tr></thead>
                            <tbody>
                                {items.into_iter().map(|a| view! {
                                    <tr>
                                        <td><a href=format!("/assets/{}", path_segment(&a.serial_number))>{a.serial_number.clone()}</a></td>
                                        <td>{a.product_model}</td>
                                        <td>{a.company}</td>
                                        <td>{a.region}</td>
                                        <td><WarrantyStatus decision=a.warranty /></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice kind=error.kind() /> }.into_any(),
                }
            })}
        </Transition>
    }
}
