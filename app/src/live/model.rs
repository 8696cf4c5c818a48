//! What travels on the live stream, shared by the server and the browser.

use serde::{Deserialize, Serialize};

use crate::domain::{ServiceType, TicketNumber, TicketStatus, Urgency};

/// One ticket as it is after a committed change: enough to patch a list row, decide whether a page
/// must re-fetch (by `version`) and route the change to the people who may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketChange {
    pub number: String,
    /// The ticket's version after the change; a page showing an older one re-fetches.
    pub version: u64,
    pub status: TicketStatus,
    pub service_type: ServiceType,
    pub urgency: Urgency,
    pub region: String,
    pub company: String,
    pub product_model: String,
    /// Username of the technician the ticket is dispatched to.
    pub assignee: Option<String>,
}

/// The first message of every connection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hello {
    /// The connection continues an earlier one (`Last-Event-ID`) and nothing was missed: the page's
    /// data is current and needs no re-fetch.
    pub resumed: bool,
    /// On a ticket page's stream: the ticket's version as the stream opened. A page showing it
    /// needs no re-fetch.
    #[serde(default)]
    pub version: Option<u64>,
}

/// What a page subscribes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Topic {
    /// The supervisor's dashboard: every change, to keep counts and boards current.
    Dashboard,
    /// The ticket queue: every change.
    Tickets,
    /// A technician's own jobs (and the tickets any technician may pick up).
    Jobs,
    /// One ticket's page.
    Ticket(TicketNumber),
}

impl Topic {
    /// Reads the `topic` query parameter: `dashboard`, `tickets`, `jobs` or `ticket:<number>`.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "dashboard" => Some(Topic::Dashboard),
            "tickets" => Some(Topic::Tickets),
            "jobs" => Some(Topic::Jobs),
            other => {
                let number = other.strip_prefix("ticket:")?;
                TicketNumber::parse(number).ok().map(Topic::Ticket)
            }
        }
    }

    /// The form [`Topic::parse`] reads.
    pub fn as_param(&self) -> String {
        match self {
            Topic::Dashboard => "dashboard".into(),
            Topic::Tickets => "tickets".into(),
            Topic::Jobs => "jobs".into(),
            Topic::Ticket(number) => format!("ticket:{}", number.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_read_back_what_they_write_and_refuse_anything_else() {
        let ticket = Topic::Ticket(TicketNumber::parse("SV-20261126-0001").unwrap());
        for topic in [Topic::Dashboard, Topic::Tickets, Topic::Jobs, ticket] {
            assert_eq!(Topic::parse(&topic.as_param()), Some(topic));
        }
        for bad in ["", "ticket:", "ticket:SV-1", "Dashboard", "ticket:SV-20261341-0001", "jobs:bob"] {
            assert_eq!(Topic::parse(bad), None, "{bad:?}");
        }
    }
}
