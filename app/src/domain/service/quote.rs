//! Quotes for charged work (class A): parts, labour and travel, priced in fen (分) so sums are exact.

use serde::{Deserialize, Serialize};

use crate::domain::FieldError;
use crate::domain::text::clean_text;

/// What a quote line charges for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Part,
    Labour,
    Travel,
}

impl LineKind {
    /// The translation key of the kind's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Part => "quote.kind.part",
            Self::Labour => "quote.kind.labour",
            Self::Travel => "quote.kind.travel",
        }
    }
}

/// A quote line as typed into the form: amounts are decimal text ("1.5", "380.00").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuoteLineInput {
    pub kind: String,
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
}

/// A checked quote line. Quantities are in hundredths (150 = 1.5 hours), prices in fen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteLine {
    pub kind: LineKind,
    pub description: String,
    pub quantity_hundredths: u32,
    pub unit_price_fen: u64,
    pub amount_fen: u64,
}

/// Limits that keep every sum far from overflow and every quote on one printed page.
pub mod limits {
    pub const LINES: usize = 30;
    pub const DESCRIPTION: usize = 100;
    /// 10,000 units (in hundredths).
    pub const QUANTITY_HUNDREDTHS: u64 = 1_000_000;
    /// ¥1,000,000.00 per unit (in fen).
    pub const UNIT_PRICE_FEN: u64 = 100_000_000;
    /// ¥10,000,000.00 for the whole quote (in fen).
    pub const TOTAL_FEN: u64 = 1_000_000_000;
}

/// Parses a non-negative decimal with at most two decimals ("12", "12.5", "12.50") into hundredths.
/// Refuses signs, exponents, thousands separators and anything above `max` hundredths.
pub fn parse_hundredths(raw: &str, max: u64) -> Result<u64, &'static str> {
    let raw = raw.trim();
    let (whole, fraction) = raw.split_once('.').unwrap_or((raw, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || (raw.contains('.') && fraction.is_empty()) {
        return Err("error.invalid_amount");
    }
    if fraction.len() > 2 {
        return Err("error.too_many_decimals");
    }
    let whole: u64 = whole.parse().map_err(|_| "error.amount_too_large")?;
    let cents: u64 = format!("{fraction:0<2}").parse().map_err(|_| "error.invalid_amount")?;
    let value = whole.checked_mul(100).and_then(|w| w.checked_add(cents)).ok_or("error.amount_too_large")?;
    if value > max { Err("error.amount_too_large") } else { Ok(value) }
}

/// Shows fen as yuan with two decimals and thousands separators: 1234567 → "12,345.67".
pub fn format_yuan(fen: u64) -> String {
    let whole = (fen / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}.{:02}", fen % 100)
}

/// Checks every line and the total; returns the lines with their amounts, or every field error
/// (`line` says which line, counting from 1).
pub fn check_lines(inputs: &[QuoteLineInput]) -> Result<(Vec<QuoteLine>, u64), Vec<FieldError>> {
    let mut errors = Vec::new();
    if inputs.is_empty() {
        errors.push(FieldError::new("lines", "error.quote_empty"));
    }
    if inputs.len() > limits::LINES {
        errors.push(FieldError::new("lines", "error.too_many_lines"));
        return Err(errors);
    }
    let mut lines = Vec::new();
    for (index, input) in inputs.iter().enumerate() {
        let at = |field: &str, code: &str| FieldError {
            line: Some(index as u32 + 1),
            ..FieldError::new(field, code)
        };
        let kind = serde_json::from_value::<LineKind>(serde_json::json!(input.kind.trim()))
            .map_err(|_| errors.push(at("kind", "error.unknown_value")));
        let description = clean_text(&input.description, limits::DESCRIPTION, true)
            .map_err(|e| errors.push(at("description", e.code())));
        let quantity = parse_hundredths(&input.quantity, limits::QUANTITY_HUNDREDTHS)
            .and_then(|q| if q == 0 { Err("error.quantity_zero") } else { Ok(q) })
            .map_err(|code| errors.push(at("quantity", code)));
        let price = parse_hundredths(&input.unit_price, limits::UNIT_PRICE_FEN)
            .map_err(|code| errors.push(at("unit_price", code)));
        if let (Ok(kind), Ok(description), Ok(quantity), Ok(price)) = (kind, description, quantity, price) {
            // Both factors are bounded by the limits above, so the product fits in u64 comfortably;
            // half a fen rounds up.
            let amount_fen = (quantity * price + 50) / 100;
            lines.push(QuoteLine {
                kind,
                description,
                quantity_hundredths: quantity as u32,
                unit_price_fen: price,
                amount_fen,
            });
        }
    }
    let total = lines.iter().try_fold(0u64, |sum, l| sum.checked_add(l.amount_fen));
    match total {
        Some(total) if total <= limits::TOTAL_FEN => {}
        _ => errors.push(FieldError::new("lines", "error.quote_total_too_large")),
    }
    if errors.is_empty() { Ok((lines, total.unwrap_or_default())) } else { Err(errors) }
}

/// Where a quote stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteStatus {
    /// Sent to the customer; waiting for an answer.
    Proposed,
    Approved,
    Rejected,
}

impl QuoteStatus {
    /// The translation key of the state's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Proposed => "quote.status.proposed",
            Self::Approved => "quote.status.approved",
            Self::Rejected => "quote.status.rejected",
        }
    }
}
