//! Who may do what: the permission matrix (role × action × record ownership) and the pages each role
//! sees. Every server function asks [`permits`] before it touches data; the UI asks the same function
//! only to decide what to show.

mod pages;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::Role;

pub use pages::{NavItem, PageAccess, home_path, nav_items, page_access};

/// Something a signed-in person asks to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Register a new service request.
    CreateTicket,
    /// See the queue of every ticket (technicians see only their own jobs instead).
    ListAllTickets,
    /// See the jobs dispatched to oneself.
    ListOwnJobs,
    /// Open one ticket with its history.
    ViewTicket,
    /// Change a ticket: take a workflow step, edit its fields.
    UpdateTicket,
    /// See the supervisor's dashboard of counts and deadlines.
    ViewDashboard,
    /// List, create, edit and disable staff accounts; reset passwords.
    ManageUsers,
    /// Read the security audit log.
    ViewAudit,
    /// Edit the working-time calendar (business hours, holidays, make-up days).
    ManageCalendar,
    /// See and change one's own account (password, sessions).
    ManageOwnAccount,
    /// Look up product units: their warranty, history and label.
    ViewAssets,
    /// Register and edit product units.
    ManageAssets,
    /// See the spare-parts catalogue and stock.
    ViewParts,
    /// Book parts into stock and add parts to the catalogue.
    ManageParts,
    /// Give the customer a link to follow their ticket, and revoke it.
    ShareWithCustomer,
}

impl Action {
    /// Every action, for exhaustive tests and the matrix in the docs.
    pub const ALL: [Action; 15] = [
        Action::CreateTicket,
        Action::ListAllTickets,
        Action::ListOwnJobs,
        Action::ViewTicket,
        Action::UpdateTicket,
        Action::ViewDashboard,
        Action::ManageUsers,
        Action::ViewAudit,
        Action::ManageCalendar,
        Action::ManageOwnAccount,
        Action::ViewAssets,
        Action::ManageAssets,
        Action::ViewParts,
        Action::ManageParts,
        Action::ShareWithCustomer,
    ];
}

/// The person asking: their account id and the roles they hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    pub user_id: String,
    pub roles: Vec<Role>,
}

impl Subject {
    /// Whether this person holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// What an access decision needs to know about a ticket: to whom it is dispatched, and whether any
/// technician may pick it up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketFacts {
    /// The technician the ticket is dispatched to (or who picked it up), if any.
    pub assignee: Option<String>,
    /// Nobody has it yet and its type is worked without dispatch by whichever technician takes it
    /// (a consultation answered by phone, a unit sent in for depot repair).
    pub claimable: bool,
}

impl TicketFacts {
    /// The facts of a ticket of `service_type` dispatched to `assignee`.
    pub fn of(service_type: crate::domain::ServiceType, assignee: Option<String>) -> Self {
        let claimable = assignee.is_none() && crate::domain::workflow::technician_can_claim(service_type);
        Self { assignee, claimable }
    }
}

/// Why access was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// None of the person's roles allows the action.
    Role,
    /// A role allows it only on records the person owns, and this one is not theirs.
    NotOwner,
}

/// How far a role's permission reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// On every record.
    Any,
    /// Only on tickets dispatched to the person.
    Own,
}

/// The matrix itself: what `role` may do for `action`, or `None`.
pub fn grant(role: Role, action: Action) -> Option<Grant> {
    use Action::*;
    use Role::*;
    match (role, action) {
        (_, ManageOwnAccount) => Some(Grant::Any),
        (Agent | Clerk | Supervisor, CreateTicket) => Some(Grant::Any),
        (Agent | Clerk | Supervisor | Inspector | Warehouse, ListAllTickets | ViewTicket) => Some(Grant::Any),
        // Warehouse takes the steps of returns and marks parts arrived; the workflow decides which.
        (Agent | Clerk | Supervisor | Inspector | Warehouse, UpdateTicket) => Some(Grant::Any),
        (Technician, ListOwnJobs) => Some(Grant::Any),
        (Technician, ViewTicket | UpdateTicket) => Some(Grant::Own),
        (Supervisor, ViewDashboard) => Some(Grant::Any),
        (Admin, ManageUsers | ViewAudit | ManageCalendar) => Some(Grant::Any),
        // A technician on site scans the unit's label; the desk looks units up at intake.
        (Agent | Clerk | Supervisor | Inspector | Warehouse | Technician, ViewAssets) => Some(Grant::Any),
        (Agent | Clerk | Supervisor | Admin, ManageAssets) => Some(Grant::Any),
        (_, ViewParts) => Some(Grant::Any),
        (Warehouse | Admin, ManageParts) => Some(Grant::Any),
        (Agent | Clerk | Supervisor, ShareWithCustomer) => Some(Grant::Any),
        // On site, the technician hands the customer the link of the job in hand.
        (Technician, ShareWithCustomer) => Some(Grant::Own),
        _ => None,
    }
}

/// Decides whether `subject` may take `action`, on `ticket` when the action concerns one. The widest
/// grant among the person's roles wins.
///
/// Call it with `ticket: None` before loading a record to check the role alone: an ownership-limited
/// grant passes then, and the check must be repeated with the record's facts once it is loaded.
pub fn permits(subject: &Subject, action: Action, ticket: Option<&TicketFacts>) -> Result<(), Denied> {
    if action == Action::ManageOwnAccount {
        // Whatever their roles (even none left), a signed-in person manages their own password.
        return Ok(());
    }
    let grants: Vec<Grant> = subject.roles.iter().filter_map(|r| grant(*r, action)).collect();
    if grants.contains(&Grant::Any) {
        return Ok(());
    }
    if grants.is_empty() {
        return Err(Denied::Role);
    }
    match ticket {
        None => Ok(()),
        Some(t) if t.assignee.as_deref() == Some(subject.user_id.as_str()) || t.claimable => Ok(()),
        Some(_) => Err(Denied::NotOwner),
    }
}

/// Whether `subject` may take `action` on every record (not just their own).
pub fn permits_all(subject: &Subject, action: Action) -> bool {
    subject.roles.iter().any(|r| grant(*r, action) == Some(Grant::Any))
}
