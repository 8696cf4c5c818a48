//! The ticket page's spare-parts section: every requisition with its lines and state, the form to ask
//! the warehouse for parts, and for the warehouse the buttons that issue or cancel a requisition.
//! While the ticket waits for parts it says which requisition it waits on.

use leptos::prelude::*;
use web_sys::SubmitEvent;

use super::{
    IssueParts, IssueRequest, RequestParts, Requisition, RequisitionRequest, RequisitionStatus, get_catalogue,
};
use crate::domain::TicketStatus;
use crate::domain::parts::LineInput;
use crate::i18n::use_i18n;
use crate::service::form_support::{RecordError, Submitted, new_key, target, watch_answer};
use crate::tickets::widgets::format_time;

/// The section. `may_request` / `may_issue` come from the service rules for the person asking.
#[component]
pub fn PartsPanel(
    number: String,
    version: u64,
    status: TicketStatus,
    requisitions: Vec<Requisition>,
    may_request: bool,
    may_issue: bool,
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let waiting_on: Vec<u32> =
        requisitions.iter().filter(|r| r.status == RequisitionStatus::Requested).map(|r| r.seq).collect();
    let waiting = (status == TicketStatus::WaitingParts).then(|| {
        let text = if waiting_on.is_empty() {
            i18n.t("parts.waiting_none")
        } else {
            let list = waiting_on.iter().map(|s| format!("#{s}")).collect::<Vec<_>>().join("、");
            i18n.t_with("parts.waiting_on", &[("list", &list)])
        };
        view! { <p class="alert alert-warning" role="status">{text}</p> }
    });
    let issue = ServerAction::<IssueParts>::new();
    let failure = watch_answer(issue.value(), number.clone(), on_done);
    let number = StoredValue::new(number);
    let key = StoredValue::new(new_key("issue", version));
    let act = move |seq: u32, cancel: bool| {
        issue.dispatch(IssueParts {
            request: IssueRequest {
                target: target(&number.get_value(), version, key.get_value()),
                seq,
                cancel,
            },
        });
    };
    view! {
        {waiting}
        {if requisitions.is_empty() {
            view! { <p class="muted">{move || i18n.t("parts.none")}</p> }.into_any()
        } else {
            view! {
                <ul class="requisitions">
                    {requisitions.into_iter().map(|r| {
                        let open = r.status == RequisitionStatus::Requested;
                        let seq = r.seq;
                        let status_key = r.status.label_key();
                        let lines = r.lines.iter().map(|l| format!("{} × {}", l.part_code, l.quantity)).collect::<Vec<_>>().join("，");
                        let issued = r.issued_by.clone().zip(r.issued_at.map(|t| format_time(&t)));
                        view! {
                            <li>
                                <strong>{format!("#{seq}")}</strong> " · " {r.warehouse.clone()} " · "
                                <span class=format!("badge requisition-{}", if open { "open" } else { "done" })>{move || i18n.t(status_key)}</span>
                                <p class="lines-text">{lines}</p>
                                <p class="muted small">
                                    {move || i18n.t_with("parts.requested_by", &[("who", &r.requested_by), ("at", &format_time(&r.requested_at))])}
                                    {issued.clone().map(|(who, at)| view! { " · " {move || i18n.t_with("parts.handled_by", &[("who", &who), ("at", &at)])} })}
                                </p>
                                {(open && may_issue).then(|| view! {
                                    <p class="actions">
                                        <button type="button" class="button primary" disabled=move || issue.pending().get()
                                            on:click=move |_| act(seq, false)>{move || i18n.t_with("parts.issue", &[("seq", &seq.to_string())])}</button>
                                        <button type="button" class="button" disabled=move || issue.pending().get()
                                            on:click=move |_| act(seq, true)>{move || i18n.t_with("parts.cancel", &[("seq", &seq.to_string())])}</button>
                                    </p>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <RecordError failure />
        {may_request.then(|| view! { <RequestForm number=number.get_value() version on_done /> })}
    }
}

/// "Request parts": a warehouse and up to 20 lines of catalogue part and quantity, stock shown.
#[component]
fn RequestForm(number: String, version: u64, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let rows = RwSignal::new(1usize);
    // Outside the markup: a `>=` inside an attribute would end the tag.
    let full = move || rows.get() >= crate::domain::parts::MAX_LINES;
    let action = ServerAction::<RequestParts>::new();
    let failure = watch_answer(action.value(), number.clone(), on_done);
    let catalogue = Resource::new(
        move || open.get(),
        |open| async move { if open { get_catalogue().await.ok() } else { None } },
    );
    let number = StoredValue::new(number);
    let key = StoredValue::new(new_key("parts", version));
    let on_submit = move |ev: SubmitEvent| {
        let Some(form) = Submitted::from_event(&ev) else { return };
        let lines = (0..rows.get_untracked())
            .map(|i| LineInput {
                part_code: form.get(&format!("part_{i}")),
                quantity: form.get(&format!("qty_{i}")),
            })
            .filter(|l| !(l.part_code.is_empty() && l.quantity.trim().is_empty()))
            .collect();
        action.dispatch(RequestParts {
            request: RequisitionRequest {
                target: target(&number.get_value(), version, key.get_value()),
                warehouse: form.get("warehouse"),
                lines,
            },
        });
    };
    view! {
        {move || (!open.get()).then(|| view! {
            <button type="button" class="button" on:click=move |_| open.set(true)>{move || i18n.t("parts.request")}</button>
        })}
        {move || open.get().then(|| view! {
            <form class="record-form" novalidate on:submit=on_submit>
                <Transition fallback=move || view! { <p class="muted">{move || i18n.t("common.loading")}</p> }>
                    {move || Suspend::new(async move {
                        let c = catalogue.await.unwrap_or_default();
                        let warehouses = c.warehouses.clone();
                        let parts = StoredValue::new(c.parts.clone());
                        view! {
                            <div class="field">
                                <label for="f-warehouse">{move || i18n.t("parts.warehouse")}<span class="req" aria-hidden="true">" *"</span></label>
                                <select id="f-warehouse" name="warehouse" aria-required="true">
                                    {warehouses.into_iter().map(|w| view! { <option value=w.code.clone()>{w.name.clone()} " (" {w.code.clone()} ")"</option> }).collect_view()}
                                </select>
                            </div>
                            {move || (0..rows.get()).map(|i| view! {
                                <div class="form-row">
                                    <div class="field">
                                        <label for=format!("f-part-{i}")>{move || i18n.t("parts.part")}</label>
                                        <select id=format!("f-part-{i}") name=format!("part_{i}")>
                                            <option value="">{move || i18n.t("parts.choose_part")}</option>
                                            {parts.get_value().into_iter().map(|p| {
                                                let held = p.stock.iter().map(|(w, n)| format!("{w} {n}")).collect::<Vec<_>>().join(" / ");
                                                view! { <option value=p.part_code.clone()>{format!("{} {} · {held}", p.part_code, p.name)}</option> }
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="field narrow">
                                        <label for=format!("f-qty-{i}")>{move || i18n.t("parts.quantity")}</label>
                                        <input id=format!("f-qty-{i}") name=format!("qty_{i}") inputmode="numeric" value="1" />
                                    </div>
                                </div>
                            }).collect_view()}
                        }
                    })}
                </Transition>
                <div class="form-actions">
                    <button type="button" class="button" disabled=full
                        on:click=move |_| rows.update(|n| *n += 1)>{move || i18n.t("parts.add_line")}</button>
                    <button type="submit" class="button primary" disabled=move || action.pending().get()>{move || i18n.t("parts.send")}</button>
                </div>
                <RecordError failure />
            </form>
        })}
    }
}
