//! The quote on the ticket page: its lines and total, the customer's answer, and the forms to send a
//! quote and to record the answer.

use leptos::prelude::*;
use web_sys::SubmitEvent;

use super::form_support::{RecordError, RecordedBy, Submitted, new_key, target, watch_answer};
use super::{AnswerQuote, ProposeQuote, Quote, QuoteAnswerRequest, QuoteRequest};
use crate::domain::service::quote::{LineKind, QuoteLineInput, check_lines, format_yuan};
use crate::i18n::use_i18n;

/// A quote's lines as a table with its total.
#[component]
pub fn QuoteTable(quote: Quote) -> impl IntoView {
    let i18n = use_i18n();
    let total = format_yuan(quote.total_fen);
    view! {
        <table class="lines">
            <thead><tr>
                <th scope="col">{move || i18n.t("service.field.kind")}</th>
                <th scope="col">{move || i18n.t("service.field.description")}</th>
                <th scope="col" class="num">{move || i18n.t("service.field.quantity")}</th>
                <th scope="col" class="num">{move || i18n.t("service.field.unit_price")}</th>
                <th scope="col" class="num">{move || i18n.t("quote.amount")}</th>
            </tr></thead>
            <tbody>
                {quote.lines.into_iter().map(|l| view! {
                    <tr>
                        <td>{move || i18n.t(l.kind.label_key())}</td>
                        <td>{l.description.clone()}</td>
                        <td class="num">{format_hundredths(l.quantity_hundredths)}</td>
                        <td class="num">{format_yuan(l.unit_price_fen)}</td>
                        <td class="num">{format_yuan(l.amount_fen)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
            <tfoot><tr>
                <th scope="row" colspan="4">{move || i18n.t("quote.total")}</th>
                <td class="num"><strong>"¥" {total}</strong></td>
            </tr></tfoot>
        </table>
    }
}

/// 150 → "1.5", 200 → "2".
fn format_hundredths(h: u32) -> String {
    let text = format!("{}.{:02}", h / 100, h % 100);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The quote section: the current quote, the answer form (approve/reject) and the new-quote form.
#[component]
pub fn QuoteSection(
    number: String,
    version: u64,
    quote: Option<Quote>,
    may_propose: bool,
    may_answer: bool,
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let answer = ServerAction::<AnswerQuote>::new();
    let answer_failure = watch_answer(answer.value(), number.clone(), on_done);
    let stored = StoredValue::new(number.clone());
    let answer_key = StoredValue::new(new_key("answer", version));
    let answered = move |approved: bool| {
        let note = leptos::prelude::document()
            .get_element_by_id("q-answer-note")
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok())
            .map(|e| e.value())
            .unwrap_or_default();
        answer.dispatch(AnswerQuote {
            request: QuoteAnswerRequest {
                target: target(&stored.get_value(), version, answer_key.get_value()),
                approved,
                note,
            },
        });
    };
    view! {
        <h3>{move || i18n.t("quote.title")}</h3>
        {match quote {
            Some(q) => {
                let status = q.status;
                let note = q.answer_note.clone();
                let badge = format!("badge {}", status.label_key().replace('.', "-"));
                view! {
                    <p><span class=badge>{move || i18n.t(status.label_key())}</span></p>
                    <QuoteTable quote=q.clone() />
                    <RecordedBy recorded=q.proposed key="quote.proposed_by" />
                    {q.answered.map(|a| view! { <RecordedBy recorded=a key="quote.answered_by" /> })}
                    {note.map(|n| view! { <p class="note">{n}</p> })}
                }.into_any()
            }
            None => view! { <p class="muted">{move || i18n.t("quote.none")}</p> }.into_any(),
        }}
        {may_answer.then(|| view! {
            <div class="record-form">
                <RecordError failure=answer_failure />
                <div class="field">
                    <label for="q-answer-note">{move || i18n.t("quote.answer_note")}</label>
                    <input id="q-answer-note" name="note" maxlength="500" />
                </div>
                <div class="form-actions">
                    <button type="button" class="button primary" disabled=move || answer.pending().get()
                        on:click=move |_| answered(true)>{move || i18n.t("quote.approve")}</button>
                    <button type="button" class="button" disabled=move || answer.pending().get()
                        on:click=move |_| answered(false)>{move || i18n.t("quote.reject")}</button>
                </div>
            </div>
        })}
        {may_propose.then(|| view! { <QuoteForm number version on_done /> })}
    }
}

/// The new-quote form: rows added and removed at will, the total shown as it is typed (computed by the
/// same rules the server applies).
#[component]
fn QuoteForm(number: String, version: u64, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let rows = RwSignal::new(vec![0u32]);
    let next_row = StoredValue::new(1u32);
    let total = RwSignal::new(None::<u64>);
    let action = ServerAction::<ProposeQuote>::new();
    let failure = watch_answer(action.value(), number.clone(), on_done);
    let number = StoredValue::new(number);
    let key = StoredValue::new(new_key("quote", version));
    let read_lines = move |form: &Submitted| -> Vec<QuoteLineInput> {
        rows.get_untracked()
            .iter()
            .map(|r| QuoteLineInput {
                kind: form.get(&format!("kind-{r}")),
                description: form.get(&format!("description-{r}")),
                quantity: form.get(&format!("quantity-{r}")),
                unit_price: form.get(&format!("unit_price-{r}")),
            })
            .collect()
    };
    let on_submit = move |ev: SubmitEvent| {
        let Some(form) = Submitted::from_event(&ev) else { return };
        let lines = read_lines(&form);
        action.dispatch(ProposeQuote {
            request: QuoteRequest {
                target: target(&number.get_value(), version, key.get_value()),
                lines,
                note: form.get("note"),
            },
        });
    };
    // The parts catalogue, offered as suggestions for part lines once the form is opened.
    let catalogue = Resource::new(
        move || open.get(),
        |open| async move { if open { crate::parts::get_catalogue().await.ok() } else { None } },
    );
    let on_input = move |ev: web_sys::Event| {
        if let Some(parts) = catalogue.get_untracked().flatten() {
            fill_price_from_catalogue(&ev, &parts.parts);
        }
        let form = ev
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlFormElement>(t).ok());
        let lines = form
            .and_then(|f| web_sys::FormData::new_with_form(&f).ok())
            .map(|d| read_lines(&Submitted::wrap(d)));
        total.set(lines.and_then(|l| check_lines(&l).ok()).map(|(_, t)| t));
    };
    let kinds = [LineKind::Part, LineKind::Labour, LineKind::Travel];
    view! {
        <button type="button" class="button" aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>{move || i18n.t("quote.new")}</button>
        <Show when=move || open.get()>
            <form class="record-form" novalidate on:submit=on_submit on:input=on_input>
                <RecordError failure />
                <p class="hint">{move || i18n.t("quote.catalogue_hint")}</p>
                <datalist id="catalogue-parts">
                    <Transition>
                        {move || Suspend::new(async move {
                            catalogue.await.unwrap_or_default().parts.into_iter().map(|p| {
                                view! { <option value=catalogue_label(&p)>{format_yuan(p.unit_price_fen.max(0) as u64)}</option> }
                            }).collect_view()
                        })}
                    </Transition>
                </datalist>
                <For each=move || rows.get() key=|r| *r let:row>
                    <fieldset class="line-row">
                        <legend class="visually-hidden">{move || i18n.t_with("quote.line", &[("n", &(rows.get().iter().position(|r| *r == row).unwrap_or(0) + 1).to_string())])}</legend>
                        <div class="field">
                            <label for=format!("q-kind-{row}")>{move || i18n.t("service.field.kind")}</label>
                            <select id=format!("q-kind-{row}") name=format!("kind-{row}")>
                                {kinds.into_iter().map(|k| {
                                    let wire = serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                                    view! { <option value=wire>{move || i18n.t(k.label_key())}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field grow">
                            <label for=format!("q-desc-{row}")>{move || i18n.t("service.field.description")}</label>
                            <input id=format!("q-desc-{row}") name=format!("description-{row}") maxlength="100" list="catalogue-parts" />
                        </div>
                        <div class="field narrow">
                            <label for=format!("q-qty-{row}")>{move || i18n.t("service.field.quantity")}</label>
                            <input id=format!("q-qty-{row}") name=format!("quantity-{row}") inputmode="decimal" value="1" />
                        </div>
                        <div class="field narrow">
                            <label for=format!("q-price-{row}")>{move || i18n.t("service.field.unit_price")}</label>
                            <input id=format!("q-price-{row}") name=format!("unit_price-{row}") inputmode="decimal" />
                        </div>
                        <button type="button" class="button small" disabled=move || rows.get().len() < 2
                            on:click=move |_| rows.update(|rs| rs.retain(|r| *r != row))>
                            {move || i18n.t("quote.remove_line")}
                        </button>
                    </fieldset>
                </For>
                <div class="form-actions">
                    <button type="button" class="button" on:click=move |_| {
                        let id = next_row.get_value();
                        next_row.set_value(id + 1);
                        rows.update(|rs| rs.push(id));
                    }>{move || i18n.t("quote.add_line")}</button>
                    <p class="quote-total" aria-live="polite">
                        {move || i18n.t("quote.total")} " "
                        <strong>{move || total.get().map(|t| format!("¥{}", format_yuan(t))).unwrap_or_else(|| "—".into())}</strong>
                    </p>
                </div>
                <div class="field">
                    <label for="q-note">{move || i18n.t("workflow.note")}</label>
                    <input id="q-note" name="note" maxlength="500" />
                </div>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || action.pending().get()>
                        {move || i18n.t("quote.send")}
                    </button>
                </div>
            </form>
        </Show>
    }
}

/// How a catalogue part is offered on a quote line: "BRG-7014 主轴轴承 7014".
fn catalogue_label(p: &crate::parts::CataloguePart) -> String {
    format!("{} {}", p.part_code, p.name)
}

/// When a quote line's description is set to a catalogue part, makes the line a part line and fills
/// its unit price from the catalogue (still editable: the quote is what the customer is offered).
fn fill_price_from_catalogue(ev: &web_sys::Event, parts: &[crate::parts::CataloguePart]) {
    use wasm_bindgen::JsCast;
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
        return;
    };
    let Some(row) = input.name().strip_prefix("description-").map(str::to_owned) else { return };
    let Some(part) = parts.iter().find(|p| catalogue_label(p) == input.value()) else { return };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(price) = document
        .get_element_by_id(&format!("q-price-{row}"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        price.set_value(&format_yuan(part.unit_price_fen.max(0) as u64).replace(',', ""));
    }
    if let Some(kind) = document
        .get_element_by_id(&format!("q-kind-{row}"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
    {
        kind.set_value("part");
    }
}
