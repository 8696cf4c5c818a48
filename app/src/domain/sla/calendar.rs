use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::china;

/// A stretch of business hours within one day, `start` < `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// When the company works: hours per weekday, days off, and weekend days worked instead (调休).
/// A make-up working day keeps Monday's hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkCalendar {
    /// Business hours, Monday first; an empty list is a day off.
    pub weekdays: [Vec<Period>; 7],
    pub holidays: BTreeSet<NaiveDate>,
    pub makeup_workdays: BTreeSet<NaiveDate>,
}

/// How far ahead a deadline is searched; a calendar without a working hour in a year is broken.
const HORIZON_DAYS: i64 = 400;

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

impl WorkCalendar {
    /// Monday to Friday 08:30–12:00 and 13:00–17:30, with China's official 2025–2026 schedule.
    pub fn china_default() -> Self {
        let day =
            vec![Period { start: hm(8, 30), end: hm(12, 0) }, Period { start: hm(13, 0), end: hm(17, 30) }];
        let date = |(y, m, d, _): &(i32, u32, u32, &str)| NaiveDate::from_ymd_opt(*y, *m, *d);
        Self {
            weekdays: [day.clone(), day.clone(), day.clone(), day.clone(), day, vec![], vec![]],
            holidays: china::HOLIDAYS.iter().filter_map(date).collect(),
            makeup_workdays: china::MAKEUP_WORKDAYS.iter().filter_map(date).collect(),
        }
    }

    /// The business hours of `date`.
    pub fn periods(&self, date: NaiveDate) -> &[Period] {
        if self.holidays.contains(&date) {
            &[]
        } else if self.makeup_workdays.contains(&date) {
            &self.weekdays[Weekday::Mon.num_days_from_monday() as usize]
        } else {
            &self.weekdays[date.weekday().num_days_from_monday() as usize]
        }
    }

    /// The length of a standard working day (Monday's hours): what "1 working day" means.
    pub fn working_day(&self) -> Duration {
        self.weekdays[0].iter().map(|p| p.end - p.start).sum()
    }

    /// Working time in `[from, to)`; zero when `to` is not after `from`.
    pub fn between(&self, from: NaiveDateTime, to: NaiveDateTime) -> Duration {
        let mut total = Duration::zero();
        let mut date = from.date();
        while date <= to.date() {
            for p in self.periods(date) {
                let start = date.and_time(p.start).max(from);
                let end = date.and_time(p.end).min(to);
                if end > start {
                    total += end - start;
                }
            }
            date = match date.succ_opt() {
                Some(d) => d,
                None => break,
            };
        }
        total
    }

    /// The moment `work` of working time after `start` has passed; `None` when the calendar has no
    /// working hours within the next year. A zero budget is due at `start`.
    pub fn add(&self, start: NaiveDateTime, work: Duration) -> Option<NaiveDateTime> {
        let mut left = work;
        if left <= Duration::zero() {
            return Some(start);
        }
        let mut date = start.date();
        for _ in 0..HORIZON_DAYS {
            for p in self.periods(date) {
                let from = date.and_time(p.start).max(start);
                let end = date.and_time(p.end);
                if end <= from {
                    continue;
                }
                if end - from >= left {
                    return Some(from + left);
                }
                left -= end - from;
            }
            date = date.succ_opt()?;
        }
        None
    }
}
