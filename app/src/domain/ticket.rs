//! The closed vocabularies of a ticket: life-cycle state, service type, urgency, intake channel.

use serde::{Deserialize, Serialize};

/// Defines a closed vocabulary with stable snake_case wire names, `ALL` in display order, `as_str`,
/// `parse` and the translation key of each value (`<prefix>.<wire name>`).
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $prefix:literal, { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $wire)] $variant),+
        }

        impl $name {
            /// Every value, in the order forms and filters list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable name used on the wire, in the database and in URLs.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// The value for a wire name; `None` for anything else.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($wire => Some($name::$variant),)+ _ => None }
            }

            /// The translation key of this value's label.
            pub fn label_key(self) -> &'static str {
                match self { $($name::$variant => concat!($prefix, ".", $wire)),+ }
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary!(
    /// Where a ticket is in its life cycle (DOMAIN.md, "Ticket life cycle").
    TicketStatus, "status", {
        New = "new",
        Accepted = "accepted",
        Dispatched = "dispatched",
        Scheduled = "scheduled",
        EnRoute = "en_route",
        InProgress = "in_progress",
        WaitingParts = "waiting_parts",
        WaitingCustomer = "waiting_customer",
        Resolved = "resolved",
        Inspected = "inspected",
        FollowedUp = "followed_up",
        Reviewed = "reviewed",
        Closed = "closed",
        Cancelled = "cancelled",
    }
);

vocabulary!(
    /// What kind of service the customer needs; decides the workflow path and the deadlines.
    ServiceType, "service_type", {
        Consultation = "consultation",
        FieldRepair = "field_repair",
        DepotRepair = "depot_repair",
        Installation = "installation",
        Maintenance = "maintenance",
        ServiceComplaint = "service_complaint",
        QualityComplaint = "quality_complaint",
        ReturnExchange = "return_exchange",
    }
);

vocabulary!(
    /// How soon the customer needs help.
    Urgency, "urgency", {
        Low = "low",
        Normal = "normal",
        High = "high",
        Urgent = "urgent",
    }
);

vocabulary!(
    /// How the request reached us.
    Channel, "channel", {
        Phone = "phone",
        Email = "email",
        WebForm = "web_form",
        Wechat = "wechat",
        Letter = "letter",
        WalkIn = "walk_in",
        Relayed = "relayed",
    }
);

impl TicketStatus {
    /// Whether the ticket still needs work (neither closed nor cancelled).
    pub fn is_open(self) -> bool {
        !matches!(self, TicketStatus::Closed | TicketStatus::Cancelled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_round_trips_through_its_wire_name() {
        for s in TicketStatus::ALL {
            assert_eq!(TicketStatus::parse(s.as_str()), Some(*s));
            assert_eq!(serde_json::to_string(s).unwrap(), format!("\"{}\"", s.as_str()));
        }
        for t in ServiceType::ALL {
            assert_eq!(ServiceType::parse(t.as_str()), Some(*t));
        }
        for u in Urgency::ALL {
            assert_eq!(Urgency::parse(u.as_str()), Some(*u));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(*c));
        }
    }

    #[test]
    fn unknown_wire_names_are_refused() {
        assert_eq!(ServiceType::parse("FieldRepair"), None);
        assert!(serde_json::from_str::<Urgency>("\"asap\"").is_err());
    }

    #[test]
    fn label_keys_carry_their_vocabulary_prefix() {
        assert_eq!(TicketStatus::EnRoute.label_key(), "status.en_route");
        assert_eq!(Channel::WebForm.label_key(), "channel.web_form");
    }

    #[test]
    fn only_closed_and_cancelled_tickets_are_not_open() {
        let open: Vec<_> = TicketStatus::ALL.iter().filter(|s| !s.is_open()).collect();
        assert_eq!(open, [&TicketStatus::Closed, &TicketStatus::Cancelled]);
    }
}
