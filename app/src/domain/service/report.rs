//! The service report (售后服务报告单 / 维修记录单) as typed by the technician and checked.

use serde::{Deserialize, Serialize};

use crate::domain::FieldError;
use crate::domain::text::{clean_optional, clean_text};

/// What happened to a replaced part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OldPartFate {
    /// Taken back for return to the factory or supplier.
    Returned,
    /// Scrapped on site.
    Scrapped,
    /// Left with the customer at their request.
    LeftWithCustomer,
}

impl OldPartFate {
    pub const ALL: [OldPartFate; 3] = [Self::Returned, Self::Scrapped, Self::LeftWithCustomer];

    /// The translation key of the fate's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Returned => "report.old_part.returned",
            Self::Scrapped => "report.old_part.scrapped",
            Self::LeftWithCustomer => "report.old_part.left_with_customer",
        }
    }
}

/// A replaced part as typed: name, optional code, whole quantity, and the old part's fate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartInput {
    pub name: String,
    pub code: String,
    pub quantity: String,
    pub old_part: String,
}

/// A checked replaced part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartUsed {
    pub name: String,
    pub code: Option<String>,
    pub quantity: u32,
    pub old_part: OldPartFate,
}

/// The report form as sent. Times are whole minutes as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportInput {
    pub fault_cause: String,
    pub work_done: String,
    pub parts: Vec<PartInput>,
    pub work_minutes: String,
    pub travel_minutes: String,
    pub customer_opinion: String,
    /// The customer's name as they signed.
    pub signed_by: String,
    /// The customer's signature as drawn on the tablet: SVG path data per stroke (see
    /// [`crate::domain::signature`]); empty when signed on paper.
    pub signature: Vec<String>,
}

/// A checked report, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportContent {
    pub fault_cause: String,
    pub work_done: String,
    pub parts: Vec<PartUsed>,
    pub work_minutes: u32,
    pub travel_minutes: u32,
    pub customer_opinion: Option<String>,
    pub signed_by: String,
    /// The drawn signature's strokes; reports filed before drawing existed have none.
    #[serde(default)]
    pub signature: Vec<String>,
}

/// Longest accepted inputs.
pub mod limits {
    pub const FAULT_CAUSE: usize = 1000;
    pub const WORK_DONE: usize = 2000;
    pub const PARTS: usize = 30;
    pub const PART_NAME: usize = 100;
    pub const PART_CODE: usize = 40;
    pub const PART_QUANTITY: u32 = 999;
    /// Minutes in a week: longer than any single visit or workshop repair.
    pub const MINUTES: u32 = 7 * 24 * 60;
    pub const OPINION: usize = 500;
    pub const SIGNED_BY: usize = 50;
}

fn whole_number(raw: &str, min: u32, max: u32) -> Result<u32, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("error.required");
    }
    if !raw.chars().all(|c| c.is_ascii_digit()) {
        return Err("error.whole_number");
    }
    match raw.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        Ok(n) if n < min => Err("error.quantity_zero"),
        _ => Err("error.amount_too_large"),
    }
}

impl ReportInput {
    /// Checks every field; returns the report or every field error at once.
    pub fn check(&self) -> Result<ReportContent, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut text = |field: &str, raw: &str, max: usize| {
            clean_text(raw, max, true)
                .map_err(|e| errors.push(FieldError::new(field, e.code())))
                .unwrap_or_default()
        };
        let fault_cause = text("fault_cause", &self.fault_cause, limits::FAULT_CAUSE);
        let work_done = text("work_done", &self.work_done, limits::WORK_DONE);
        let signed_by = text("signed_by", &self.signed_by, limits::SIGNED_BY);
        let customer_opinion = clean_optional(&self.customer_opinion, limits::OPINION)
            .map_err(|e| errors.push(FieldError::new("customer_opinion", e.code())))
            .unwrap_or_default();
        let mut minutes = |field: &str, raw: &str, min: u32| {
            whole_number(raw, min, limits::MINUTES).map_err(|code| errors.push(FieldError::new(field, code)))
        };
        let work_minutes = minutes("work_minutes", &self.work_minutes, 1).unwrap_or_default();
        let travel_minutes = if self.travel_minutes.trim().is_empty() {
            0
        } else {
            minutes("travel_minutes", &self.travel_minutes, 0).unwrap_or_default()
        };
        if self.parts.len() > limits::PARTS {
            errors.push(FieldError::new("parts", "error.too_many_lines"));
        }
        let parts: Vec<PartUsed> = self
            .parts
            .iter()
            .take(limits::PARTS)
            .enumerate()
            .filter_map(|(index, p)| {
                let at = |field: &str, code: &str| FieldError {
                    line: Some(index as u32 + 1),
                    ..FieldError::new(field, code)
                };
                let name = clean_text(&p.name, limits::PART_NAME, true)
                    .map_err(|e| errors.push(at("part_name", e.code())));
                let code = clean_optional(&p.code, limits::PART_CODE)
                    .map_err(|e| errors.push(at("part_code", e.code())));
                let quantity = whole_number(&p.quantity, 1, limits::PART_QUANTITY)
                    .map_err(|c| errors.push(at("part_quantity", c)));
                let fate = serde_json::from_value::<OldPartFate>(serde_json::json!(p.old_part.trim()))
                    .map_err(|_| errors.push(at("old_part", "error.required")));
                Some(PartUsed {
                    name: name.ok()?,
                    code: code.ok()?,
                    quantity: quantity.ok()?,
                    old_part: fate.ok()?,
                })
            })
            .collect();
        let signature = crate::domain::signature::check(&self.signature)
            .map_err(|code| errors.push(FieldError::new("signature", code)))
            .unwrap_or_default();
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ReportContent {
            fault_cause,
            work_done,
            parts,
            work_minutes,
            travel_minutes,
            customer_opinion,
            signed_by,
            signature,
        })
    }
}
