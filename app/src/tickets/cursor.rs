use chrono::{DateTime, Utc};

use crate::domain::TicketNumber;

/// Position in the newest-first ticket list: the creation time and number of the last row shown.
/// Keyset pagination stays correct while new tickets arrive, unlike an offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub created_at: DateTime<Utc>,
    pub number: TicketNumber,
}

impl Cursor {
    /// The text form carried in URLs (`<RFC 3339 time>~<ticket number>`).
    pub fn encode(&self) -> String {
        format!("{}~{}", self.created_at.to_rfc3339(), self.number)
    }

    /// Reads a cursor written by [`Cursor::encode`]; anything else is `None`.
    pub fn decode(text: &str) -> Option<Self> {
        let (time, number) = text.split_once('~')?;
        Some(Self {
            created_at: DateTime::parse_from_rfc3339(time).ok()?.with_timezone(&Utc),
            number: TicketNumber::parse(number).ok()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_through_its_text_form() {
        let c = Cursor {
            created_at: DateTime::parse_from_rfc3339("2026-11-25T08:01:02.345Z").unwrap().to_utc(),
            number: TicketNumber::parse("SV-20261125-0042").unwrap(),
        };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
    }

    #[test]
    fn tampered_cursors_are_refused() {
        for bad in ["", "~", "yesterday~SV-20261125-0042", "2026-11-25T08:01:02Z~nope", "x"] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }
}
