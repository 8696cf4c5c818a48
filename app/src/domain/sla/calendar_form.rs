//! The administrator's calendar form: business hours per weekday and the dated exceptions (public
//! holidays, make-up working days) as text a person can read, paste and correct.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{Period, WorkCalendar};
use crate::domain::FieldError;

/// The form as typed. `hours[0]` is Monday: `08:30-12:00, 13:00-17:30`, empty for a day off.
/// `schedule` has one date per line: `2027-01-01 休` (day off) or `2027-02-07 班` (make-up working day);
/// `off`/`work` work too, text after the word is a comment, and lines starting with `#` are ignored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CalendarForm {
    pub hours: Vec<String>,
    pub schedule: String,
}

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

impl CalendarForm {
    /// The form showing `calendar`.
    pub fn from_calendar(calendar: &WorkCalendar) -> Self {
        let hours = calendar
            .weekdays
            .iter()
            .map(|day| {
                day.iter().map(|p| format!("{}-{}", hm(p.start), hm(p.end))).collect::<Vec<_>>().join(", ")
            })
            .collect();
        let mut lines: Vec<(NaiveDate, &str)> = calendar.holidays.iter().map(|d| (*d, "休")).collect();
        lines.extend(calendar.makeup_workdays.iter().map(|d| (*d, "班")));
        lines.sort();
        let schedule = lines.iter().map(|(d, w)| format!("{d} {w}")).collect::<Vec<_>>().join("\n");
        Self { hours, schedule }
    }

    /// Checks the form and builds the calendar; every problem comes back at once (lines numbered).
    pub fn parse(&self) -> Result<WorkCalendar, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut weekdays: [Vec<Period>; 7] = Default::default();
        if self.hours.len() != 7 {
            errors.push(FieldError::new("hours", "error.invalid"));
        }
        for (i, text) in self.hours.iter().take(7).enumerate() {
            match parse_day(text) {
                Some(periods) => weekdays[i] = periods,
                None => errors.push(FieldError::new(&format!("hours_{i}"), "error.calendar_hours")),
            }
        }
        if weekdays.iter().all(Vec::is_empty) && errors.is_empty() {
            errors.push(FieldError::new("hours_0", "error.calendar_no_hours"));
        }
        let (mut holidays, mut makeup_workdays) = (BTreeSet::new(), BTreeSet::new());
        for (n, raw) in self.schedule.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut words = line.split_whitespace();
            let date = words.next().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            let kind = words.next().map(str::to_lowercase);
            let mut bad = || {
                let mut e = FieldError::new("schedule", "error.calendar_line");
                e.line = Some(n as u32 + 1);
                errors.push(e);
            };
            match (date, kind.as_deref()) {
                (Some(d), Some("休" | "off" | "holiday")) if !makeup_workdays.contains(&d) => {
                    holidays.insert(d);
                }
                (Some(d), Some("班" | "work" | "workday")) if !holidays.contains(&d) => {
                    makeup_workdays.insert(d);
                }
                _ => bad(),
            }
        }
        if errors.is_empty() { Ok(WorkCalendar { weekdays, holidays, makeup_workdays }) } else { Err(errors) }
    }
}

/// `08:30-12:00, 13:00-17:30` → periods in order, not overlapping; empty text → a day off.
fn parse_day(text: &str) -> Option<Vec<Period>> {
    let mut periods = Vec::new();
    for part in text.split([',', '，', ';', '、']).map(str::trim).filter(|p| !p.is_empty()) {
        let (a, b) = part.split_once(['-', '–', '~'])?;
        let start = NaiveTime::parse_from_str(a.trim(), "%H:%M").ok()?;
        let end = NaiveTime::parse_from_str(b.trim(), "%H:%M").ok()?;
        if start >= end || periods.last().is_some_and(|p: &Period| p.end > start) {
            return None;
        }
        periods.push(Period { start, end });
    }
    Some(periods)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_calendar_round_trips_through_the_form() {
        let calendar = WorkCalendar::china_default();
        let form = CalendarForm::from_calendar(&calendar);
        assert_eq!(form.hours[0], "08:30-12:00, 13:00-17:30");
        assert_eq!(form.hours[6], "");
        assert!(form.schedule.contains("2026-02-14 班") && form.schedule.contains("2026-02-16 休"));
        assert_eq!(form.parse().unwrap(), calendar);
    }

    #[test]
    fn next_years_schedule_is_imported_by_pasting_its_lines() {
        let mut form = CalendarForm::from_calendar(&WorkCalendar::china_default());
        form.schedule.push_str("\n# 2027 元旦\n2027-01-01 休 元旦\n2027-01-04 off\n2027-02-06 班");
        let calendar = form.parse().unwrap();
        assert!(calendar.periods(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()).is_empty());
        assert!(
            !calendar.periods(NaiveDate::from_ymd_opt(2027, 2, 6).unwrap()).is_empty(),
            "a Saturday worked"
        );
    }

    #[test]
    fn bad_hours_and_lines_are_named() {
        let form = CalendarForm {
            hours: vec![
                "08:30-12:00, 11:00-17:30".into(),
                "9-17".into(),
                "".into(),
                "".into(),
                "".into(),
                "".into(),
                "".into(),
            ],
            schedule: "2027-01-01 休\n2027-13-01 休\n\n2027-01-02 maybe\n2027-01-01 班".into(),
        };
        let errors = form.parse().unwrap_err();
        let named: Vec<(&str, Option<u32>)> = errors.iter().map(|e| (e.field.as_str(), e.line)).collect();
        assert_eq!(
            named,
            vec![
                ("hours_0", None),
                ("hours_1", None),
                ("schedule", Some(2)),
                ("schedule", Some(4)),
                ("schedule", Some(5))
            ]
        );
    }

    #[test]
    fn a_calendar_must_have_some_working_hours() {
        let form = CalendarForm { hours: vec![String::new(); 7], schedule: String::new() };
        assert_eq!(form.parse().unwrap_err()[0].code, "error.calendar_no_hours");
    }
}
