//! Customer links: how long a link lasts, whether it still opens, and the plain words a customer
//! reads for where their repair stands.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::TicketStatus;
use super::sla::ClockKind;

/// Days a new customer link lasts unless the agent chooses otherwise.
pub const DEFAULT_DAYS: u32 = 30;

/// The longest a customer link may last.
pub const MAX_DAYS: u32 = 365;

/// Characters of a link token: 32 random bytes (256 bits), base64url without padding.
pub const TOKEN_CHARS: usize = 43;

/// Whether `text` has the shape of a link token. Anything else is not looked up at all.
pub fn looks_like_token(text: &str) -> bool {
    text.len() == TOKEN_CHARS && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The validity in days an agent typed (empty: the default); `None` outside 1..=[`MAX_DAYS`].
pub fn parse_days(raw: &str) -> Option<u32> {
    match raw.trim() {
        "" => Some(DEFAULT_DAYS),
        text => text.parse::<u32>().ok().filter(|d| (1..=MAX_DAYS).contains(d)),
    }
}

/// Where a customer link stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkState {
    Active,
    Expired,
    Revoked,
}

impl LinkState {
    /// The state of a link that expires at `expires_at` and was revoked at `revoked_at`, at `now`.
    /// Revocation wins over expiry: it is what a person did.
    pub fn at(expires_at: DateTime<Utc>, revoked_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Self {
        match revoked_at {
            Some(_) => LinkState::Revoked,
            None if now >= expires_at => LinkState::Expired,
            None => LinkState::Active,
        }
    }

    /// The state's name, for styling (`active`, `expired`, `revoked`).
    pub fn as_str(self) -> &'static str {
        match self {
            LinkState::Active => "active",
            LinkState::Expired => "expired",
            LinkState::Revoked => "revoked",
        }
    }

    /// The translation key of the state's label on the ticket page.
    pub fn label_key(self) -> &'static str {
        match self {
            LinkState::Active => "share.state.active",
            LinkState::Expired => "share.state.expired",
            LinkState::Revoked => "share.state.revoked",
        }
    }
}

super::ticket::vocabulary!(
    /// A ticket's state in the words a customer understands: the desk's fourteen states fold into
    /// what matters to the person waiting for their machine.
    CustomerPhase, "customer.phase", {
        Received = "received",
        Accepted = "accepted",
        TechnicianAssigned = "technician_assigned",
        OnTheWay = "on_the_way",
        Repairing = "repairing",
        WaitingParts = "waiting_parts",
        WaitingForYou = "waiting_for_you",
        Repaired = "repaired",
        Completed = "completed",
        Cancelled = "cancelled",
    }
);

impl CustomerPhase {
    /// The phase a ticket in `status` is in, for its customer.
    pub fn of(status: TicketStatus) -> Self {
        use TicketStatus::*;
        match status {
            New => CustomerPhase::Received,
            Accepted => CustomerPhase::Accepted,
            Dispatched | Scheduled => CustomerPhase::TechnicianAssigned,
            EnRoute => CustomerPhase::OnTheWay,
            InProgress => CustomerPhase::Repairing,
            WaitingParts => CustomerPhase::WaitingParts,
            WaitingCustomer => CustomerPhase::WaitingForYou,
            Resolved | Inspected => CustomerPhase::Repaired,
            FollowedUp | Reviewed | Closed => CustomerPhase::Completed,
            Cancelled => CustomerPhase::Cancelled,
        }
    }
}

/// The customer's timeline from a ticket's state history (oldest first): each phase when it began,
/// steps within one phase folded into one line.
pub fn customer_timeline<T: Copy>(history: &[(T, TicketStatus)]) -> Vec<(T, CustomerPhase)> {
    let mut out: Vec<(T, CustomerPhase)> = Vec::new();
    for &(at, status) in history {
        let phase = CustomerPhase::of(status);
        if out.last().is_none_or(|(_, last)| *last != phase) {
            out.push((at, phase));
        }
    }
    out
}

/// Whether a deadline of `kind` is a promise to the customer (answering them, calling back,
/// returning their unit) rather than the desk's own bookkeeping (follow-up, review).
pub fn promised_to_customer(kind: ClockKind) -> bool {
    matches!(
        kind,
        ClockKind::Answer | ClockKind::CallBack | ClockKind::DepotTurnaround | ClockKind::ComplaintAnswer
    )
}

/// Longest message a customer may leave through their link, in characters.
pub const MESSAGE_CHARS: usize = 500;

/// Whether the customer may answer the satisfaction survey of a ticket in `status`: once the work
/// is done (and until the file is archived or the ticket cancelled).
pub fn survey_open(status: TicketStatus) -> bool {
    use TicketStatus::*;
    matches!(status, Resolved | Inspected | FollowedUp | Reviewed)
}

/// A survey score as the customer's form sends it: 1 to 5.
pub fn parse_score(raw: &str) -> Option<u8> {
    raw.trim().parse::<u8>().ok().filter(|s| (1..=5).contains(s))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn only_token_shaped_text_is_looked_up() {
        assert!(looks_like_token(&"aZ0-_".repeat(9)[..43]));
        assert!(!looks_like_token(&"a".repeat(42)));
        assert!(!looks_like_token(&"a".repeat(44)));
        assert!(!looks_like_token(&format!("{}=", "a".repeat(42))));
        assert!(!looks_like_token(&format!("{}é", "a".repeat(41))));
    }

    #[test]
    fn days_default_to_thirty_and_stay_within_a_year() {
        assert_eq!(parse_days(""), Some(30));
        assert_eq!(parse_days(" 7 "), Some(7));
        assert_eq!(parse_days("365"), Some(365));
        for bad in ["0", "366", "-1", "1.5", "七"] {
            assert_eq!(parse_days(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_link_is_active_until_it_expires_or_is_revoked() {
        let at = |h| Utc.with_ymd_and_hms(2026, 11, 26, h, 0, 0).unwrap();
        assert_eq!(LinkState::at(at(12), None, at(11)), LinkState::Active);
        assert_eq!(LinkState::at(at(12), None, at(12)), LinkState::Expired);
        assert_eq!(LinkState::at(at(12), Some(at(10)), at(11)), LinkState::Revoked);
        assert_eq!(LinkState::at(at(12), Some(at(10)), at(13)), LinkState::Revoked);
    }

    #[test]
    fn every_desk_state_has_a_customer_phase_and_internal_steps_fold_together() {
        use TicketStatus::*;
        for status in TicketStatus::ALL {
            let _ = CustomerPhase::of(*status);
        }
        let history = [
            (1, New),
            (2, Accepted),
            (3, Dispatched),
            (4, Scheduled),
            (5, EnRoute),
            (6, InProgress),
            (7, WaitingParts),
            (8, InProgress),
            (9, Resolved),
            (10, Inspected),
            (11, FollowedUp),
            (12, Reviewed),
            (13, Closed),
        ];
        let phases: Vec<_> =
            customer_timeline(&history).into_iter().map(|(at, p)| (at, p.as_str())).collect();
        assert_eq!(
            phases,
            [
                (1, "received"),
                (2, "accepted"),
                (3, "technician_assigned"),
                (5, "on_the_way"),
                (6, "repairing"),
                (7, "waiting_parts"),
                (8, "repairing"),
                (9, "repaired"),
                (11, "completed"),
            ]
        );
    }

    #[test]
    fn the_survey_opens_once_the_work_is_done_and_scores_run_from_one_to_five() {
        assert!(!survey_open(TicketStatus::InProgress));
        assert!(survey_open(TicketStatus::Resolved) && survey_open(TicketStatus::FollowedUp));
        assert!(!survey_open(TicketStatus::Closed) && !survey_open(TicketStatus::Cancelled));
        assert_eq!(parse_score(" 5 "), Some(5));
        for bad in ["0", "6", "", "x", "-1"] {
            assert_eq!(parse_score(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_promises_to_the_customer_are_shown_as_deadlines() {
        assert!(promised_to_customer(ClockKind::CallBack));
        assert!(promised_to_customer(ClockKind::DepotTurnaround));
        assert!(!promised_to_customer(ClockKind::FollowUp));
        assert!(!promised_to_customer(ClockKind::Review));
    }
}
