//! Who receives which change: the permission matrix applied to live topics. Pure, so the SSE
//! connection and the tests ask the same questions.

use super::{TicketChange, Topic};
use crate::domain::access::{Action, Subject, TicketFacts, permits, permits_all};

/// What a connection does with one change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Forward it.
    Send,
    /// Not for this topic, or not for this person: say nothing.
    Skip,
    /// The person saw this ticket on this topic and may no longer: tell the page to drop it, with
    /// nothing but its number (a ticket page's stream ends there).
    Removed,
}

/// Whether `subject` may open `topic` at all. A ticket topic also needs the ticket's own facts,
/// checked with [`may_see`] once it is loaded.
pub fn may_subscribe(subject: &Subject, topic: &Topic) -> bool {
    match topic {
        Topic::Dashboard => permits_all(subject, Action::ViewDashboard),
        Topic::Tickets => permits_all(subject, Action::ListAllTickets),
        Topic::Jobs => permits(subject, Action::ListOwnJobs, None).is_ok(),
        Topic::Ticket(_) => permits(subject, Action::ViewTicket, None).is_ok(),
    }
}

/// Whether `subject` may see the ticket as it is after `change`.
pub fn may_see(subject: &Subject, change: &TicketChange) -> bool {
    let facts = TicketFacts::of(change.service_type, change.assignee.clone());
    permits(subject, Action::ViewTicket, Some(&facts)).is_ok()
}

/// What a connection on `topic` does with `change`; `seen` says whether it forwarded this ticket
/// before (or the page was showing it when it subscribed).
pub fn deliver(subject: &Subject, topic: &Topic, change: &TicketChange, seen: bool) -> Delivery {
    match topic {
        // Both are only open to people who see every ticket.
        Topic::Dashboard | Topic::Tickets => Delivery::Send,
        Topic::Jobs if may_see(subject, change) => Delivery::Send,
        Topic::Jobs if seen => Delivery::Removed,
        Topic::Jobs => Delivery::Skip,
        Topic::Ticket(number) if number.as_str() != change.number => Delivery::Skip,
        Topic::Ticket(_) if may_see(subject, change) => Delivery::Send,
        Topic::Ticket(_) => Delivery::Removed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Role, ServiceType, TicketNumber, TicketStatus, Urgency};

    fn person(name: &str, roles: &[Role]) -> Subject {
        Subject { user_id: name.into(), roles: roles.to_vec() }
    }

    fn change(number: &str, assignee: Option<&str>, service_type: ServiceType) -> TicketChange {
        TicketChange {
            number: number.into(),
            version: 3,
            status: TicketStatus::Dispatched,
            service_type,
            urgency: Urgency::Normal,
            region: "华东".into(),
            company: "客户".into(),
            product_model: "GX".into(),
            assignee: assignee.map(str::to_owned),
        }
    }

    fn ticket(number: &str) -> Topic {
        Topic::Ticket(TicketNumber::parse(number).unwrap())
    }

    const A: &str = "SV-20261126-0001";
    const B: &str = "SV-20261126-0002";

    #[test]
    fn only_supervisors_open_the_dashboard_and_only_the_desk_the_queue() {
        let tech = person("wang", &[Role::Technician]);
        let agent = person("li", &[Role::Agent]);
        let boss = person("zhao", &[Role::Supervisor]);
        assert!(may_subscribe(&boss, &Topic::Dashboard));
        assert!(!may_subscribe(&agent, &Topic::Dashboard));
        assert!(!may_subscribe(&tech, &Topic::Dashboard));
        assert!(may_subscribe(&agent, &Topic::Tickets));
        assert!(!may_subscribe(&tech, &Topic::Tickets));
        assert!(may_subscribe(&tech, &Topic::Jobs));
        assert!(!may_subscribe(&agent, &Topic::Jobs));
        assert!(may_subscribe(&tech, &ticket(A)));
        assert!(!may_subscribe(&person("nobody", &[]), &ticket(A)));
    }

    #[test]
    fn a_technician_hears_only_of_their_own_jobs_and_of_losing_one() {
        let tech = person("wang", &[Role::Technician]);
        let mine = change(A, Some("wang"), ServiceType::FieldRepair);
        let theirs = change(B, Some("chen"), ServiceType::FieldRepair);
        assert_eq!(deliver(&tech, &Topic::Jobs, &mine, false), Delivery::Send);
        assert_eq!(deliver(&tech, &Topic::Jobs, &theirs, false), Delivery::Skip);
        // Reassigned away after the page showed it: drop it, say no more.
        assert_eq!(deliver(&tech, &Topic::Jobs, &theirs, true), Delivery::Removed);
        // A depot repair nobody holds yet may be picked up by any technician.
        let open = change(B, None, ServiceType::DepotRepair);
        assert_eq!(deliver(&tech, &Topic::Jobs, &open, false), Delivery::Send);
    }

    #[test]
    fn a_ticket_page_hears_only_of_its_ticket_while_its_person_may_see_it() {
        let tech = person("wang", &[Role::Technician]);
        let topic = ticket(A);
        assert_eq!(
            deliver(&tech, &topic, &change(A, Some("wang"), ServiceType::FieldRepair), true),
            Delivery::Send
        );
        assert_eq!(
            deliver(&tech, &topic, &change(B, Some("wang"), ServiceType::FieldRepair), true),
            Delivery::Skip
        );
        assert_eq!(
            deliver(&tech, &topic, &change(A, Some("chen"), ServiceType::FieldRepair), true),
            Delivery::Removed
        );
        let agent = person("li", &[Role::Agent]);
        assert_eq!(
            deliver(&agent, &topic, &change(A, Some("chen"), ServiceType::FieldRepair), true),
            Delivery::Send
        );
    }
}
