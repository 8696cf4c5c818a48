//! Repeat repairs (不允许同一问题重复修理): the same unit back with the same kind of fault within a
//! window is a defect of the earlier service, flagged at intake and on the report and counted.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

super::ticket::vocabulary!(
    /// What kind of fault it is: classified at intake (may be corrected on the service report).
    FaultCategory, "fault", {
        Mechanical = "mechanical",
        Electrical = "electrical",
        Control = "control",
        Hydraulic = "hydraulic",
        Pneumatic = "pneumatic",
        Cooling = "cooling",
        Lubrication = "lubrication",
        Other = "other",
    }
);

/// The default repeat window in days; companies set their own with `AFTERDESK_REPEAT_DAYS`.
pub const DEFAULT_WINDOW_DAYS: u32 = 90;

/// An earlier ticket of the same unit, as repeat detection sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierService {
    pub number: String,
    /// The category it was registered or reported with, if any.
    pub category: Option<FaultCategory>,
    /// The day it was registered (company-local).
    pub opened: NaiveDate,
    /// Cancelled tickets were never repaired and do not count.
    pub cancelled: bool,
}

/// The most recent earlier ticket of the same unit with the same fault category opened within
/// `window_days` before `today` (the window's first day included): what this one repeats.
pub fn repeat_of(
    earlier: &[EarlierService],
    category: FaultCategory,
    today: NaiveDate,
    window_days: u32,
) -> Option<&EarlierService> {
    let first_day = today - chrono::Duration::days(i64::from(window_days));
    earlier
        .iter()
        .filter(|e| !e.cancelled && e.category == Some(category))
        .filter(|e| first_day <= e.opened && e.opened <= today)
        .max_by_key(|e| e.opened)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn earlier(number: &str, category: FaultCategory, opened: &str) -> EarlierService {
        EarlierService {
            number: number.into(),
            category: Some(category),
            opened: day(opened),
            cancelled: false,
        }
    }

    #[test]
    fn the_same_fault_within_the_window_is_a_repeat_and_its_first_day_counts() {
        use FaultCategory::*;
        let past = [earlier("SV-20260801-0001", Mechanical, "2026-08-28")];
        // 2026-11-26 minus 90 days is 2026-08-28: the boundary day is inside.
        assert_eq!(
            repeat_of(&past, Mechanical, day("2026-11-26"), 90).map(|e| e.number.as_str()),
            Some("SV-20260801-0001")
        );
        assert_eq!(
            repeat_of(&past, Mechanical, day("2026-11-27"), 90),
            None,
            "one day later it is a new fault"
        );
        assert_eq!(repeat_of(&past, Electrical, day("2026-11-26"), 90), None, "another kind of fault");
        assert_eq!(
            repeat_of(&past, Mechanical, day("2026-11-27"), 91).map(|e| e.opened),
            Some(day("2026-08-28"))
        );
    }

    #[test]
    fn the_latest_matching_visit_is_named_and_cancelled_or_unclassified_ones_are_not() {
        use FaultCategory::*;
        let mut cancelled = earlier("SV-20261120-0003", Mechanical, "2026-11-20");
        cancelled.cancelled = true;
        let unclassified =
            EarlierService { category: None, ..earlier("SV-20261121-0004", Mechanical, "2026-11-21") };
        let past = [
            earlier("SV-20261001-0001", Mechanical, "2026-10-01"),
            earlier("SV-20261101-0002", Mechanical, "2026-11-01"),
            cancelled,
            unclassified,
            earlier("SV-20261127-0005", Mechanical, "2026-11-27"),
        ];
        let found = repeat_of(&past, Mechanical, day("2026-11-26"), 90);
        assert_eq!(found.map(|e| e.number.as_str()), Some("SV-20261101-0002"));
        assert_eq!(repeat_of(&[], Mechanical, day("2026-11-26"), 90), None);
    }
}
