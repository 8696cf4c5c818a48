//! The service report on the ticket page: the filed report with a link to its printable form, and the
//! form to file or amend it.

use leptos::prelude::*;
use web_sys::SubmitEvent;

use super::form_support::{RecordError, RecordedBy, Submitted, new_key, target, watch_answer};
use super::{FileReport, ReportRequest, ServiceReport};
use crate::domain::service::quote::format_yuan;
use crate::domain::service::report::{OldPartFate, PartInput, ReportInput};
use crate::i18n::use_i18n;

/// The report section: what was filed, and the form when the person may file.
#[component]
pub fn ReportSection(
    number: String,
    version: u64,
    report: Option<ServiceReport>,
    may_file: bool,
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let print_href = format!("/tickets/{number}/report");
    let filed = report.is_some();
    view! {
        <h3>{move || i18n.t("report.title")}</h3>
        {match report.clone() {
            Some(r) => view! {
                <ReportFacts report=r.clone() />
                <RecordedBy recorded=r.filed key="report.filed_by" />
                <p><a class="button" href=print_href>{move || i18n.t("report.print")}</a></p>
            }.into_any(),
            None => view! { <p class="muted">{move || i18n.t("report.none")}</p> }.into_any(),
        }}
        {may_file.then(|| view! { <ReportForm number version previous=report filed on_done /> })}
    }
}

/// The report's content as a definition list and a parts table (shared by the ticket page and print).
#[component]
pub fn ReportFacts(report: ServiceReport) -> impl IntoView {
    let i18n = use_i18n();
    let c = report.content;
    let class = report.class;
    let charges = format!("¥{}", format_yuan(report.charges_fen));
    let minutes = (c.work_minutes, c.travel_minutes);
    view! {
        <dl class="facts report-facts">
            <div class="fact wide"><dt>{move || i18n.t("service.field.fault_cause")}</dt><dd class="pre">{c.fault_cause.clone()}</dd></div>
            <div class="fact wide"><dt>{move || i18n.t("service.field.work_done")}</dt><dd class="pre">{c.work_done.clone()}</dd></div>
            <div class="fact"><dt>{move || i18n.t("service.field.work_minutes")}</dt><dd>{move || i18n.t_with("report.minutes", &[("m", &minutes.0.to_string())])}</dd></div>
            <div class="fact"><dt>{move || i18n.t("service.field.travel_minutes")}</dt><dd>{move || i18n.t_with("report.minutes", &[("m", &minutes.1.to_string())])}</dd></div>
            <div class="fact"><dt>{move || i18n.t("report.class")}</dt><dd>{class.letter().to_string()} " · " {move || i18n.t(class.label_key())}</dd></div>
            <div class="fact"><dt>{move || i18n.t("report.charges")}</dt><dd>{charges}</dd></div>
            <div class="fact wide"><dt>{move || i18n.t("service.field.customer_opinion")}</dt><dd>{c.customer_opinion.clone().unwrap_or_else(|| "—".into())}</dd></div>
            <div class="fact signed"><dt>{move || i18n.t("service.field.signed_by")}</dt><dd>{c.signed_by.clone()}</dd></div>
        </dl>
        {(!c.parts.is_empty()).then(|| view! {
            <table class="lines">
                <thead><tr>
                    <th scope="col">{move || i18n.t("service.field.part_name")}</th>
                    <th scope="col">{move || i18n.t("service.field.part_code")}</th>
                    <th scope="col" class="num">{move || i18n.t("service.field.part_quantity")}</th>
                    <th scope="col">{move || i18n.t("service.field.old_part")}</th>
                </tr></thead>
                <tbody>
                    {c.parts.iter().cloned().map(|p| view! {
                        <tr>
                            <td>{p.name}</td>
                            <td>{p.code.unwrap_or_default()}</td>
                            <td class="num">{p.quantity}</td>
                            <td>{move || i18n.t(p.old_part.label_key())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}

/// The report form, prefilled from the report on file when amending.
#[component]
fn ReportForm(
    number: String,
    version: u64,
    previous: Option<ServiceReport>,
    filed: bool,
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let prev = previous.map(|r| r.content);
    let part_count = prev.as_ref().map_or(0, |c| c.parts.len()) as u32;
    let rows = RwSignal::new((0..part_count).collect::<Vec<u32>>());
    let next_row = StoredValue::new(part_count);
    let prev = StoredValue::new(prev);
    let action = ServerAction::<FileReport>::new();
    let failure = watch_answer(action.value(), number.clone(), on_done);
    let number = StoredValue::new(number);
    let key = StoredValue::new(new_key("report", version));
    let on_submit = move |ev: SubmitEvent| {
        let Some(form) = Submitted::from_event(&ev) else { return };
        let parts = rows
            .get_untracked()
            .iter()
            .map(|r| PartInput {
                name: form.get(&format!("part_name-{r}")),
                code: form.get(&format!("part_code-{r}")),
                quantity: form.get(&format!("part_quantity-{r}")),
                old_part: form.get(&format!("old_part-{r}")),
            })
            .collect();
        action.dispatch(FileReport {
            request: ReportRequest {
                target: target(&number.get_value(), version, key.get_value()),
                report: ReportInput {
                    fault_cause: form.get("fault_cause"),
                    work_done: form.get("work_done"),
                    parts,
                    work_minutes: form.get("work_minutes"),
                    travel_minutes: form.get("travel_minutes"),
                    customer_opinion: form.get("customer_opinion"),
                    signed_by: form.get("signed_by"),
                    // Typed at the desk from the paper form; the tablet keeps the drawn one.
                    signature: prev
                        .with_value(|p| p.as_ref().map(|r| r.signature.clone()).unwrap_or_default()),
                },
            },
        });
    };
    let value = move |f: fn(&crate::domain::service::report::ReportContent) -> String| {
        prev.with_value(|p| p.as_ref().map(f).unwrap_or_default())
    };
    let part =
        move |row: u32| prev.with_value(|p| p.as_ref().and_then(|c| c.parts.get(row as usize).cloned()));
    view! {
        <button type="button" class="button" aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>
            {move || i18n.t(if filed { "report.amend" } else { "report.file" })}
        </button>
        <Show when=move || open.get()>
            <form class="record-form" novalidate on:submit=on_submit>
                <RecordError failure />
                <div class="field">
                    <label for="r-cause">{move || i18n.t("service.field.fault_cause")}<span class="req" aria-hidden="true">" *"</span></label>
                    <textarea id="r-cause" name="fault_cause" rows="2" maxlength="1000" aria-required="true">{value(|c| c.fault_cause.clone())}</textarea>
                </div>
                <div class="field">
                    <label for="r-done">{move || i18n.t("service.field.work_done")}<span class="req" aria-hidden="true">" *"</span></label>
                    <textarea id="r-done" name="work_done" rows="3" maxlength="2000" aria-required="true">{value(|c| c.work_done.clone())}</textarea>
                </div>
                <For each=move || rows.get() key=|r| *r let:row>
                    <fieldset class="line-row">
                        <legend class="visually-hidden">{move || i18n.t("report.part")}</legend>
                        <div class="field grow">
                            <label for=format!("r-pname-{row}")>{move || i18n.t("service.field.part_name")}</label>
                            <input id=format!("r-pname-{row}") name=format!("part_name-{row}") maxlength="100" value=part(row).map(|p| p.name) />
                        </div>
                        <div class="field">
                            <label for=format!("r-pcode-{row}")>{move || i18n.t("service.field.part_code")}</label>
                            <input id=format!("r-pcode-{row}") name=format!("part_code-{row}") maxlength="40" value=part(row).and_then(|p| p.code) />
                        </div>
                        <div class="field narrow">
                            <label for=format!("r-pqty-{row}")>{move || i18n.t("service.field.part_quantity")}</label>
                            <input id=format!("r-pqty-{row}") name=format!("part_quantity-{row}") inputmode="numeric" value=part(row).map_or("1".to_owned(), |p| p.quantity.to_string()) />
                        </div>
                        <div class="field">
                            <label for=format!("r-pold-{row}")>{move || i18n.t("service.field.old_part")}</label>
                            <select id=format!("r-pold-{row}") name=format!("old_part-{row}")>
                                {OldPartFate::ALL.into_iter().map(|f| {
                                    let wire = serde_json::to_value(f).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                                    let selected = part(row).is_some_and(|p| p.old_part == f);
                                    view! { <option value=wire selected=selected>{move || i18n.t(f.label_key())}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <button type="button" class="button small" on:click=move |_| rows.update(|rs| rs.retain(|r| *r != row))>
                            {move || i18n.t("report.remove_part")}
                        </button>
                    </fieldset>
                </For>
                <button type="button" class="button" on:click=move |_| {
                    let id = next_row.get_value();
                    next_row.set_value(id + 1);
                    rows.update(|rs| rs.push(id));
                }>{move || i18n.t("report.add_part")}</button>
                <div class="form-row">
                    <div class="field">
                        <label for="r-work">{move || i18n.t("service.field.work_minutes")}<span class="req" aria-hidden="true">" *"</span></label>
                        <input id="r-work" name="work_minutes" inputmode="numeric" aria-required="true" value=value(|c| c.work_minutes.to_string()) />
                    </div>
                    <div class="field">
                        <label for="r-travel">{move || i18n.t("service.field.travel_minutes")}</label>
                        <input id="r-travel" name="travel_minutes" inputmode="numeric" value=value(|c| c.travel_minutes.to_string()) />
                    </div>
                </div>
                <div class="field">
                    <label for="r-opinion">{move || i18n.t("service.field.customer_opinion")}</label>
                    <textarea id="r-opinion" name="customer_opinion" rows="2" maxlength="500">{value(|c| c.customer_opinion.clone().unwrap_or_default())}</textarea>
                </div>
                <div class="field">
                    <label for="r-signed">{move || i18n.t("service.field.signed_by")}<span class="req" aria-hidden="true">" *"</span></label>
                    <input id="r-signed" name="signed_by" maxlength="50" aria-required="true" autocomplete="off" value=value(|c| c.signed_by.clone()) />
                </div>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || action.pending().get()>
                        {move || i18n.t("report.save")}
                    </button>
                </div>
            </form>
        </Show>
    }
}
