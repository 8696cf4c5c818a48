//! (ssr) The customer page's sections that ask something of the customer: the quote to approve or
//! reject, the satisfaction survey, and messages to the desk. Plain HTML forms: they work without
//! script, and each carries a request key so that sending one twice records it once.

use leptos::prelude::*;

use super::CustomerTicket;
use super::customer_view::Forms;
use crate::domain::service::QuoteStatus;
use crate::domain::service::quote::format_yuan;
use crate::domain::share::MESSAGE_CHARS;
use crate::i18n::{Locale, tr, tr_with};

/// The refusal message of form `form`, if it was the one refused.
fn refusal(locale: Locale, forms: &Forms, form: &str) -> Option<AnyView> {
    let refused = forms.refused.as_ref().filter(|r| r.form == form)?;
    Some(view! { <div class="alert alert-error" role="alert">{tr(locale, refused.code)}</div> }.into_any())
}

/// What the customer had typed into form `form` before it was refused.
fn kept_text(forms: &Forms, form: &str) -> String {
    forms.refused.as_ref().filter(|r| r.form == form).map(|r| r.text.clone()).unwrap_or_default()
}

/// The quote section: its lines and total, and — while it waits for them — approve and reject.
pub fn quote(locale: Locale, ticket: &CustomerTicket, base: &str, forms: &Forms) -> Option<AnyView> {
    let t = move |key: &str| tr(locale, key);
    let quote = ticket.quote.as_ref()?;
    let lines = quote
        .lines
        .iter()
        .map(|l| {
            let quantity = format!("{}", f64::from(l.quantity_hundredths) / 100.0);
            view! {
                <tr>
                    <td>{t(l.kind.label_key())}</td>
                    <td>{l.description.clone()}</td>
                    <td class="num">{quantity}</td>
                    <td class="num">{format_yuan(l.amount_fen)}</td>
                </tr>
            }
        })
        .collect_view();
    let answered = match quote.status {
        QuoteStatus::Proposed => None,
        QuoteStatus::Approved => Some(t("customer.quote_approved")),
        QuoteStatus::Rejected => Some(t("customer.quote_rejected")),
    };
    let form = ticket.may_answer_quote.then(|| {
        view! {
            <form method="post" action=format!("{base}/quote") class="customer-form">
                <input type="hidden" name="key" value=forms.key.clone() />
                <input type="hidden" name="version" value=ticket.version.to_string() />
                <div class="field">
                    <label for="quote-note">{t("customer.quote_note")}</label>
                    <textarea id="quote-note" name="note" rows="2" maxlength="500">{kept_text(forms, "quote")}</textarea>
                </div>
                <div class="form-actions">
                    <button type="submit" name="answer" value="approve" class="button primary">{t("customer.quote_approve")}</button>
                    <button type="submit" name="answer" value="reject" class="button">{t("customer.quote_reject")}</button>
                </div>
            </form>
        }
    });
    Some(
        view! {
            <section class="panel" aria-labelledby="quote-h">
                <h2 id="quote-h">{t("customer.quote_title")}</h2>
                {ticket.may_answer_quote.then(|| view! { <p>{t("customer.quote_hint")}</p> })}
                {refusal(locale, forms, "quote")}
                <div class="table-wrap">
                    <table class="lines">
                        <thead><tr>
                            <th scope="col">{t("service.field.kind")}</th>
                            <th scope="col">{t("service.field.description")}</th>
                            <th scope="col" class="num">{t("service.field.quantity")}</th>
                            <th scope="col" class="num">{t("quote.amount")}</th>
                        </tr></thead>
                        <tbody>{lines}</tbody>
                        <tfoot><tr>
                            <th scope="row" colspan="3">{t("quote.total")}</th>
                            <td class="num"><strong>"¥" {format_yuan(quote.total_fen)}</strong></td>
                        </tr></tfoot>
                    </table>
                </div>
                {answered.map(|text| view! { <p class="quote-answer"><strong>{text}</strong></p> })}
                {form}
            </section>
        }
        .into_any(),
    )
}

/// The satisfaction survey once the work is done, or the customer's answer once given.
pub fn survey(locale: Locale, ticket: &CustomerTicket, base: &str, forms: &Forms) -> Option<AnyView> {
    let t = move |key: &str| tr(locale, key);
    if let Some(answer) = &ticket.survey {
        let score = tr_with(locale, "customer.survey_given", &[("score", &answer.score.to_string())]);
        return Some(
            view! {
                <section class="panel" aria-labelledby="survey-h">
                    <h2 id="survey-h">{t("customer.survey_title")}</h2>
                    <p><strong>{score}</strong></p>
                    {answer.comment.clone().map(|c| view! { <p class="note">{c}</p> })}
                </section>
            }
            .into_any(),
        );
    }
    if !ticket.may_survey {
        return None;
    }
    let kept = forms.refused.as_ref().filter(|r| r.form == "survey").and_then(|r| r.score);
    let choices = (1u8..=5)
        .map(|n| {
            view! {
                <label class="check">
                    <input type="radio" name="score" value=n.to_string() checked=kept == Some(n) />
                    <span class="score" aria-hidden="true">{n}</span>
                    {t(&format!("workflow.score.{n}"))}
                </label>
            }
        })
        .collect_view();
    Some(
        view! {
            <section class="panel" aria-labelledby="survey-h">
                <h2 id="survey-h">{t("customer.survey_title")}</h2>
                {refusal(locale, forms, "survey")}
                <form method="post" action=format!("{base}/survey") class="customer-form">
                    <input type="hidden" name="key" value=forms.key.clone() />
                    <fieldset class="field">
                        <legend>{t("customer.survey_question")}</legend>
                        <div class="checks">{choices}</div>
                    </fieldset>
                    <div class="field">
                        <label for="survey-comment">{t("customer.survey_comment")}</label>
                        <textarea id="survey-comment" name="comment" rows="3" maxlength=MESSAGE_CHARS.to_string()>{kept_text(forms, "survey")}</textarea>
                    </div>
                    <div class="form-actions">
                        <button type="submit" class="button primary">{t("customer.survey_send")}</button>
                    </div>
                </form>
            </section>
        }
        .into_any(),
    )
}

/// The customer's messages to the desk, and the form to leave another while the ticket is open.
pub fn messages(locale: Locale, ticket: &CustomerTicket, base: &str, forms: &Forms) -> Option<AnyView> {
    let t = move |key: &str| tr(locale, key);
    if !ticket.may_message && ticket.messages.is_empty() && ticket.photos.is_empty() {
        return None;
    }
    let photos = ticket
        .photos
        .iter()
        .map(|(at, file)| {
            let date = at.format("%Y-%m-%d %H:%M").to_string();
            let src = format!("{base}/photos/{file}");
            let href = src.clone();
            view! {
                <li>
                    <a href=href>
                        <img src=src alt=tr_with(locale, "customer.photo_alt", &[("date", &date)]) loading="lazy" width="160" height="120" />
                    </a>
                </li>
            }
        })
        .collect_view();
    let photo_form = ticket.may_message.then(|| {
        view! {
            <form method="post" action=format!("{base}/photo") enctype="multipart/form-data" class="customer-form">
                <input type="hidden" name="key" value=forms.key.clone() />
                <div class="field">
                    <label for="photo-file">{t("customer.photo_label")}</label>
                    <input id="photo-file" name="photo" type="file" accept="image/jpeg,image/png,image/webp" required
                        aria-describedby="photo-hint" />
                    <p class="hint" id="photo-hint">{t("customer.photo_hint")}</p>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button">{t("customer.photo_send")}</button>
                </div>
            </form>
        }
    });
    let sent = ticket
        .messages
        .iter()
        .map(|(at, text)| {
            view! {
                <li>
                    <time datetime=at.to_rfc3339()>{at.format("%Y-%m-%d %H:%M").to_string()}</time>
                    <p class="note">{text.clone()}</p>
                </li>
            }
        })
        .collect_view();
    let form = ticket.may_message.then(|| {
        view! {
            <form method="post" action=format!("{base}/message") class="customer-form">
                <input type="hidden" name="key" value=forms.key.clone() />
                <div class="field">
                    <label for="message-text">{t("customer.message_label")}</label>
                    <textarea id="message-text" name="message" rows="3" required maxlength=MESSAGE_CHARS.to_string()>{kept_text(forms, "message")}</textarea>
                    <p class="hint">{tr_with(locale, "customer.message_hint", &[("max", &MESSAGE_CHARS.to_string())])}</p>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button">{t("customer.message_send")}</button>
                </div>
            </form>
        }
    });
    Some(
        view! {
            <section class="panel" aria-labelledby="messages-h">
                <h2 id="messages-h">{t("customer.messages_title")}</h2>
                {refusal(locale, forms, "message")}
                {(!ticket.messages.is_empty()).then(|| view! { <ol class="customer-messages">{sent}</ol> })}
                {(!ticket.photos.is_empty()).then(|| view! { <ul class="customer-photos">{photos}</ul> })}
                {form}
                {photo_form}
            </section>
        }
        .into_any(),
    )
}
