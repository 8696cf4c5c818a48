//! (ssr) The dashboard's numbers kept current on write: open work per bucket, and today's
//! registrations and closures. Built once from the database when the process starts (or its live
//! query restarts), then moved by every committed ticket change the live query delivers — before
//! the change reaches any page, so a dashboard that re-fetches on a change reads it counted.
//! Reading costs the number of buckets, never the number of tickets.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};

use chrono::NaiveDate;

use super::DashboardFilter;
use super::summary::Bucket;
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

/// Where a ticket counts for the filters.
type Place = (String, String);

/// The counts; see the module documentation.
#[derive(Debug, Default)]
pub struct Tally {
    /// Open tickets: version last applied and bucket.
    open: HashMap<String, (u64, OpenKey)>,
    buckets: HashMap<OpenKey, i64>,
    registered: BTreeMap<NaiveDate, HashMap<String, Place>>,
    closed: BTreeMap<NaiveDate, HashMap<String, Place>>,
}

/// The tally shared by the live query's follower (writer) and the dashboard (readers).
pub type SharedTally = Arc<RwLock<Tally>>;

/// What [`Tally::apply`] could not decide alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Applied,
    /// An open ticket the tally does not hold: new, reopened — or a change older than the snapshot
    /// of a ticket closed since. Read the ticket as it is now and [`Tally::apply_current`] that.
    Confirm,
}

impl Tally {
    /// A tally from a snapshot taken on `today`: every open ticket, and the numbers registered and
    /// closed today with their region and product line.
    pub fn from_snapshot(
        open: Vec<TallyFacts>,
        registered: Vec<(String, Place)>,
        closed: Vec<(String, Place)>,
        today: NaiveDate,
    ) -> Self {
        let mut tally = Tally::default();
        for facts in open {
            tally.put(facts);
        }
        tally.registered.insert(today, registered.into_iter().collect());
        tally.closed.insert(today, closed.into_iter().collect());
        tally
    }

    fn put(&mut self, facts: TallyFacts) {
        *self.buckets.entry(facts.key.clone()).or_default() += 1;
        if let Some((_, old)) = self.open.insert(facts.number, (facts.version, facts.key)) {
            *self.buckets.entry(old).or_default() -= 1;
        }
    }

    /// Moves the counts for a committed change seen on `today`. Changes older than what the tally
    /// holds are ignored, and applying a change twice changes nothing.
    pub fn apply(&mut self, facts: TallyFacts, today: NaiveDate) -> Verdict {
        self.forget_before(today);
        if facts.version == 1 && facts.key.status == TicketStatus::New {
            let place = (facts.key.region.clone(), facts.key.product_line.clone());
            self.registered.entry(today).or_default().insert(facts.number.clone(), place);
        }
        match self.open.get(&facts.number) {
            Some((held, _)) if *held > facts.version => Verdict::Applied,
            None if facts.key.status.is_open() => Verdict::Confirm,
            None => Verdict::Applied,
            Some(_) => {
                self.apply_current(Some(facts), today);
                Verdict::Applied
            }
        }
    }

    /// Applies a ticket as the database holds it now (`None`: it is gone), after
    /// [`Verdict::Confirm`].
    pub fn apply_current(&mut self, facts: Option<TallyFacts>, today: NaiveDate) {
        let Some(facts) = facts else { return };
        let status = facts.key.status;
        if status.is_open() {
            self.put(facts);
        } else if let Some((_, old)) = self.open.remove(&facts.number) {
            *self.buckets.entry(old).or_default() -= 1;
            if status == TicketStatus::Closed {
                let place = (facts.key.region, facts.key.product_line);
                self.closed.entry(today).or_default().insert(facts.number, place);
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
}

#[cfg(test)]
mod tests;
