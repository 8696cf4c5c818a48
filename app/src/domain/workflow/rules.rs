//! The tables behind [`super::check`]: transitions per service type, roles per step, guards.

use super::{Actor, Facts, Step, StepRefusal};
use crate::domain::{Role, ServiceType, TicketStatus};

/// Types that send a technician on site: they pass dispatch, scheduling and travel.
pub fn needs_dispatch(t: ServiceType) -> bool {
    matches!(t, ServiceType::FieldRepair | ServiceType::Installation | ServiceType::Maintenance)
}

/// Types whose repaired or returned unit is tested by QA (维修质量检验) before the customer is called back.
pub fn needs_inspection(t: ServiceType) -> bool {
    matches!(t, ServiceType::FieldRepair | ServiceType::DepotRepair | ServiceType::ReturnExchange)
}

/// Types that cannot be resolved without a service report (售后服务报告单).
pub fn needs_service_report(t: ServiceType) -> bool {
    matches!(
        t,
        ServiceType::FieldRepair
            | ServiceType::DepotRepair
            | ServiceType::Installation
            | ServiceType::Maintenance
    )
}

/// Types a technician works without being dispatched: any technician may pick up an unclaimed one.
pub fn technician_can_claim(t: ServiceType) -> bool {
    !needs_dispatch(t) && workers(t).contains(&Role::Technician)
}

/// Whether `actor` may do the work itself on a ticket of type `t` (diagnose, quote, report, resolve):
/// one of the type's workers, and for on-site work the dispatched technician.
pub fn may_do_work(t: ServiceType, actor: &Actor) -> Result<(), StepRefusal> {
    authorize(t, Step::Resolve, actor)
}

/// Types whose work can wait on spare parts.
fn uses_parts(t: ServiceType) -> bool {
    !matches!(t, ServiceType::Consultation | ServiceType::ServiceComplaint | ServiceType::QualityComplaint)
}

/// The state `step` leads to from `from`, or `None` when the step does not exist there for this type.
pub(super) fn target(t: ServiceType, from: TicketStatus, step: Step) -> Option<TicketStatus> {
    use Step as S;
    use TicketStatus::*;
    let to = match (from, step) {
        (New, S::Accept) => Accepted,
        (Accepted, S::Dispatch) if needs_dispatch(t) => Dispatched,
        // Reassignment before the technician sets off; the trail keeps who had it.
        (Dispatched | Scheduled, S::Dispatch) if needs_dispatch(t) => Dispatched,
        (Dispatched, S::Schedule) => Scheduled,
        (Scheduled, S::Depart) => EnRoute,
        (EnRoute, S::StartWork) => InProgress,
        (Accepted, S::StartWork) if !needs_dispatch(t) => InProgress,
        (InProgress, S::AwaitParts) if uses_parts(t) => WaitingParts,
        (WaitingParts, S::PartsArrived) => InProgress,
        (InProgress, S::AwaitCustomer) => WaitingCustomer,
        (WaitingCustomer, S::CustomerReplied) => InProgress,
        (InProgress, S::Resolve) => Resolved,
        (Resolved, S::PassInspection) if needs_inspection(t) => Inspected,
        (Resolved, S::FailInspection) if needs_inspection(t) => InProgress,
        (Resolved, S::FollowUp) if !needs_inspection(t) => FollowedUp,
        (Inspected, S::FollowUp) => FollowedUp,
        (FollowedUp, S::Review) => Reviewed,
        (Reviewed, S::Archive) => Closed,
        (FollowedUp | Closed, S::Reopen) => Accepted,
        (
            New | Accepted | Dispatched | Scheduled | EnRoute | InProgress | WaitingParts | WaitingCustomer,
            S::Cancel,
        ) => Cancelled,
        _ => return None,
    };
    Some(to)
}

/// Who does the work itself for a service type.
fn workers(t: ServiceType) -> &'static [Role] {
    match t {
        ServiceType::FieldRepair | ServiceType::Installation | ServiceType::Maintenance => {
            &[Role::Technician, Role::Supervisor]
        }
        ServiceType::Consultation => &[Role::Technician, Role::Supervisor],
        ServiceType::DepotRepair => &[Role::Clerk, Role::Technician, Role::Supervisor],
        ServiceType::ServiceComplaint | ServiceType::QualityComplaint => &[Role::Supervisor],
        ServiceType::ReturnExchange => &[Role::Warehouse, Role::Clerk, Role::Supervisor],
    }
}

fn allowed_roles(t: ServiceType, step: Step) -> Vec<Role> {
    use Role::*;
    match step {
        Step::Accept | Step::FollowUp | Step::Archive | Step::Cancel | Step::Reopen => {
            vec![Agent, Supervisor]
        }
        Step::Dispatch | Step::Review => vec![Supervisor],
        Step::Schedule | Step::Depart => vec![Technician, Supervisor],
        Step::StartWork | Step::AwaitParts | Step::AwaitCustomer | Step::Resolve => workers(t).to_vec(),
        Step::PartsArrived => [workers(t), &[Warehouse]].concat(),
        Step::CustomerReplied => [workers(t), &[Agent]].concat(),
        Step::PassInspection | Step::FailInspection => vec![Inspector],
    }
}

/// Role and ownership: the actor holds a role allowed for the step; a technician acting only as a
/// technician on an on-site ticket must be the one it is dispatched to.
pub(super) fn authorize(t: ServiceType, step: Step, actor: &Actor) -> Result<(), StepRefusal> {
    let allowed = allowed_roles(t, step);
    let mut matching = actor.roles.iter().filter(|r| allowed.contains(r)).peekable();
    if matching.peek().is_none() {
        return Err(StepRefusal::RoleNotPermitted);
    }
    let only_as_technician = matching.all(|r| *r == Role::Technician);
    if only_as_technician && needs_dispatch(t) && !actor.is_assigned_technician {
        return Err(StepRefusal::NotAssigned);
    }
    Ok(())
}

/// The conditions a step needs besides state and role.
pub(super) fn guard(
    t: ServiceType,
    from: TicketStatus,
    step: Step,
    facts: &Facts,
) -> Result<(), StepRefusal> {
    let has_reason = facts.reason.as_deref().is_some_and(|r| !r.trim().is_empty());
    let quote_ok = !facts.quote_required || facts.quote_approved;
    match step {
        Step::Resolve if needs_service_report(t) && !facts.has_service_report => {
            Err(StepRefusal::ServiceReportMissing)
        }
        Step::Resolve | Step::CustomerReplied if !quote_ok => Err(StepRefusal::QuoteNotApproved),
        Step::Cancel | Step::Reopen if !has_reason => Err(StepRefusal::ReasonRequired),
        Step::Reopen if from == TicketStatus::FollowedUp && facts.follow_up_satisfied != Some(false) => {
            Err(StepRefusal::NotFromHere)
        }
        Step::FollowUp if facts.follow_up_satisfied.is_none() => Err(StepRefusal::FollowUpMissing),
        Step::Review => match facts.follow_up_satisfied {
            None => Err(StepRefusal::FollowUpMissing),
            Some(false) => Err(StepRefusal::CustomerUnsatisfied),
            Some(true) => Ok(()),
        },
        _ => Ok(()),
    }
}
