//! Server functions of the technician's tablet. Thin: the job list and one job, read with the same
//! access checks as the ticket pages. Status steps and the report go through the workflow and service
//! functions the desk uses, so the rules are checked in one place.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::{JobList, JobView};
use crate::error::TicketError;

/// The signed-in technician's jobs still to work on (dispatched to them, not yet resolved), with the
/// deadline nearest to running out on each.
#[server(prefix = "/api", endpoint = "jobs/mine", input = Json)]
pub async fn my_jobs() -> Result<JobList, TicketError> {
    use crate::auth::guard;
    use crate::domain::TicketNumber;
    use crate::domain::access::Action;

    let staff = guard::require(Action::ListOwnJobs)?;
    let state = use_context::<crate::state::AppState>().ok_or(TicketError::Internal)?;
    let mut jobs = Vec::new();
    for number in
        crate::db::jobs::assigned_in(&state.db, &staff.username, &crate::domain::workflow::WITH_TECHNICIAN)
            .await?
    {
        let Ok(number) = TicketNumber::parse(&number) else { continue };
        let Some(mut detail) = crate::db::tickets::get(&state.db, &number, state.tz).await? else { continue };
        crate::tickets::read_clocks(&state.db, &mut detail, state.tz).await?;
        jobs.push(super::JobCard { clock: super::nearest_clock(&detail.clocks), ticket: detail.ticket });
    }
    let read_at = chrono::Utc::now().with_timezone(&state.tz).fixed_offset();
    Ok(JobList { me: staff.username, jobs, read_at })
}

/// One job for the tablet: the ticket as its page shows it, and the unit's earlier services with what
/// their reports said (at most ten).
#[server(prefix = "/api", endpoint = "jobs/get", input = Json)]
pub async fn open_job(number: String) -> Result<JobView, TicketError> {
    let staff = crate::auth::guard::require(crate::domain::access::Action::ViewTicket)?;
    let state = use_context::<crate::state::AppState>().ok_or(TicketError::Internal)?;
    let detail = crate::tickets::get_ticket(number).await?;
    let mut history = Vec::new();
    if let Some(serial) = detail.ticket.serial_number.as_deref() {
        let this = detail.ticket.number.to_string();
        let visits = crate::db::assets::visits(&state.db, serial, state.tz).await?;
        for visit in visits.into_iter().filter(|v| v.number != this).take(10) {
            let report = crate::db::service::load(&state.db, &visit.number, state.tz).await?.report;
            history.push(super::PastService {
                number: visit.number,
                status: visit.status,
                service_type: visit.service_type,
                created_at: visit.created_at,
                fault_cause: report.as_ref().map(|r| r.content.fault_cause.clone()),
                work_done: report.as_ref().map(|r| r.content.work_done.clone()),
                technician: report.map(|r| r.filed.by),
            });
        }
    }
    let catalogue = crate::parts::get_catalogue().await?;
    let parts = catalogue.parts.into_iter().map(|p| (p.part_code, p.name)).collect();
    let read_at = chrono::Utc::now().with_timezone(&state.tz).fixed_offset();
    Ok(JobView { me: staff.username, detail, history, parts, read_at })
}
