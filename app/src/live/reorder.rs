//! Puts each ticket's changes back in version order before they reach the tally and the pages.
//! The embedded database hands every live notification to its own task, so under load two
//! changes of one ticket can arrive swapped; passed on like that, every page would see a version
//! skipped and re-fetch. A change that arrives ahead of a missing version waits for it, at most
//! [`HOLD`]; after that it goes on anyway and the pages re-fetch as before. Pure, no I/O.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

/// Longest a change waits for the versions before it.
pub const HOLD: Duration = Duration::from_millis(100);

/// How long the last version passed on for a ticket is remembered.
const REMEMBER: Duration = Duration::from_secs(30);

/// Changes of type `T` per ticket number, passed on in version order.
#[derive(Debug)]
pub struct Reorder<T> {
    /// The last version passed on per ticket, and when.
    last: HashMap<String, (u64, Instant)>,
    /// Changes waiting for an earlier version, with the time they go on regardless.
    waiting: BTreeMap<(String, u64), (Instant, T)>,
    pushes: u32,
}

impl<T> Default for Reorder<T> {
    fn default() -> Self {
        Reorder { last: HashMap::new(), waiting: BTreeMap::new(), pushes: 0 }
    }
}

impl<T> Reorder<T> {
    /// Takes a change of `number` at `version`; returns what goes on now, in order.
    pub fn push(&mut self, number: &str, version: u64, change: T, now: Instant) -> Vec<T> {
        self.pushes = self.pushes.wrapping_add(1);
        if self.pushes.is_multiple_of(1024) {
            self.last.retain(|_, (_, at)| now.duration_since(*at) < REMEMBER);
        }
        match self.last.get(number) {
            Some((last, _)) if version > last + 1 => {
                self.waiting.insert((number.to_owned(), version), (now + HOLD, change));
                Vec::new()
            }
            _ => {
                let mut out = vec![change];
                self.passed(number, version, now, &mut out);
                out
            }
        }
    }

    /// When the earliest waiting change goes on regardless.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.waiting.values().map(|(deadline, _)| *deadline).min()
    }

    /// Passes on every change that has waited long enough (and what then follows it), in order.
    pub fn expire(&mut self, now: Instant) -> Vec<T> {
        let mut out = Vec::new();
        while let Some((number, version)) =
            self.waiting.iter().find(|(_, (deadline, _))| *deadline <= now).map(|(key, _)| key.clone())
        {
            let earlier: Vec<(String, u64)> = self
                .waiting
                .range((number.clone(), 0)..=(number.clone(), version))
                .map(|(k, _)| k.clone())
                .collect();
            for key in earlier {
                if let Some((_, change)) = self.waiting.remove(&key) {
                    out.push(change);
                }
            }
            self.passed(&number, version, now, &mut out);
        }
        out
    }

    /// Notes `version` of `number` as passed on, then passes on the waiting versions that follow.
    fn passed(&mut self, number: &str, version: u64, now: Instant, out: &mut Vec<T>) {
        let mut last = self.last.get(number).map_or(version, |(l, _)| (*l).max(version));
        while let Some((_, change)) = self.waiting.remove(&(number.to_owned(), last + 1)) {
            out.push(change);
            last += 1;
        }
        self.last.insert(number.to_owned(), (last, now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_ahead_of_its_turn_waits_for_the_one_before() {
        let mut order = Reorder::default();
        let t = Instant::now();
        assert_eq!(order.push("A", 3, "A3", t), ["A3"]);
        assert_eq!(order.push("A", 5, "A5", t), Vec::<&str>::new());
        assert_eq!(order.push("B", 9, "B9", t), ["B9"], "other tickets do not wait");
        assert_eq!(order.push("A", 4, "A4", t), ["A4", "A5"]);
        assert_eq!(order.next_deadline(), None);
        assert_eq!(order.push("A", 6, "A6", t), ["A6"]);
        assert_eq!(order.push("A", 6, "A6 again", t), ["A6 again"], "repeats go on: the pages ignore them");
    }

    #[test]
    fn a_version_that_never_comes_holds_the_rest_for_a_moment_only() {
        let mut order = Reorder::default();
        let t = Instant::now();
        order.push("A", 1, "A1", t);
        assert!(order.push("A", 3, "A3", t).is_empty());
        assert!(order.push("A", 4, "A4", t + Duration::from_millis(10)).is_empty());
        assert_eq!(order.next_deadline(), Some(t + HOLD));
        assert!(order.expire(t + HOLD / 2).is_empty());
        assert_eq!(order.expire(t + HOLD), ["A3", "A4"], "the later one follows its predecessor out");
        assert_eq!(order.next_deadline(), None);
        assert_eq!(order.push("A", 5, "A5", t + HOLD), ["A5"]);
        assert_eq!(order.push("A", 2, "A2", t + HOLD), ["A2"], "a straggler still goes on");
    }
}
