use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A ticket number such as `SV-20261125-0042`: the company-local date of intake and that day's sequence.
///
/// Use [`TicketNumber::new`] when registering a ticket and [`TicketNumber::parse`] for anything typed or
/// taken from a URL. Sequences above 9999 keep all their digits (`SV-20261125-10000`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(try_from = "String", into = "String")]
pub struct TicketNumber(String);

/// Why a text is not a ticket number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a ticket number (expected SV-YYYYMMDD-NNNN)")]
pub struct InvalidTicketNumber;

impl TicketNumber {
    /// The number for the `sequence`-th ticket registered on `day` (counting from 1).
    pub fn new(day: NaiveDate, sequence: u32) -> Self {
        Self(format!("SV-{}-{:04}", day.format("%Y%m%d"), sequence))
    }

    /// Accepts `SV-YYYYMMDD-NNNN` with a real calendar date and a sequence of at least four digits, in any
    /// letter case and with surrounding spaces.
    pub fn parse(text: &str) -> Result<Self, InvalidTicketNumber> {
        let upper = text.trim().to_ascii_uppercase();
        let mut parts = upper.split('-');
        let (Some("SV"), Some(date), Some(seq), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(InvalidTicketNumber);
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if date.len() != 8 || !digits(date) || seq.len() < 4 || seq.len() > 9 || !digits(seq) {
            return Err(InvalidTicketNumber);
        }
        NaiveDate::parse_from_str(date, "%Y%m%d").map_err(|_| InvalidTicketNumber)?;
        if seq.bytes().all(|b| b == b'0') {
            return Err(InvalidTicketNumber);
        }
        Ok(Self(upper))
    }

    /// The number as shown to people and used in URLs.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The intake day encoded in the number.
    pub fn day(&self) -> NaiveDate {
        NaiveDate::parse_from_str(&self.0[3..11], "%Y%m%d").unwrap_or_default()
    }
}

super::parsed_text_impls!(TicketNumber, InvalidTicketNumber);

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_new_number_pads_the_sequence_to_four_digits() {
        assert_eq!(TicketNumber::new(day(2026, 11, 25), 42).as_str(), "SV-20261125-0042");
    }

    #[test]
    fn a_sequence_above_9999_keeps_all_its_digits() {
        assert_eq!(TicketNumber::new(day(2026, 1, 2), 12345).as_str(), "SV-20260102-12345");
    }

    #[test]
    fn parsing_accepts_lower_case_and_spaces_and_round_trips() {
        let n = TicketNumber::parse("  sv-20261125-0042 ").unwrap();
        assert_eq!(n.as_str(), "SV-20261125-0042");
        assert_eq!(n.day(), day(2026, 11, 25));
        assert_eq!(TicketNumber::parse(n.as_str()).unwrap(), n);
    }

    #[test]
    fn parsing_rejects_impossible_dates_and_malformed_text() {
        for bad in [
            "",
            "SV-20261325-0001",
            "SV-20260230-0001",
            "SV-2026112-0001",
            "SV-20261125-001",
            "SV-20261125-0000",
            "XX-20261125-0001",
            "SV-20261125-00a1",
            "SV-20261125-0001-1",
            "SV-20261125-+001",
            "<script>",
        ] {
            assert_eq!(TicketNumber::parse(bad), Err(InvalidTicketNumber), "{bad}");
        }
    }

    #[test]
    fn numbers_deserialize_only_when_valid() {
        assert!(serde_json::from_str::<TicketNumber>("\"SV-20261125-0001\"").is_ok());
        assert!(serde_json::from_str::<TicketNumber>("\"SV-1\"").is_err());
    }
}
