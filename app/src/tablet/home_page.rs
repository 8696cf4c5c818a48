//! `/jobs`: the technician's day on a tablet: open jobs by appointment, each with who to call, where to
//! go, what is broken and how long is left; updates live, and stays readable offline once loaded.

use leptos::prelude::*;

use super::{JobCard, JobList, Slot, SyncBar, agenda, load_jobs, use_outbox};
use crate::app::page_title;
use crate::components::ErrorNotice;
use crate::i18n::use_i18n;
use crate::live::{LiveHandlers, LiveIndicator, Topic, use_live};
use crate::tickets::StatusBadge;

/// The technician's home.
#[component]
pub fn JobsPage() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let refresh = RwSignal::new(0u32);
    let jobs = Resource::new(move || (refresh.get(), outbox.applied.get()), |_| load_jobs());
    let live = use_live(Topic::Jobs, LiveHandlers::refetch(move || refresh.update(|n| *n += 1)));
    view! {
        {page_title("jobs.title")}
        <div class="page-head tablet-head">
            <h1>{move || i18n.t("jobs.title")}</h1>
            <LiveIndicator status=live />
        </div>
        <SyncBar />
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match jobs.await {
                    Ok((list, cached)) => view! { <Agenda list cached /> }.into_any(),
                    Err(error) => view! { <ErrorNotice kind=error.kind() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Agenda(list: JobList, cached: bool) -> impl IntoView {
    let i18n = use_i18n();
    super::attach_and_keep(list.me.clone(), (!cached).then(|| list.clone()), super::storage::save_list);
    let saved_at = crate::tickets::format_time(&list.read_at);
    let read_at_ms = list.read_at.timestamp_millis();
    let groups = agenda(list.jobs, list.read_at.date_naive());
    view! {
        {cached.then(|| view! {
            <p class="panel notice offline-copy" role="status">
                {move || i18n.t_with("tablet.offline_copy", &[("at", &saved_at)])}
            </p>
        })}
        {if groups.is_empty() {
            view! { <p class="panel notice">{move || i18n.t("jobs.none")}</p> }.into_any()
        } else {
            groups.into_iter().map(|(slot, jobs)| view! { <JobGroup group=slot jobs read_at_ms /> }).collect_view().into_any()
        }}
    }
}

#[component]
fn JobGroup(group: Slot, jobs: Vec<JobCard>, read_at_ms: i64) -> impl IntoView {
    let i18n = use_i18n();
    let heading = format!("slot-{}", group.label_key().rsplit('.').next().unwrap_or_default());
    let labelled_by = heading.clone();
    view! {
        <section class="job-group" aria-labelledby=labelled_by>
            <h2 id=heading>{move || i18n.t(group.label_key())} <span class="count">{jobs.len()}</span></h2>
            <ul class="job-cards">
                {jobs.into_iter().map(|job| view! { <JobCardView job read_at_ms /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn JobCardView(job: JobCard, read_at_ms: i64) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let t = job.ticket;
    let number = t.number.to_string();
    let href = format!("/jobs/{number}");
    let (server_status, server_version) = (t.status, t.version);
    let number_for_status = number.clone();
    let status = Memo::new(move |_| {
        outbox.queue.with(|q| q.projected_status(&number_for_status, (server_status, server_version)))
    });
    let number_for_pending = number.clone();
    let pending = move || outbox.queue.with(|q| q.of_job(&number_for_pending).count());
    let when = t.appointment.map(|a| a.format("%H:%M").to_string());
    let day = t.appointment.map(|a| a.format("%m-%d").to_string());
    let clock = job.clock;
    let countdown = move || {
        let elapsed = (outbox.now_ms.get() - read_at_ms).max(0) / 60_000;
        clock.as_ref().map(|c| super::countdown(i18n, c, elapsed))
    };
    let phone_href = format!("tel:{}", t.phone.replace([' ', '-'], ""));
    let map_href = t.address.as_deref().map(super::map_href);
    view! {
        <li class="job-card">
            <a class="job-open" href=href>
                <span class="job-time">
                    <strong>{when.unwrap_or_else(|| i18n.t("tablet.no_time"))}</strong>
                    <span class="muted">{day}</span>
                </span>
                <span class="job-main">
                    <span class="job-company">{t.company.clone()}</span>
                    <span class="job-number muted">{number.clone()}</span>
                    <span class="job-product">
                        {t.product_model.clone()} {t.serial_number.clone().map(|s| format!(" · {s}"))}
                    </span>
                    <span class="job-fault">{t.fault_description.clone()}</span>
                </span>
                <span class="job-state">
                    {move || view! { <StatusBadge status=status.get() /> }}
                    {move || (pending() > 0).then(|| view! {
                        <span class="badge pending">{i18n.t_with("tablet.pending_n", &[("n", &pending().to_string())])}</span>
                    })}
                    {move || countdown().map(|(class, text)| view! { <span class=class>{text}</span> })}
                </span>
            </a>
            <div class="job-links">
                <a class="touch-btn" href=phone_href>
                    {move || i18n.t("tablet.call")} " " {t.contact_name.clone()}
                </a>
                {map_href.map(|href| view! {
                    <a class="touch-btn" href=href target="_blank" rel="noopener">{move || i18n.t("tablet.map")}</a>
                })}
                <span class="job-address">{t.address.clone().unwrap_or_default()}</span>
            </div>
        </li>
    }
}
