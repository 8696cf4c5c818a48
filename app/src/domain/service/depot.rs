//! Depot (mail-in) repair (快件维修): receiving the unit against a receipt (客户商品领取收据), who repairs
//! it — in house or an outside repairer — and the tracking numbers in and back. An outside repairer
//! gives the turnaround clock 3 working days instead of 1.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::FieldError;
use crate::domain::text::clean_optional;

/// Who repairs the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Repairer {
    InHouse,
    Outside,
}

impl Repairer {
    /// The translation key of the label.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::InHouse => "depot.repairer.in_house",
            Self::Outside => "depot.repairer.outside",
        }
    }
}

/// The depot form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DepotInput {
    /// `YYYY-MM-DD`: the day the unit arrived.
    pub received_on: String,
    /// What came with the unit (cables, remote, manuals…).
    pub accessories: String,
    /// The unit's condition on arrival (scratches, missing screws…).
    pub condition: String,
    /// The parcel's tracking number when it was sent in (empty for walk-ins).
    pub tracking_in: String,
    /// `in_house` or `outside`.
    pub repairer: String,
    /// The outside repairer's name (required when outside).
    pub outside_name: String,
    /// The tracking number of the parcel back to the customer, once shipped.
    pub tracking_back: String,
}

/// A checked depot record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepotFacts {
    pub received_on: NaiveDate,
    pub accessories: Option<String>,
    pub condition: Option<String>,
    pub tracking_in: Option<String>,
    pub repairer: Repairer,
    pub outside_name: Option<String>,
    pub tracking_back: Option<String>,
}

/// A carrier's tracking number: 6 to 40 letters, digits or `-`, upper-cased; empty is none.
pub fn parse_tracking(raw: &str) -> Result<Option<String>, &'static str> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let ok = (6..=40).contains(&t.len()) && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok { Ok(Some(t.to_ascii_uppercase())) } else { Err("error.tracking_number") }
}

impl DepotInput {
    /// Checks the form against company-local `today`; returns the record or every field error.
    pub fn check(&self, today: NaiveDate) -> Result<DepotFacts, Vec<FieldError>> {
        let mut errors = Vec::new();
        let earliest = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap_or(NaiveDate::MIN);
        let received_on = match NaiveDate::parse_from_str(self.received_on.trim(), "%Y-%m-%d") {
            Ok(d) if d > today => {
                errors.push(FieldError::new("received_on", "error.date_in_future"));
                None
            }
            Ok(d) if d >= earliest => Some(d),
            _ if self.received_on.trim().is_empty() => {
                errors.push(FieldError::new("received_on", "error.required"));
                None
            }
            _ => {
                errors.push(FieldError::new("received_on", "error.invalid_date"));
                None
            }
        };
        let mut text = |field: &str, raw: &str| {
            clean_optional(raw, 200).unwrap_or_else(|e| {
                errors.push(FieldError::new(field, e.code()));
                None
            })
        };
        let accessories = text("accessories", &self.accessories);
        let condition = text("condition", &self.condition);
        let outside_name = text("outside_name", &self.outside_name);
        let mut tracking = |field: &str, raw: &str| {
            parse_tracking(raw).unwrap_or_else(|code| {
                errors.push(FieldError::new(field, code));
                None
            })
        };
        let tracking_in = tracking("tracking_in", &self.tracking_in);
        let tracking_back = tracking("tracking_back", &self.tracking_back);
        let repairer = match self.repairer.trim() {
            "in_house" => Some(Repairer::InHouse),
            "outside" => Some(Repairer::Outside),
            _ => {
                errors.push(FieldError::new("repairer", "error.required"));
                None
            }
        };
        if repairer == Some(Repairer::Outside) && outside_name.is_none() {
            errors.push(FieldError::new("outside_name", "error.outside_name_needed"));
        }
        match (received_on, repairer) {
            (Some(received_on), Some(repairer)) if errors.is_empty() => Ok(DepotFacts {
                received_on,
                accessories,
                condition,
                tracking_in,
                repairer,
                // Kept only for an outside repairer.
                outside_name: outside_name.filter(|_| repairer == Repairer::Outside),
                tracking_back,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn input() -> DepotInput {
        DepotInput {
            received_on: "2026-11-25".into(),
            accessories: "电源线 1 根".into(),
            condition: "外壳有划痕".into(),
            tracking_in: " sf1234567890123 ".into(),
            repairer: "outside".into(),
            outside_name: "苏州精密维修中心".into(),
            tracking_back: String::new(),
        }
    }

    #[test]
    fn an_outside_repair_needs_the_repairers_name_and_tracking_numbers_are_upper_cased() {
        let facts = input().check(today()).unwrap();
        assert_eq!(facts.repairer, Repairer::Outside);
        assert_eq!(facts.tracking_in.as_deref(), Some("SF1234567890123"));
        assert_eq!(facts.tracking_back, None);
        let nameless = DepotInput { outside_name: " ".into(), ..input() };
        assert_eq!(nameless.check(today()).unwrap_err()[0].field, "outside_name");
        let in_house = DepotInput { repairer: "in_house".into(), ..input() }.check(today()).unwrap();
        assert_eq!(in_house.outside_name, None, "an in-house repair keeps no outside name");
    }

    #[test]
    fn bad_dates_repairers_and_tracking_numbers_are_each_named() {
        let bad = DepotInput {
            received_on: "2026-11-27".into(),
            tracking_in: "SF 123".into(),
            tracking_back: "12345".into(),
            repairer: "neighbour".into(),
            ..input()
        };
        let mut fields: Vec<String> = bad.check(today()).unwrap_err().into_iter().map(|f| f.field).collect();
        fields.sort();
        assert_eq!(fields, ["received_on", "repairer", "tracking_back", "tracking_in"]);
        let empty = DepotInput::default().check(today()).unwrap_err();
        assert!(empty.iter().any(|f| f.field == "received_on" && f.code == "error.required"));
        assert_eq!(parse_tracking("YT-2026-000001"), Ok(Some("YT-2026-000001".into())));
    }
}
