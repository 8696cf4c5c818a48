//! The "share" section of the ticket page: the ticket's own address to copy for colleagues, and —
//! for those who may share it — customer links: create one (shown once, with a QR code to print),
//! see every link's use, revoke one. No `<form>` stays open here, so live updates keep flowing.

use leptos::prelude::*;

use super::{CreateShareLink, NewShareLink, RevokeShareLink, ShareError, ShareLink};
use crate::components::ErrorNotice;
use crate::domain::share::{DEFAULT_DAYS, LinkState, MAX_DAYS};
use crate::error::HasKind;
use crate::i18n::use_i18n;
use crate::tickets::format_time;

/// A customer link created on this page, kept above the ticket's re-renders (its address is shown
/// only once): the ticket number it belongs to, and the link.
pub type FreshLink = RwSignal<Option<(String, NewShareLink)>>;

/// The share section of ticket `number`; `links` are its customer links, `None` when the person
/// may not share it (the colleague link is then all they get).
#[component]
pub fn SharePanel(
    number: String,
    links: Option<Vec<ShareLink>>,
    fresh: FreshLink,
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let path = format!("/tickets/{number}");
    view! {
        <div class="share-row">
            <CopyField id="internal-link" label="share.internal_link" value=path />
        </div>
        <p class="muted">{move || i18n.t("share.internal_hint")}</p>
        {links.map(|list| view! { <CustomerLinks number list fresh on_done /> })}
    }
}

#[component]
fn CustomerLinks(
    number: String,
    list: Vec<ShareLink>,
    fresh: FreshLink,
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateShareLink>::new();
    let revoke = ServerAction::<RevokeShareLink>::new();
    let days = RwSignal::new(DEFAULT_DAYS.to_string());
    let number_for_answers = number.clone();
    Effect::new(move |_| {
        if let Some(Ok(link)) = create.value().get() {
            fresh.set(Some((number_for_answers.clone(), link)));
            on_done.run(());
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = revoke.value().get() {
            on_done.run(());
        }
    });
    let create_error = move || create.value().get().and_then(Result::err);
    let revoke_error = move || revoke.value().get().and_then(Result::err);
    let mine = number.clone();
    let fresh_here = move || fresh.get().filter(|(n, _)| *n == mine).map(|(_, link)| link);
    let number_create = number.clone();
    view! {
        <h3>{move || i18n.t("share.customer_links")}</h3>
        <p class="muted">{move || i18n.t("share.customer_hint")}</p>
        {move || fresh_here().map(|link| view! { <FreshLinkCard link /> })}
        <div class="share-create">
            <div class="field" class:has-error=move || matches!(create_error(), Some(ShareError::Invalid { .. }))>
                <label for="f-days">{move || i18n.t("share.days")}</label>
                <input id="f-days" type="number" inputmode="numeric" min="1" max=MAX_DAYS.to_string()
                    prop:value=days on:input=move |e| days.set(event_target_value(&e))
                    aria-describedby="e-days" />
                {move || matches!(create_error(), Some(ShareError::Invalid { .. })).then(|| view! {
                    <p class="field-error" id="e-days">{move || i18n.t("error.share_days")}</p>
                })}
            </div>
            <button type="button" class="button primary" disabled=move || create.pending().get()
                on:click=move |_| { create.dispatch(CreateShareLink { number: number_create.clone(), days: days.get_untracked() }); }>
                {move || i18n.t("share.create")}
            </button>
        </div>
        {move || create_error().filter(|e| !matches!(e, ShareError::Invalid { .. })).map(|e| view! { <ErrorNotice kind=e.kind() /> })}
        {move || revoke_error().map(|e| view! { <ErrorNotice kind=e.kind() /> })}
        {(!list.is_empty()).then(|| view! { <LinkTable number list revoke /> })}
    }
}

#[component]
fn LinkTable(number: String, list: Vec<ShareLink>, revoke: ServerAction<RevokeShareLink>) -> impl IntoView {
    let i18n = use_i18n();
    // The link whose revoke button was pressed once: a second press revokes it.
    let confirming = RwSignal::new(None::<String>);
    let number = StoredValue::new(number);
    let when = |t: Option<chrono::DateTime<chrono::FixedOffset>>| {
        t.map_or_else(|| "—".to_owned(), |t| format_time(&t))
    };
    view! {
        <div class="table-wrap">
            <table class="data share-links">
                <thead><tr>
                    <th scope="col">{move || i18n.t("share.created_by")}</th>
                    <th scope="col">{move || i18n.t("share.created_at")}</th>
                    <th scope="col">{move || i18n.t("share.last_opened")}</th>
                    <th scope="col">{move || i18n.t("share.expires")}</th>
                    <th scope="col">{move || i18n.t("share.state")}</th>
                    <th scope="col"><span class="visually-hidden">{move || i18n.t("share.revoke")}</span></th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|link| {
                        let key = link.key.clone();
                        let active = link.state == LinkState::Active;
                        let is_confirming = { let key = key.clone(); move || confirming.get().as_deref() == Some(key.as_str()) };
                        let pressed = is_confirming.clone();
                        let press = move |_| {
                            if pressed() {
                                confirming.set(None);
                                revoke.dispatch(RevokeShareLink { number: number.get_value(), key: key.clone() });
                            } else {
                                confirming.set(Some(key.clone()));
                            }
                        };
                        view! {
                            <tr class:inactive=!active>
                                <td>{link.created_by}</td>
                                <td>{format_time(&link.created_at)}</td>
                                <td>{when(link.last_opened_at)}</td>
                                <td>{format_time(&link.expires_at)}</td>
                                <td><span class=format!("badge link-{}", link.state.as_str())>
                                    {move || i18n.t(link.state.label_key())}
                                </span></td>
                                <td>{active.then(|| view! {
                                    <button type="button" class="button danger" on:click=press disabled=move || revoke.pending().get()>
                                        {move || i18n.t(if is_confirming() { "share.revoke_confirm" } else { "share.revoke" })}
                                    </button>
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The link just created: its address to copy, its QR code and a button that prints just this card.
#[component]
fn FreshLinkCard(link: NewShareLink) -> impl IntoView {
    let i18n = use_i18n();
    let expires = format_time(&link.expires_at);
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let body = document().body();
            if let Some(body) = &body {
                let _ = body.class_list().add_1("printing-share");
            }
            let _ = window().print();
            if let Some(body) = &body {
                let _ = body.class_list().remove_1("printing-share");
            }
        }
    };
    view! {
        <div class="share-new" role="status">
            <p><strong>{move || i18n.t("share.created_notice")}</strong></p>
            <CopyField id="customer-link" label="share.customer_link" value=link.url.clone() />
            <div class="share-qr">
                <div class="qr" inner_html=link.qr_svg.clone() role="img" aria-label=move || i18n.t("share.qr")></div>
                <div>
                    <p>{move || i18n.t_with("share.expires_on", &[("date", &expires)])}</p>
                    <p class="muted">{move || i18n.t("share.print_hint")}</p>
                    <button type="button" class="button" on:click=print>{move || i18n.t("share.print")}</button>
                </div>
            </div>
        </div>
    }
}

/// A read-only address with a copy button. A path is shown with this site's origin once the page
/// runs in the browser; where the browser offers no clipboard (plain HTTP), the text is selected
/// for the person to copy.
#[component]
fn CopyField(id: &'static str, label: &'static str, value: String) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(value.clone());
    let copied = RwSignal::new(None::<&'static str>);
    if value.starts_with('/') {
        let path = value.clone();
        Effect::new(move |_| {
            let origin = window().location().origin().unwrap_or_default();
            shown.set(format!("{origin}{path}"));
        });
    }
    let copy = move |_| {
        let text = shown.get_untracked();
        let input = document()
            .get_element_by_id(id)
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok());
        if let Some(input) = &input {
            input.select();
        }
        let clipboard = window().is_secure_context();
        if clipboard {
            let _ = window().navigator().clipboard().write_text(&text);
        }
        copied.set(Some(if clipboard { "share.copied" } else { "share.press_copy" }));
    };
    view! {
        <div class="field copy-field">
            <label for=id>{move || i18n.t(label)}</label>
            <div class="copy-row">
                <input id=id type="text" readonly prop:value=shown value=value.clone() />
                <button type="button" class="button" on:click=copy>{move || i18n.t("share.copy")}</button>
            </div>
            <p class="copy-state" aria-live="polite">{move || copied.get().map(|key| i18n.t(key))}</p>
        </div>
    }
}
