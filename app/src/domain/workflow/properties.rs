//! Property tests: thousands of random step sequences by random people never break the rules' promises.
//! The generator is a seeded xorshift, so a failure names the seed that reproduces it.

use super::*;
use crate::domain::{Role, ServiceType, TicketStatus};

/// A small seeded pseudo-random generator (xorshift64*): enough for test inputs, reproducible.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub(crate) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

fn random_actor(rng: &mut Rng) -> Actor {
    let mut roles = vec![rng.pick(&Role::ALL)];
    if rng.chance(25) {
        roles.push(rng.pick(&Role::ALL));
    }
    Actor { roles, is_assigned_technician: rng.chance(50) }
}

fn random_facts(rng: &mut Rng) -> Facts {
    Facts {
        has_service_report: rng.chance(60),
        quote_required: rng.chance(20),
        quote_approved: rng.chance(50),
        follow_up_satisfied: [None, Some(true), Some(false)][rng.below(3)],
        reason: rng.chance(50).then(|| "客户要求".to_owned()),
    }
}

/// One taken step and what was true when it was taken.
struct Taken {
    step: Step,
    from: TicketStatus,
    to: TicketStatus,
    actor: Actor,
    facts: Facts,
}

/// A random walk of up to `len` attempted steps from `new`; returns the steps the rules accepted.
fn walk(t: ServiceType, rng: &mut Rng, len: usize) -> Vec<Taken> {
    let mut state = TicketStatus::New;
    // What the last follow-up recorded: kept on the ticket, as the server does, until a reopen clears it.
    let mut recorded: Option<bool> = None;
    let mut taken = Vec::new();
    for _ in 0..len {
        // Mostly steps that exist from here (else walks rarely get far); the rest anything at all.
        let possible: Vec<Step> =
            Step::ALL.into_iter().filter(|s| rules::target(t, state, *s).is_some()).collect();
        let step =
            if !possible.is_empty() && rng.chance(85) { rng.pick(&possible) } else { rng.pick(&Step::ALL) };
        let actor = random_actor(rng);
        let mut facts = random_facts(rng);
        if step != Step::FollowUp {
            facts.follow_up_satisfied = recorded;
        }
        if let Ok(to) = check(t, state, step, &actor, &facts) {
            if step == Step::FollowUp {
                recorded = facts.follow_up_satisfied;
            }
            if to == TicketStatus::Accepted {
                recorded = None;
            }
            taken.push(Taken { step, from: state, to, actor, facts });
            state = to;
        }
    }
    taken
}

const WALKS_PER_TYPE: u64 = 3000;

fn for_every_walk(mut property: impl FnMut(ServiceType, u64, &[Taken])) {
    for (index, t) in ServiceType::ALL.iter().copied().enumerate() {
        for seed in 0..WALKS_PER_TYPE {
            let mut rng = Rng::new(seed ^ ((index as u64) << 32));
            let taken = walk(t, &mut rng, 200);
            property(t, seed, &taken);
        }
    }
}

#[test]
fn every_accepted_step_leads_where_the_table_says_and_states_chain() {
    for_every_walk(|t, seed, taken| {
        let mut state = TicketStatus::New;
        for s in taken {
            assert_eq!(s.from, state, "{t:?} seed {seed}: steps chain");
            assert_eq!(rules::target(t, s.from, s.step), Some(s.to), "{t:?} seed {seed}");
            state = s.to;
        }
    });
}

#[test]
fn every_closed_ticket_passed_the_steps_its_type_requires() {
    let mut closed = 0;
    for_every_walk(|t, seed, taken| {
        for (i, s) in taken.iter().enumerate().filter(|(_, s)| s.to == TicketStatus::Closed) {
            closed += 1;
            // The life since the last reopen (or since intake) must be complete.
            let start = taken[..i].iter().rposition(|p| p.step == Step::Reopen).map_or(0, |r| r + 1);
            let life: Vec<Step> = taken[start..=i].iter().map(|p| p.step).collect();
            let has = |step: Step| life.contains(&step);
            let why = format!("{t:?} seed {seed}: {life:?}");
            assert!(start > 0 || has(Step::Accept), "accepted: {why}");
            assert!(has(Step::Resolve), "resolved: {why}");
            assert!(!needs_dispatch(t) || has(Step::Dispatch), "dispatched: {why}");
            assert!(!needs_inspection(t) || has(Step::PassInspection), "inspected: {why}");
            let follow_up = taken[start..=i].iter().rfind(|p| p.step == Step::FollowUp).expect(&why);
            assert_eq!(follow_up.facts.follow_up_satisfied, Some(true), "satisfied: {why}");
            assert!(has(Step::Review), "reviewed: {why}");
            let _ = s;
        }
    });
    assert!(closed > 100, "the walks reach closed often enough to mean something ({closed})");
}

#[test]
fn guards_hold_for_every_step_taken() {
    for_every_walk(|t, seed, taken| {
        for s in taken {
            let why = format!("{t:?} seed {seed}: {:?} by {:?}", s.step, s.actor.roles);
            if s.step == Step::Resolve && needs_service_report(t) {
                assert!(s.facts.has_service_report, "resolved without a report: {why}");
            }
            if s.step == Step::Resolve && s.facts.quote_required {
                assert!(s.facts.quote_approved, "paid work without an approved quote: {why}");
            }
            if matches!(s.step, Step::Cancel | Step::Reopen) {
                assert!(s.facts.reason.is_some(), "no reason: {why}");
            }
            let technician_only = s.actor.roles.iter().all(|r| *r == Role::Technician);
            if technician_only && needs_dispatch(t) {
                assert!(s.actor.is_assigned_technician, "someone else's on-site job: {why}");
            }
            if s.actor.roles.iter().all(|r| *r == Role::Admin) {
                panic!("an administrator-only account changed a ticket: {why}");
            }
            if s.step == Step::Review {
                assert!(s.actor.roles.contains(&Role::Supervisor), "review by a non-supervisor: {why}");
            }
        }
    });
}

#[test]
fn no_walk_leaves_cancelled_or_reaches_a_state_the_type_does_not_use() {
    for_every_walk(|t, seed, taken| {
        for s in taken {
            assert_ne!(s.from, TicketStatus::Cancelled, "{t:?} seed {seed}: cancelled is final");
            if !needs_dispatch(t) {
                assert!(
                    !matches!(
                        s.to,
                        TicketStatus::Dispatched | TicketStatus::Scheduled | TicketStatus::EnRoute
                    ),
                    "{t:?} seed {seed}: travel states for a type without dispatch"
                );
            }
            if !needs_inspection(t) {
                assert_ne!(s.to, TicketStatus::Inspected, "{t:?} seed {seed}");
            }
        }
    });
}
