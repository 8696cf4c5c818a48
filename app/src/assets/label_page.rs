//! `/assets/<serial>/label`: the unit's label for printing — QR code of its page, serial number, model,
//! customer and cover — sized to stick on the machine (several fit one A4 sheet).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::widgets::WarrantyStatus;
use super::{AssetError, get_asset_label, path_segment, serial_from_segment};
use crate::components::{ErrorNotice, NotFound, set_status};
use crate::error::HasKind;
use crate::i18n::use_i18n;

/// The printable label, with "back" and "print" (never printed).
#[component]
pub fn AssetLabelPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let label = Resource::new(
        move || params.with(|p| serial_from_segment(&p.get("serial").unwrap_or_default())),
        get_asset_label,
    );
    view! {
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match label.await {
                    Ok(label) => {
                        let f = label.asset.facts.clone();
                        let back = format!("/assets/{}", path_segment(f.serial_number.as_str()));
                        view! {
                            <div class="no-print print-actions">
                                <a class="button" href=back>{move || i18n.t("asset.back")}</a>
                                <button type="button" class="button primary" on:click=move |_| {
                                    if let Some(w) = web_sys::window() { let _ = w.print(); }
                                }>{move || i18n.t("report.print_now")}</button>
                            </div>
                            <article class="asset-label" aria-label=move || i18n.t("asset.label")>
                                <div class="qr" role="img" aria-label=move || i18n.t("asset.qr_alt") inner_html=label.qr_svg.clone()></div>
                                <div class="label-text">
                                    <p class="label-company">{f.company.clone()}</p>
                                    <p class="label-serial">{f.serial_number.to_string()}</p>
                                    <p>{f.product_model.clone()}</p>
                                    <p class="small"><WarrantyStatus decision=label.warranty /></p>
                                    <p class="small muted">{move || i18n.t("asset.label_hint")}</p>
                                    <p class="small url">{label.page_url.clone()}</p>
                                </div>
                            </article>
                        }
                        .into_any()
                    }
                    Err(AssetError::NotFound { .. }) => view! { <NotFound /> }.into_any(),
                    Err(error) => {
                        set_status(error.kind().status());
                        view! { <ErrorNotice kind=error.kind() /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
