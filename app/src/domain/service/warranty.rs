//! The warranty decision made at diagnosis (三包 / 保修): is the work free, under contract or charged?

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::FieldError;

/// The accounting class of a piece of service work (DOMAIN.md "Warranty and charges").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChargeClass {
    /// A — charged (收费服务): needs a quote the customer approves before the work is done.
    Charged,
    /// B — covered by a service contract (合同服务).
    Contract,
    /// C — free repair in warranty (免费服务).
    Free,
    /// D — internal or administrative work (一般行政工作).
    Administrative,
}

impl ChargeClass {
    /// The class letter used on paper forms and in statistics.
    pub fn letter(self) -> char {
        match self {
            Self::Charged => 'A',
            Self::Contract => 'B',
            Self::Free => 'C',
            Self::Administrative => 'D',
        }
    }

    /// The translation key of the class name.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Charged => "charge.charged",
            Self::Contract => "charge.contract",
            Self::Free => "charge.free",
            Self::Administrative => "charge.administrative",
        }
    }
}

/// What the diagnosing person found out about the unit's cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarrantyFacts {
    /// The day the warranty started (shipment or purchase); unknown when `None`.
    pub start: Option<NaiveDate>,
    /// Length of the warranty in months (usually 12).
    pub months: u32,
    /// Last day a service contract covers, if there is one.
    pub contract_until: Option<NaiveDate>,
    /// The tamper seal is broken: the unit was opened by someone else.
    pub seal_broken: bool,
    /// The fault was caused by the user (misuse, accident, wrong supply): excluded from warranty.
    pub user_caused: bool,
}

/// Why the class was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarrantyBasis {
    InWarranty,
    UnderContract,
    Expired,
    NoStartDate,
    SealBroken,
    UserCaused,
}

impl WarrantyBasis {
    /// The translation key of the explanation shown with the class.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::InWarranty => "warranty.basis.in_warranty",
            Self::UnderContract => "warranty.basis.under_contract",
            Self::Expired => "warranty.basis.expired",
            Self::NoStartDate => "warranty.basis.no_start_date",
            Self::SealBroken => "warranty.basis.seal_broken",
            Self::UserCaused => "warranty.basis.user_caused",
        }
    }
}

/// The outcome: the class, why, and the last day of the cover that applied or lapsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarrantyDecision {
    pub class: ChargeClass,
    pub basis: WarrantyBasis,
    /// Warranty: its last covered day (past when expired). Contract: its last day.
    pub covered_until: Option<NaiveDate>,
}

/// Longest warranty accepted, in months.
pub const MAX_WARRANTY_MONTHS: u32 = 120;

/// The last day a warranty of `months` starting on `start` covers: the day before the same calendar day
/// `months` later (a 12-month warranty from 2025-03-10 covers through 2026-03-09; from 2024-02-29 through
/// 2025-02-27, because 2025-02-29 does not exist and the anniversary falls on 2025-02-28).
pub fn last_covered_day(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(months))?.pred_opt()
}

/// Decides the class of repair work done on `on`. Exclusions (broken seal, user-caused) win over any
/// cover; then the warranty; then a running contract; otherwise the work is charged.
pub fn decide(facts: &WarrantyFacts, on: NaiveDate) -> WarrantyDecision {
    let charged =
        |basis, covered_until| WarrantyDecision { class: ChargeClass::Charged, basis, covered_until };
    if facts.seal_broken {
        return charged(WarrantyBasis::SealBroken, None);
    }
    if facts.user_caused {
        return charged(WarrantyBasis::UserCaused, None);
    }
    let warranty_end = facts.start.and_then(|s| last_covered_day(s, facts.months.min(MAX_WARRANTY_MONTHS)));
    if let (Some(start), Some(end)) = (facts.start, warranty_end)
        && start <= on
        && on <= end
        && facts.months > 0
    {
        return WarrantyDecision {
            class: ChargeClass::Free,
            basis: WarrantyBasis::InWarranty,
            covered_until: Some(end),
        };
    }
    if let Some(until) = facts.contract_until.filter(|until| on <= *until) {
        return WarrantyDecision {
            class: ChargeClass::Contract,
            basis: WarrantyBasis::UnderContract,
            covered_until: Some(until),
        };
    }
    match facts.start {
        None => charged(WarrantyBasis::NoStartDate, None),
        Some(_) => charged(WarrantyBasis::Expired, warranty_end),
    }
}

/// The warranty form's fields as typed: dates `YYYY-MM-DD` (empty = unknown / none), months as text.
#[derive(Debug, Clone, Copy)]
pub struct WarrantyForm<'a> {
    pub start_date: &'a str,
    pub months: &'a str,
    pub contract_until: &'a str,
    pub seal_broken: bool,
    pub user_caused: bool,
}

impl WarrantyForm<'_> {
    /// Checks the form against company-local `today`: real dates from 1980 on, a start not in the
    /// future, 0 to [`MAX_WARRANTY_MONTHS`] months. Returns the facts or every field error.
    pub fn check(&self, today: NaiveDate) -> Result<WarrantyFacts, Vec<FieldError>> {
        let mut errors = Vec::new();
        let earliest = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap_or(NaiveDate::MIN);
        let mut date = |field: &str, raw: &str| match raw.trim() {
            "" => None,
            raw => NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok().filter(|d| *d >= earliest).or_else(|| {
                errors.push(FieldError::new(field, "error.invalid_date"));
                None
            }),
        };
        let start = date("start_date", self.start_date);
        let contract_until = date("contract_until", self.contract_until);
        if start.is_some_and(|s| s > today) {
            errors.push(FieldError::new("start_date", "error.date_in_future"));
        }
        let months = match self.months.trim().parse::<u32>() {
            Ok(m) if m <= MAX_WARRANTY_MONTHS => m,
            _ => {
                errors.push(FieldError::new("months", "error.warranty_months"));
                0
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(WarrantyFacts {
            start,
            months,
            contract_until,
            seal_broken: self.seal_broken,
            user_caused: self.user_caused,
        })
    }
}
