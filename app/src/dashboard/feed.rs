//! (ssr) The dashboard's feed of recent events, kept in memory next to the tally: filled once from
//! the database at start-up, then from every changed ticket the live query's follower reads back,
//! so a dashboard render reads no events.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{DashboardFilter, FeedItem};
use crate::domain::workflow::Step;
use crate::domain::{TicketStatus, Urgency};

/// How many of the newest events the feed keeps: enough that a filtered dashboard still finds its
/// own among them.
pub const FEED_KEEP: usize = 1_000;

/// One ticket event with what the feed filters by and shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    pub at: DateTime<Utc>,
    pub number: String,
    /// The ticket version the event recorded; with `number`, what makes an event itself.
    pub version: u64,
    pub company: String,
    pub region: String,
    pub product_line: String,
    pub urgency: Urgency,
    pub actor: String,
    pub step: Option<Step>,
    pub to_status: TicketStatus,
}

type Key = (DateTime<Utc>, String, u64);

/// The newest [`FEED_KEEP`] events; adding one twice keeps one.
#[derive(Debug, Default)]
pub struct Feed {
    entries: BTreeMap<Key, FeedEntry>,
}

impl Feed {
    /// Adds events (in any order, any already held); those older than everything held once the
    /// feed is full are left out.
    pub fn add(&mut self, events: impl IntoIterator<Item = FeedEntry>) {
        for entry in events {
            let key = (entry.at, entry.number.clone(), entry.version);
            let full = self.entries.len() >= FEED_KEEP;
            if full && self.entries.first_key_value().is_some_and(|(oldest, _)| key <= *oldest) {
                continue;
            }
            self.entries.insert(key, entry);
            if self.entries.len() > FEED_KEEP {
                self.entries.pop_first();
            }
        }
    }

    /// The newest `n` events that pass `filter`, newest first, in company time.
    pub fn latest(&self, filter: &DashboardFilter, n: usize, tz: Tz) -> Vec<FeedItem> {
        self.entries
            .values()
            .rev()
            .filter(|e| filter.admits(&e.region, &e.product_line))
            .take(n)
            .map(|e| FeedItem {
                at: e.at.with_timezone(&tz).fixed_offset(),
                number: e.number.clone(),
                company: e.company.clone(),
                actor: e.actor.clone(),
                step: e.step,
                to_status: e.to_status,
                urgency: e.urgency,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn entry(minute: i64, number: &str, version: u64, region: &str) -> FeedEntry {
        FeedEntry {
            at: DateTime::<Utc>::from_timestamp(1_764_000_000, 0).unwrap() + Duration::minutes(minute),
            number: number.into(),
            version,
            company: "苏州精密".into(),
            region: region.into(),
            product_line: "VMC".into(),
            urgency: Urgency::Normal,
            actor: "王磊".into(),
            step: None,
            to_status: TicketStatus::New,
        }
    }

    fn numbers(items: &[FeedItem]) -> Vec<&str> {
        items.iter().map(|i| i.number.as_str()).collect()
    }

    #[test]
    fn keeps_the_newest_once_each_newest_first() {
        let mut feed = Feed::default();
        feed.add([entry(2, "B", 1, "苏州"), entry(1, "A", 1, "苏州"), entry(3, "C", 1, "深圳")]);
        feed.add([entry(2, "B", 1, "苏州")]);
        let any = DashboardFilter::default();
        assert_eq!(numbers(&feed.latest(&any, 10, chrono_tz::Asia::Shanghai)), ["C", "B", "A"]);
        let suzhou = DashboardFilter { region: "苏州".into(), product_line: String::new() };
        assert_eq!(numbers(&feed.latest(&suzhou, 1, chrono_tz::Asia::Shanghai)), ["B"]);
    }

    #[test]
    fn a_full_feed_drops_the_oldest_and_refuses_older_ones() {
        let mut feed = Feed::default();
        feed.add((0..FEED_KEEP as i64).map(|m| entry(m + 10, "A", m as u64 + 1, "苏州")));
        feed.add([entry(5, "OLD", 1, "苏州")]);
        feed.add([entry(5_000, "NEW", 1, "苏州")]);
        let all = feed.latest(&DashboardFilter::default(), FEED_KEEP + 5, chrono_tz::Asia::Shanghai);
        assert_eq!(all.len(), FEED_KEEP);
        assert_eq!(all[0].number, "NEW");
        assert!(!numbers(&all).contains(&"OLD"));
        assert_eq!(all.last().map(|i| i.at.timestamp()), Some(entry(11, "A", 2, "苏州").at.timestamp()));
    }
}
