//! Dispatch suggestions (派工): which technician fits a ticket best, and why.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// A technician as dispatch sees them: where they work, what they know, how busy they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub username: String,
    pub display_name: String,
    pub regions: Vec<String>,
    pub product_lines: Vec<String>,
    /// Tickets dispatched to them and not yet resolved.
    pub open_jobs: u32,
    /// Of those, appointments on the ticket's preferred day (or today).
    pub appointments_that_day: u32,
}

/// One reason a technician is suggested (or placed lower).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// Knows this product line.
    ProductLine { line: String },
    /// Works in the ticket's region.
    Region { region: String },
    /// Has this many open jobs.
    Load { open_jobs: u32 },
    /// Already has this many appointments that day.
    Booked { appointments: u32 },
}

/// A ranked technician with the reasons behind the rank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub username: String,
    pub display_name: String,
    pub score: i32,
    pub reasons: Vec<Reason>,
}

/// Longest expected time on site, in minutes (a week).
pub const MAX_ESTIMATE_MINUTES: u32 = 10_080;

/// Parses the appointment typed into the schedule form (`YYYY-MM-DDTHH:MM`, as a browser's
/// datetime-local input sends it; a space works too). It may not lie before `today` nor more than a year
/// after it.
pub fn parse_appointment(raw: &str, today: NaiveDate) -> Result<NaiveDateTime, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("error.required");
    }
    let at = NaiveDateTime::parse_from_str(&raw.replacen(' ', "T", 1), "%Y-%m-%dT%H:%M")
        .map_err(|_| "error.invalid_datetime")?;
    if at.date() < today {
        return Err("error.appointment_past");
    }
    if at.date() > today + chrono::Duration::days(366) {
        return Err("error.appointment_too_far");
    }
    Ok(at)
}

/// Parses the optional expected time on site: empty is none, otherwise 1 to a week of whole minutes.
pub fn parse_estimate(raw: &str) -> Result<Option<u32>, &'static str> {
    match raw.trim() {
        "" => Ok(None),
        r if !r.chars().all(|c| c.is_ascii_digit()) => Err("error.whole_number"),
        r => match r.parse::<u32>() {
            Ok(0) => Err("error.quantity_zero"),
            Ok(m) if m <= MAX_ESTIMATE_MINUTES => Ok(Some(m)),
            _ => Err("error.amount_too_large"),
        },
    }
}

/// Appointments in a day beyond which a technician counts as fully booked.
pub const FULL_DAY: u32 = 4;

/// Whether `a` and `b` name the same place or one contains the other ("华东" and "华东·苏州").
fn overlaps(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim().to_lowercase(), b.trim().to_lowercase());
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// Ranks `candidates` for a ticket in `region` about `product_model`: knowing the product line weighs
/// most (30), then working in the region (20); each open job costs 5 and a fully booked day 40. Ties go
/// to the less busy, then by name, so the order is stable.
pub fn rank(region: &str, product_model: &str, candidates: &[Candidate]) -> Vec<Suggestion> {
    let model = product_model.to_lowercase();
    let mut ranked: Vec<Suggestion> = candidates
        .iter()
        .map(|c| {
            let mut reasons = Vec::new();
            let mut score = 0i32;
            if let Some(line) = c
                .product_lines
                .iter()
                .find(|l| !l.trim().is_empty() && model.contains(&l.trim().to_lowercase()))
            {
                score += 30;
                reasons.push(Reason::ProductLine { line: line.clone() });
            }
            if let Some(r) = c.regions.iter().find(|r| overlaps(r, region)) {
                score += 20;
                reasons.push(Reason::Region { region: r.clone() });
            }
            score -= 5 * c.open_jobs.min(100) as i32;
            reasons.push(Reason::Load { open_jobs: c.open_jobs });
            if c.appointments_that_day >= FULL_DAY {
                score -= 40;
                reasons.push(Reason::Booked { appointments: c.appointments_that_day });
            }
            Suggestion { username: c.username.clone(), display_name: c.display_name.clone(), score, reasons }
        })
        .collect();
    let load = |s: &Suggestion| {
        s.reasons
            .iter()
            .find_map(|r| if let Reason::Load { open_jobs } = r { Some(*open_jobs) } else { None })
    };
    ranked
        .sort_by(|a, b| b.score.cmp(&a.score).then(load(a).cmp(&load(b))).then(a.username.cmp(&b.username)));
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tech(name: &str, regions: &[&str], lines: &[&str], open_jobs: u32, booked: u32) -> Candidate {
        Candidate {
            username: name.into(),
            display_name: name.into(),
            regions: regions.iter().map(|s| s.to_string()).collect(),
            product_lines: lines.iter().map(|s| s.to_string()).collect(),
            open_jobs,
            appointments_that_day: booked,
        }
    }

    fn order(s: &[Suggestion]) -> Vec<&str> {
        s.iter().map(|s| s.username.as_str()).collect()
    }

    #[test]
    fn product_knowledge_beats_region_and_region_beats_nothing() {
        let ranked = rank(
            "华东·苏州",
            "VMC-850 立式加工中心",
            &[
                tech("far", &["华南"], &[], 0, 0),
                tech("local", &["华东"], &[], 0, 0),
                tech("expert", &["华北"], &["加工中心"], 0, 0),
            ],
        );
        assert_eq!(order(&ranked), ["expert", "local", "far"]);
        assert_eq!(ranked[0].reasons[0], Reason::ProductLine { line: "加工中心".into() });
        assert_eq!(ranked[1].reasons[0], Reason::Region { region: "华东".into() });
    }

    #[test]
    fn load_breaks_ties_and_a_busy_expert_drops_below_an_idle_local() {
        let ranked = rank(
            "华东",
            "GX-200",
            &[
                tech("b", &["华东"], &[], 2, 0),
                tech("a", &["华东"], &[], 2, 0),
                tech("c", &["华东"], &[], 0, 0),
            ],
        );
        assert_eq!(order(&ranked), ["c", "a", "b"]);
        let ranked = rank(
            "华东",
            "GX-200",
            &[tech("busy", &["华东"], &["gx"], 7, 0), tech("idle", &["华东"], &[], 0, 0)],
        );
        assert_eq!(
            order(&ranked),
            ["idle", "busy"],
            "knowing the line (30) does not outweigh seven open jobs (35)"
        );
    }

    #[test]
    fn a_fully_booked_day_pushes_a_technician_down_and_says_so() {
        let ranked = rank(
            "华东",
            "VMC",
            &[tech("full", &["华东"], &["vmc"], 0, FULL_DAY), tech("free", &["华东"], &[], 1, 0)],
        );
        assert_eq!(order(&ranked), ["free", "full"]);
        assert!(ranked[1].reasons.contains(&Reason::Booked { appointments: FULL_DAY }));
    }

    #[test]
    fn appointments_are_today_or_later_within_a_year() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let at = parse_appointment("2026-11-25T09:30", today).unwrap();
        assert_eq!(at.format("%Y-%m-%d %H:%M").to_string(), "2026-11-25 09:30");
        assert!(parse_appointment("2026-11-26 14:00", today).is_ok());
        assert_eq!(parse_appointment("2026-11-24T23:59", today), Err("error.appointment_past"));
        assert_eq!(parse_appointment("2027-12-01T09:00", today), Err("error.appointment_too_far"));
        for bad in ["2026-11-31T09:00", "tomorrow", "2026-11-26T25:00", "2026/11/26 09:00"] {
            assert_eq!(parse_appointment(bad, today), Err("error.invalid_datetime"), "{bad}");
        }
        assert_eq!(parse_appointment("  ", today), Err("error.required"));
    }

    #[test]
    fn estimates_are_optional_whole_minutes_up_to_a_week() {
        assert_eq!(parse_estimate(""), Ok(None));
        assert_eq!(parse_estimate(" 90 "), Ok(Some(90)));
        assert_eq!(parse_estimate("0"), Err("error.quantity_zero"));
        assert_eq!(parse_estimate("-5"), Err("error.whole_number"));
        assert_eq!(parse_estimate("10081"), Err("error.amount_too_large"));
        assert_eq!(parse_estimate("99999999999999"), Err("error.amount_too_large"));
    }

    #[test]
    fn blank_regions_and_lines_match_nothing() {
        let ranked = rank("", "", &[tech("x", &[""], &[" "], 0, 0)]);
        assert_eq!(ranked[0].score, 0);
        assert_eq!(ranked[0].reasons, vec![Reason::Load { open_jobs: 0 }]);
    }
}
