use super::*;
use crate::domain::{Role, ServiceType, TicketStatus};

fn actor(roles: &[Role]) -> Actor {
    Actor { roles: roles.to_vec(), is_assigned_technician: false }
}

fn assigned_technician() -> Actor {
    Actor { roles: vec![Role::Technician], is_assigned_technician: true }
}

fn done() -> Facts {
    Facts { has_service_report: true, follow_up_satisfied: Some(true), ..Facts::default() }
}

/// Walks `steps` from `new`, each by the given actor, and returns the states passed.
fn walk(t: ServiceType, steps: &[(Step, Actor)], facts: &Facts) -> Vec<TicketStatus> {
    let mut state = TicketStatus::New;
    let mut seen = vec![state];
    for (step, who) in steps {
        state = check(t, state, *step, who, facts)
            .unwrap_or_else(|e| panic!("{t:?}: {step:?} from {state:?} refused: {e}"));
        seen.push(state);
    }
    seen
}

fn agent() -> Actor {
    actor(&[Role::Agent])
}
fn supervisor() -> Actor {
    actor(&[Role::Supervisor])
}

#[test]
fn a_field_repair_goes_through_dispatch_travel_inspection_and_review_to_closed() {
    use Step::*;
    let tech = assigned_technician;
    let path = walk(
        ServiceType::FieldRepair,
        &[
            (Accept, agent()),
            (Dispatch, supervisor()),
            (Schedule, tech()),
            (Depart, tech()),
            (StartWork, tech()),
            (AwaitParts, tech()),
            (PartsArrived, actor(&[Role::Warehouse])),
            (Resolve, tech()),
            (FailInspection, actor(&[Role::Inspector])),
            (Resolve, tech()),
            (PassInspection, actor(&[Role::Inspector])),
            (FollowUp, agent()),
            (Review, supervisor()),
            (Archive, agent()),
        ],
        &done(),
    );
    assert_eq!(path.last(), Some(&TicketStatus::Closed));
    assert!(path.contains(&TicketStatus::EnRoute) && path.contains(&TicketStatus::WaitingParts));
    assert!(path.contains(&TicketStatus::Inspected));
}

#[test]
fn a_consultation_has_no_dispatch_and_no_report() {
    use Step::*;
    assert_eq!(
        check(ServiceType::Consultation, TicketStatus::Accepted, Dispatch, &supervisor(), &done()),
        Err(StepRefusal::NotFromHere)
    );
    let path = walk(
        ServiceType::Consultation,
        &[
            (Accept, agent()),
            (StartWork, actor(&[Role::Technician])),
            (Resolve, actor(&[Role::Technician])),
            (FollowUp, agent()),
            (Review, supervisor()),
            (Archive, supervisor()),
        ],
        &Facts { follow_up_satisfied: Some(true), ..Facts::default() },
    );
    assert_eq!(path.last(), Some(&TicketStatus::Closed));
}

#[test]
fn a_depot_repair_is_inspected_and_a_failed_inspection_goes_back_to_repair() {
    use Step::*;
    let clerk = || actor(&[Role::Clerk]);
    let qa = || actor(&[Role::Inspector]);
    let t = ServiceType::DepotRepair;
    let path = walk(
        t,
        &[
            (Accept, agent()),
            (StartWork, clerk()),
            (Resolve, clerk()),
            (FailInspection, qa()),
            (Resolve, clerk()),
            (PassInspection, qa()),
            (FollowUp, agent()),
        ],
        &done(),
    );
    assert_eq!(path.last(), Some(&TicketStatus::FollowedUp));
    assert_eq!(check(t, TicketStatus::Resolved, FollowUp, &agent(), &done()), Err(StepRefusal::NotFromHere));
}

#[test]
fn only_the_dispatched_technician_or_a_supervisor_works_an_on_site_ticket() {
    let t = ServiceType::FieldRepair;
    let other = actor(&[Role::Technician]);
    let s = TicketStatus::Scheduled;
    assert_eq!(check(t, s, Step::Depart, &other, &done()), Err(StepRefusal::NotAssigned));
    assert_eq!(check(t, s, Step::Depart, &assigned_technician(), &done()), Ok(TicketStatus::EnRoute));
    assert_eq!(check(t, s, Step::Depart, &supervisor(), &done()), Ok(TicketStatus::EnRoute));
    let both = Actor { roles: vec![Role::Technician, Role::Supervisor], is_assigned_technician: false };
    assert_eq!(check(t, s, Step::Depart, &both, &done()), Ok(TicketStatus::EnRoute));
}

#[test]
fn roles_outside_a_step_are_refused() {
    let t = ServiceType::FieldRepair;
    assert_eq!(
        check(t, TicketStatus::Accepted, Step::Dispatch, &agent(), &done()),
        Err(StepRefusal::RoleNotPermitted)
    );
    assert_eq!(
        check(t, TicketStatus::New, Step::Accept, &actor(&[Role::Admin]), &done()),
        Err(StepRefusal::RoleNotPermitted)
    );
    assert_eq!(
        check(ServiceType::DepotRepair, TicketStatus::Resolved, Step::PassInspection, &supervisor(), &done()),
        Err(StepRefusal::RoleNotPermitted)
    );
}

#[test]
fn resolving_repair_work_needs_a_service_report_and_an_approved_quote() {
    let t = ServiceType::FieldRepair;
    let me = assigned_technician();
    let s = TicketStatus::InProgress;
    let no_report = Facts::default();
    assert_eq!(check(t, s, Step::Resolve, &me, &no_report), Err(StepRefusal::ServiceReportMissing));
    let unapproved = Facts { has_service_report: true, quote_required: true, ..Facts::default() };
    assert_eq!(check(t, s, Step::Resolve, &me, &unapproved), Err(StepRefusal::QuoteNotApproved));
    assert_eq!(
        check(t, TicketStatus::WaitingCustomer, Step::CustomerReplied, &me, &unapproved),
        Err(StepRefusal::QuoteNotApproved)
    );
    let approved = Facts { quote_approved: true, ..unapproved };
    assert_eq!(check(t, s, Step::Resolve, &me, &approved), Ok(TicketStatus::Resolved));
}

#[test]
fn cancelling_needs_a_reason_and_is_impossible_once_resolved() {
    let t = ServiceType::FieldRepair;
    let s = TicketStatus::Dispatched;
    assert_eq!(check(t, s, Step::Cancel, &agent(), &Facts::default()), Err(StepRefusal::ReasonRequired));
    let blank = Facts { reason: Some("  ".into()), ..Facts::default() };
    assert_eq!(check(t, s, Step::Cancel, &agent(), &blank), Err(StepRefusal::ReasonRequired));
    let why = Facts { reason: Some("客户已自行修复".into()), ..Facts::default() };
    assert_eq!(check(t, s, Step::Cancel, &agent(), &why), Ok(TicketStatus::Cancelled));
    assert_eq!(check(t, TicketStatus::Resolved, Step::Cancel, &agent(), &why), Err(StepRefusal::NotFromHere));
}

#[test]
fn an_unsatisfied_follow_up_blocks_review_and_reopens_the_ticket() {
    let t = ServiceType::FieldRepair;
    let unhappy = Facts { follow_up_satisfied: Some(false), reason: Some("异响仍在".into()), ..done() };
    let s = TicketStatus::FollowedUp;
    assert_eq!(check(t, s, Step::Review, &supervisor(), &unhappy), Err(StepRefusal::CustomerUnsatisfied));
    assert_eq!(check(t, s, Step::Reopen, &agent(), &unhappy), Ok(TicketStatus::Accepted));
    let happy = Facts { reason: Some("x".into()), ..done() };
    assert_eq!(check(t, s, Step::Reopen, &agent(), &happy), Err(StepRefusal::NotFromHere));
    let closed_again = Facts { reason: Some("同一故障再次出现".into()), ..Facts::default() };
    assert_eq!(
        check(t, TicketStatus::Closed, Step::Reopen, &agent(), &closed_again),
        Ok(TicketStatus::Accepted)
    );
}

#[test]
fn the_page_offers_only_steps_the_actor_may_take_from_here() {
    let t = ServiceType::FieldRepair;
    assert_eq!(available(t, TicketStatus::Accepted, &supervisor()), vec![Step::Dispatch, Step::Cancel]);
    assert_eq!(available(t, TicketStatus::Accepted, &agent()), vec![Step::Cancel]);
    assert!(available(t, TicketStatus::Scheduled, &actor(&[Role::Technician])).is_empty());
    assert_eq!(available(t, TicketStatus::Scheduled, &assigned_technician()), vec![Step::Depart]);
    assert!(available(t, TicketStatus::Cancelled, &supervisor()).is_empty());
}

/// A small deterministic generator, so the random walks below are repeatable.
struct XorShift(u64);
impl XorShift {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn random_steps_by_random_people_never_break_the_life_cycle() {
    let mut rng = XorShift(0x5eed_2026_1125);
    for _ in 0..3000 {
        let t = ServiceType::ALL[rng.next(ServiceType::ALL.len())];
        let mut state = TicketStatus::New;
        let mut reviewed_since_reopen = false;
        let mut inspected_since_resolve = false;
        for _ in 0..60 {
            let roles: Vec<Role> = Role::ALL.into_iter().filter(|_| rng.next(4) == 0).collect();
            let who = Actor { roles, is_assigned_technician: rng.next(2) == 0 };
            let facts = Facts {
                has_service_report: rng.next(2) == 0,
                quote_required: rng.next(3) == 0,
                quote_approved: rng.next(2) == 0,
                follow_up_satisfied: [None, Some(true), Some(false)][rng.next(3)],
                reason: (rng.next(2) == 0).then(|| "理由".to_owned()),
            };
            let step = Step::ALL[rng.next(Step::ALL.len())];
            let offered = available(t, state, &who).contains(&step);
            let Ok(next) = check(t, state, step, &who, &facts) else { continue };
            assert!(offered, "{step:?} passed check but was not offered");
            assert_ne!(state, TicketStatus::Cancelled, "cancelled is final");
            if !needs_dispatch(t) {
                assert!(!matches!(next, TicketStatus::Dispatched | TicketStatus::EnRoute));
            }
            if next == TicketStatus::Resolved {
                assert!(
                    !needs_service_report(t) || facts.has_service_report,
                    "{t:?} resolved without report"
                );
                inspected_since_resolve = false;
            }
            if next == TicketStatus::Inspected {
                inspected_since_resolve = true;
            }
            if next == TicketStatus::FollowedUp && needs_inspection(t) {
                assert!(inspected_since_resolve, "{t:?} followed up without inspection");
            }
            if next == TicketStatus::Reviewed {
                assert_eq!(facts.follow_up_satisfied, Some(true));
                reviewed_since_reopen = true;
            }
            if next == TicketStatus::Closed {
                assert!(reviewed_since_reopen, "closed without review");
            }
            if next == TicketStatus::Accepted && state != TicketStatus::New {
                reviewed_since_reopen = false;
            }
            state = next;
        }
    }
}

#[test]
fn a_supervisor_reassigns_on_site_work_until_the_technician_sets_off() {
    let t = ServiceType::Installation;
    let facts = Facts::default();
    for from in [TicketStatus::Dispatched, TicketStatus::Scheduled] {
        assert_eq!(check(t, from, Step::Dispatch, &supervisor(), &facts), Ok(TicketStatus::Dispatched));
    }
    let technician = Actor { roles: vec![Role::Technician], is_assigned_technician: true };
    assert_eq!(
        check(t, TicketStatus::Scheduled, Step::Dispatch, &technician, &facts),
        Err(StepRefusal::RoleNotPermitted)
    );
    assert_eq!(
        check(t, TicketStatus::EnRoute, Step::Dispatch, &supervisor(), &facts),
        Err(StepRefusal::NotFromHere)
    );
}

#[test]
fn follow_up_scores_run_from_one_to_five_and_three_is_the_lowest_satisfied() {
    assert_eq!(["1", " 5 ", "3"].map(parse_score), [Some(1), Some(5), Some(3)]);
    for bad in ["0", "6", "4.5", "", "满意", "-1", "300"] {
        assert_eq!(parse_score(bad), None, "{bad}");
    }
    assert_eq!([1, 2, 3, 4, 5].map(is_satisfied), [false, false, true, true, true]);
}
