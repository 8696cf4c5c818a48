//! (ssr) What the dashboard shows, kept current on write: open work per bucket, today's
//! registrations and closures, every open ticket as the SLA and technicians' boards read it, and
//! the feed of recent events. Built once from the database when the process starts (or its live
//! query restarts), then moved by every committed ticket change the live query delivers — before
//! the change reaches any page, so a dashboard that re-fetches on a change reads it counted.
//! A dashboard render reads this and no ticket or event from the database; counting costs the
//! number of buckets, never the number of tickets.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};

use chrono::NaiveDate;

use chrono_tz::Tz;

use super::feed::{Feed, FeedEntry};
use super::sla::SlaCandidate;
use super::summary::{Bucket, OpenJob};
use super::{DashboardFilter, FeedItem};
use crate::domain::{ServiceType, TicketStatus, Urgency};

/// What puts an open ticket in a bucket.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OpenKey {
    pub status: TicketStatus,
    pub service_type: ServiceType,
    pub urgency: Urgency,
    pub region: String,
    pub product_line: String,
}

/// One ticket as a change (or the start-up snapshot) reports it.
#[derive(Debug, Clone)]
pub struct TallyFacts {
    pub number: String,
    pub version: u64,
    pub key: OpenKey,
}

/// A ticket as the database holds it now: read back after a change, or at start-up.
#[derive(Debug, Clone)]
pub struct TicketNow {
    pub facts: TallyFacts,
    /// What the SLA board reads (its history without records).
    pub sla: SlaCandidate,
    /// The technician's username, when dispatched.
    pub assignee: Option<String>,
    /// Company time, `YYYY-MM-DD HH:MM`.
    pub appointment: Option<String>,
    /// The ticket's events, for the feed (any subset may be given: the feed keeps each once).
    pub events: Vec<FeedEntry>,
}

/// An open ticket as the tally holds it.
#[derive(Debug)]
struct Held {
    version: u64,
    key: OpenKey,
    sla: SlaCandidate,
    assignee: Option<String>,
    appointment: Option<String>,
}

/// Where a ticket counts for the filters.
type Place = (String, String);

/// The dashboard's view; see the module documentation.
#[derive(Debug, Default)]
pub struct Tally {
    open: HashMap<String, Held>,
    buckets: HashMap<OpenKey, i64>,
    registered: BTreeMap<NaiveDate, HashMap<String, Place>>,
    closed: BTreeMap<NaiveDate, HashMap<String, Place>>,
    feed: Feed,
}

/// The tally shared by the live query's follower (writer) and the dashboard (readers).
pub type SharedTally = Arc<RwLock<Tally>>;

/// What to do about a change, says [`Tally::apply`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing: the tally already holds a later version of the ticket.
    Stale,
    /// Read the ticket as it is now and [`Tally::apply_current`] that: the change alone does not
    /// say what the boards and the feed need.
    Confirm,
}

impl Tally {
    /// A tally from a snapshot taken on `today`: every open ticket, the numbers registered and
    /// closed today with their region and product line, and the newest events.
    pub fn from_snapshot(
        open: Vec<TicketNow>,
        registered: Vec<(String, Place)>,
        closed: Vec<(String, Place)>,
        events: Vec<FeedEntry>,
        today: NaiveDate,
    ) -> Self {
        let mut tally = Tally::default();
        for ticket in open {
            tally.put(ticket);
        }
        tally.registered.insert(today, registered.into_iter().collect());
        tally.closed.insert(today, closed.into_iter().collect());
        tally.feed.add(events);
        tally
    }

    fn put(&mut self, ticket: TicketNow) {
        let TicketNow { facts, sla, assignee, appointment, events } = ticket;
        self.feed.add(events);
        *self.buckets.entry(facts.key.clone()).or_default() += 1;
        let held = Held { version: facts.version, key: facts.key, sla, assignee, appointment };
        if let Some(old) = self.open.insert(facts.number, held) {
            *self.buckets.entry(old.key).or_default() -= 1;
        }
    }

    /// Notes a committed change seen on `today` (a registration counts at once) and says whether
    /// the ticket must be read back: changes older than what the tally holds need nothing. The
    /// version the tally holds is read again, as a write that kept the version (straight into the
    /// database) would otherwise go unseen.
    pub fn apply(&mut self, facts: TallyFacts, today: NaiveDate) -> Verdict {
        self.forget_before(today);
        if facts.version == 1 && facts.key.status == TicketStatus::New {
            let place = (facts.key.region.clone(), facts.key.product_line.clone());
            self.registered.entry(today).or_default().insert(facts.number.clone(), place);
        }
        match self.open.get(&facts.number) {
            Some(held) if held.version > facts.version => Verdict::Stale,
            _ => Verdict::Confirm,
        }
    }

    /// Applies a ticket as the database holds it now (`None`: it is gone), after
    /// [`Verdict::Confirm`]. A reading older than what the tally holds only adds to the feed.
    pub fn apply_current(&mut self, ticket: Option<TicketNow>, today: NaiveDate) {
        let Some(ticket) = ticket else { return };
        let (number, status) = (ticket.facts.number.clone(), ticket.facts.key.status);
        if self.open.get(&number).is_some_and(|held| held.version > ticket.facts.version) {
            self.feed.add(ticket.events);
        } else if status.is_open() {
            self.put(ticket);
        } else {
            self.feed.add(ticket.events);
            if let Some(old) = self.open.remove(&number) {
                *self.buckets.entry(old.key).or_default() -= 1;
                if status == TicketStatus::Closed {
                    let place = (ticket.facts.key.region, ticket.facts.key.product_line);
                    self.closed.entry(today).or_default().insert(number, place);
                }
            }
        }
    }

    fn forget_before(&mut self, today: NaiveDate) {
        let keep = today.pred_opt().unwrap_or(today);
        self.registered.retain(|d, _| *d >= keep);
        self.closed.retain(|d, _| *d >= keep);
    }

    /// Open work per bucket (buckets emptied since are left out).
    pub fn buckets(&self) -> Vec<Bucket> {
        self.buckets
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| Bucket {
                status: k.status,
                service_type: k.service_type,
                urgency: k.urgency,
                region: k.region.clone(),
                product_line: k.product_line.clone(),
                n: *n,
            })
            .collect()
    }

    /// Registered and closed on `today`, for `filter`.
    pub fn today(&self, today: NaiveDate, filter: &DashboardFilter) -> (u64, u64) {
        let count = |days: &BTreeMap<NaiveDate, HashMap<String, Place>>| {
            days.get(&today).map_or(0, |day| day.values().filter(|(r, l)| filter.admits(r, l)).count() as u64)
        };
        (count(&self.registered), count(&self.closed))
    }

    /// Every open ticket as the SLA board reads it.
    pub fn sla_candidates(&self) -> impl Iterator<Item = &SlaCandidate> {
        self.open.values().map(|held| &held.sla)
    }

    /// Open jobs dispatched to a technician in one of `states`.
    pub fn jobs(&self, states: &[TicketStatus]) -> Vec<OpenJob> {
        self.open
            .iter()
            .filter(|(_, held)| states.contains(&held.key.status))
            .filter_map(|(number, held)| {
                Some(OpenJob {
                    number: number.clone(),
                    status: held.key.status,
                    company: held.sla.company.clone(),
                    tech: held.assignee.clone()?,
                    appointment: held.appointment.clone(),
                })
            })
            .collect()
    }

    /// The newest `n` events passing `filter`, newest first, in company time `tz`.
    pub fn feed(&self, filter: &DashboardFilter, n: usize, tz: Tz) -> Vec<FeedItem> {
        self.feed.latest(filter, n, tz)
    }
}

#[cfg(test)]
mod tests;
