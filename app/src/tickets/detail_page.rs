//! `/tickets/SV-…`: one ticket at a stable, shareable address, with its audit trail.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::live_ticket::{StaleNotice, follow_ticket};
use super::widgets::{Fact, StatusBadge, UrgencyBadge, format_time};
use super::workflow_panel::{ClockList, ReviewChoices, StepPanel};
use super::{TicketDetail, TicketEvent, TicketEventKind, get_ticket};
use crate::components::{ErrorNotice, NotFound, set_status};
use crate::domain::service::ServiceAction;
use crate::domain::workflow::Step;
use crate::domain::workflow::review::distinct_breaches;
use crate::error::TicketError;
use crate::i18n::use_i18n;
use crate::live::{LiveIndicator, LiveStatus};
use crate::parts::PartsPanel;
use crate::service::ServicePanel;
use crate::share::SharePanel;

/// The ticket page. Unknown numbers answer 404.
#[component]
pub fn TicketDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    // Bumped after a step (or a conflict) to load the ticket again.
    let refresh = RwSignal::new(0u32);
    let detail = Resource::new(move || (number(), refresh.get()), |(number, _)| get_ticket(number));
    let live = follow_ticket(number, refresh);
    let fresh: crate::share::FreshLink = RwSignal::new(None);
    view! {
        <StaleNotice live />
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => {
                        live.loaded(Some(detail.ticket.version));
                        let on_done = Callback::new(move |_| live.refetch());
                        view! { <TicketView detail on_done live=live.status fresh /> }.into_any()
                    }
                    Err(TicketError::NotFound { .. }) => {
                        live.loaded(None);
                        view! { <NotFound /> }.into_any()
                    }
                    Err(error) => {
                        live.loaded(None);
                        set_status(error.kind().status());
                        view! { <ErrorNotice kind=error.kind() /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn TicketView(
    detail: TicketDetail,
    on_done: Callback<()>,
    live: ReadSignal<LiveStatus>,
    fresh: crate::share::FreshLink,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = detail.ticket;
    let just_created = use_query_map().with_untracked(|q| q.get("created").is_some());
    let number = t.number.to_string();
    // Shown above the reloaded ticket when this person's step met a newer version (this one).
    let conflict = super::workflow_panel::use_conflict_notice().0;
    let (shown, version) = (number.clone(), t.version);
    let tel = format!("tel:{}", t.phone);
    let phone = t.phone.clone();
    let review = ReviewChoices {
        breached: distinct_breaches(detail.events.iter().filter_map(|e| e.clock)),
        staff: detail.staff,
    };
    let may_request = detail.service.actions.contains(&ServiceAction::RequestParts);
    let may_issue = detail.service.actions.contains(&ServiceAction::IssueParts);
    let requisitions = detail.requisitions;
    let share_links = detail.share_links;
    let survey = t.survey.clone();
    let failed_inspections = detail.events.iter().filter(|e| e.step == Some(Step::FailInspection)).count();
    view! {
        <Title text=number.clone() />
        {just_created.then(|| {
            let number = number.clone();
            view! {
                <div class="alert alert-success" role="status">
                    {move || i18n.t_with("detail.created_notice", &[("number", &number)])}
                </div>
            }
        })}
        <div class="page-head">
            <div>
                <p class="eyebrow">{move || i18n.t(t.service_type.label_key())}</p>
                <h1 class="ticket-number">{number.clone()}</h1>
            </div>
            <div class="head-badges">
                <LiveIndicator status=live />
                <UrgencyBadge urgency=t.urgency />
                <StatusBadge status=t.status />
            </div>
        </div>
        {move || (conflict.get() == Some((shown.clone(), version))).then(|| view! {
            <div class="alert alert-warning" role="alert">{move || i18n.t("workflow.conflict")}</div>
        })}
        <div class="detail-grid">
            <section class="panel" aria-labelledby="steps-h">
                <h2 id="steps-h">{move || i18n.t("workflow.next_steps")}</h2>
                <StepPanel number=number.clone() version=t.version steps=detail.steps suggestions=detail.suggestions review survey=survey on_done />
            </section>
            <section class="panel" aria-labelledby="clocks-h">
                <h2 id="clocks-h">{move || i18n.t("clock.title")}</h2>
                <ClockList clocks=detail.clocks />
            </section>
            {crate::domain::service::keeps_service_records(t.service_type).then(|| view! {
                <section class="panel wide" aria-labelledby="service-h">
                    <h2 id="service-h">{move || i18n.t("service.title")}</h2>
                    <ServicePanel number=number.clone() version=t.version record=detail.service purchase_date=t.purchase_date
                        depot=t.service_type == crate::domain::ServiceType::DepotRepair on_done />
                </section>
                <section class="panel wide" aria-labelledby="parts-h">
                    <h2 id="parts-h">{move || i18n.t("parts.section")}</h2>
                    <PartsPanel number=number.clone() version=t.version status=t.status requisitions may_request may_issue on_done />
                </section>
            })}
            {(crate::domain::workflow::needs_dispatch(t.service_type) && t.assignee.is_some()).then(|| {
                let order = format!("/tickets/{number}/dispatch-order");
                view! {
                    <section class="panel wide" aria-labelledby="dispatch-h">
                        <h2 id="dispatch-h">{move || i18n.t("dispatch.title")}</h2>
                        <dl class="facts inline">
                            <Fact label="workflow.technician" value=t.assignee_name.clone().or(t.assignee.clone()) />
                            <Fact label="workflow.appointment" value=t.appointment.map(|a| a.format("%Y-%m-%d %H:%M").to_string()) />
                            <Fact label="workflow.estimate_minutes" value=t.estimate_minutes.map(|m| m.to_string()) />
                            <Fact label="workflow.bring" value=t.bring.clone() />
                        </dl>
                        <p><a class="button" href=order>{move || i18n.t("dispatch.print")}</a></p>
                    </section>
                }
            })}
            <section class="panel" aria-labelledby="customer-h">
                <h2 id="customer-h">{move || i18n.t("detail.customer")}</h2>
                <dl class="facts">
                    <Fact label="ticket.company" value=t.company />
                    <Fact label="ticket.contact_name" value=t.contact_name />
                    <div class="fact">
                        <dt>{move || i18n.t("ticket.phone")}</dt>
                        <dd><a href=tel>{phone}</a></dd>
                    </div>
                    <Fact label="ticket.region" value=t.region />
                    <Fact label="ticket.address" value=t.address />
                </dl>
            </section>
            <section class="panel" aria-labelledby="product-h">
                <h2 id="product-h">{move || i18n.t("detail.product")}</h2>
                <dl class="facts">
                    <Fact label="ticket.product_model" value=t.product_model />
                    <div class="fact">
                        <dt>{move || i18n.t("ticket.serial_number")}</dt>
                        <dd>{t.serial_number.clone().map_or_else(
                            || view! { "—" }.into_any(),
                            |s| view! { <a href=format!("/assets/{}", crate::assets::path_segment(&s))>{s.clone()}</a> }.into_any(),
                        )}</dd>
                    </div>
                    <div class="fact">
                        <dt>{move || i18n.t("ticket.fault_category")}</dt>
                        <dd>
                            {move || t.fault_category.map_or_else(|| "—".to_owned(), |c| i18n.t(c.label_key()))}
                            {t.repeat_of.clone().map(|n| {
                                let href = format!("/tickets/{n}");
                                view! { " " <a class="badge repeat" href=href>{move || i18n.t_with("asset.repeat_of", &[("number", &n)])}</a> }
                            })}
                        </dd>
                    </div>
                    <Fact label="ticket.purchase_date" value=t.purchase_date.map(|d| d.to_string()) />
                    {crate::domain::workflow::needs_inspection(t.service_type).then(|| view! {
                        <Fact label="detail.failed_inspections" value=Some(failed_inspections.to_string()) />
                    })}
                </dl>
            </section>
            <section class="panel wide" aria-labelledby="fault-h">
                <h2 id="fault-h">{move || i18n.t("ticket.fault_description")}</h2>
                <p class="fault">{t.fault_description}</p>
                <dl class="facts inline">
                    <div class="fact">
                        <dt>{move || i18n.t("ticket.channel")}</dt>
                        <dd>{move || i18n.t(t.channel.label_key())}</dd>
                    </div>
                    <Fact label="ticket.preferred_time" value=t.preferred_time />
                    <Fact label="ticket.created_at" value=Some(format_time(&t.created_at)) />
                    <Fact label="ticket.updated_at" value=Some(format_time(&t.updated_at)) />
                </dl>
            </section>
            <section class="panel wide share-panel" aria-labelledby="share-h">
                <h2 id="share-h">{move || i18n.t("share.title")}</h2>
                <SharePanel number=number.clone() links=share_links fresh on_done />
            </section>
            <section class="panel wide" aria-labelledby="timeline-h">
                <h2 id="timeline-h">{move || i18n.t("detail.timeline")}</h2>
                <ol class="timeline">
                    {detail.events.into_iter().map(|e| view! { <EventItem event=e number=number.clone() /> }).collect_view()}
                </ol>
            </section>
        </div>
    }
}

#[component]
fn EventItem(event: TicketEvent, number: String) -> impl IntoView {
    let i18n = use_i18n();
    let TicketEvent { at, kind, from_status, to_status, actor, note, step, changes, clock, record, .. } =
        event;
    let is_photo =
        matches!(record.as_deref(), Some(crate::share::CUSTOMER_PHOTO | "photo_fault" | "photo_repair"));
    let what = move || match (kind, from_status) {
        (TicketEventKind::Created, _) => i18n.t("event.created"),
        (TicketEventKind::Record, _) => {
            i18n.t(&format!("event.record.{}", record.clone().unwrap_or_default()))
        }
        (TicketEventKind::Breach, _) => {
            let kind =
                clock.and_then(|c| serde_json::to_value(c).ok()).and_then(|v| v.as_str().map(str::to_owned));
            i18n.t_with("event.breach", &[("clock", &i18n.t(&format!("clock.{}", kind.unwrap_or_default())))])
        }
        (TicketEventKind::Step, from) => i18n.t_with(
            "event.step",
            &[
                ("step", &step.map(|s| i18n.t(&s.label_key())).unwrap_or_default()),
                ("from", &from.map(|f| i18n.t(f.label_key())).unwrap_or_default()),
                ("to", &i18n.t(to_status.label_key())),
            ],
        ),
        (TicketEventKind::StatusChanged, Some(from)) => i18n.t_with(
            "event.status_changed",
            &[("from", &i18n.t(from.label_key())), ("to", &i18n.t(to_status.label_key()))],
        ),
        (TicketEventKind::StatusChanged, None) => {
            i18n.t_with("event.status_set", &[("to", &i18n.t(to_status.label_key()))])
        }
    };
    let breach = kind == TicketEventKind::Breach;
    let actor = if actor.is_empty() { None } else { Some(actor) };
    view! {
        <li class:breach=breach>
            <time datetime=at.to_rfc3339()>{format_time(&at)}</time>
            <div>
                <strong>{what}</strong>
                {(!breach).then(|| view! {
                    <span class="muted">
                        " · " {move || actor.clone().unwrap_or_else(|| i18n.t("event.actor_desk"))}
                    </span>
                })}
                {(!changes.is_empty()).then(|| view! {
                    <ul class="changes">
                        {changes.into_iter().map(|c| view! {
                            <li>{move || change_text(i18n, &c)}</li>
                        }).collect_view()}
                    </ul>
                })}
                {match (is_photo, note) {
                    (true, Some(file)) => {
                        let src = format!("/tickets/{number}/photos/{file}");
                        let href = src.clone();
                        view! {
                            <a class="event-photo" href=href>
                                <img src=src alt=move || i18n.t("event.photo_alt") loading="lazy" width="160" height="120" />
                            </a>
                        }.into_any()
                    }
                    (_, Some(n)) => view! { <p class="note">{n}</p> }.into_any(),
                    (_, None) => ().into_any(),
                }}
            </div>
        </li>
    }
}

/// "field: old → new" in the reader's language.
fn change_text(i18n: crate::i18n::I18n, c: &super::FieldChange) -> String {
    let value = |v: &Option<String>| match (c.field.as_str(), v.as_deref()) {
        (_, None) => "—".to_owned(),
        (_, Some("satisfied")) => i18n.t("workflow.satisfied"),
        (_, Some("unsatisfied")) => i18n.t("workflow.unsatisfied"),
        ("charge_class", Some(class)) => i18n.t(&format!("charge.{class}")),
        ("quote_status", Some(status)) => i18n.t(&format!("quote.status.{status}")),
        ("repairer", Some(r)) => i18n.t(&format!("depot.repairer.{r}")),
        (_, Some(other)) => other.to_owned(),
    };
    let field = match c.field.strip_prefix("responsible_") {
        Some(clock) => i18n.t_with("change.responsible", &[("clock", &i18n.t(&format!("clock.{clock}")))]),
        None => i18n.t(&format!("change.{}", c.field)),
    };
    i18n.t_with("change.line", &[("field", &field), ("old", &value(&c.old)), ("new", &value(&c.new))])
}
