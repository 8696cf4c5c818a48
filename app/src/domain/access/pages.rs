//! Pages: which role may open which page, each role's home page and navigation.

use super::{Action, Subject, permits};
use crate::domain::Role;

/// What the server does with a request for a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageAccess {
    /// Anyone may open it (sign-in, static assets).
    Public,
    /// Open it.
    Allowed,
    /// Send the visitor to sign in first.
    SignIn,
    /// Signed in, but the page is not for this person's roles.
    Forbidden,
    /// The person must choose a new password before anything else.
    ChangePassword,
    /// Go elsewhere (the root sends each person to their own home page).
    Redirect(String),
}

/// The action a page needs, or `None` for pages any signed-in person may open.
fn page_action(path: &str) -> Option<Action> {
    let path = path.trim_end_matches('/');
    match path {
        "/tickets" => Some(Action::ListAllTickets),
        "/tickets/new" => Some(Action::CreateTicket),
        "/jobs" => Some(Action::ListOwnJobs),
        "/dashboard" => Some(Action::ViewDashboard),
        "/admin/audit" => Some(Action::ViewAudit),
        "/admin/calendar" => Some(Action::ManageCalendar),
        "/assets/new" => Some(Action::ManageAssets),
        "/parts" => Some(Action::ViewParts),
        p if p == "/assets" || p.starts_with("/assets/") => Some(Action::ViewAssets),
        p if p == "/admin" || p.starts_with("/admin/") => Some(Action::ManageUsers),
        // The record check (a technician's own jobs) happens when the ticket is loaded.
        p if p.starts_with("/tickets/") || p.starts_with("/jobs/") => Some(Action::ViewTicket),
        _ => None,
    }
}

/// Decides what happens to a request for the page at `path` (no query string) from `subject` (`None`
/// when not signed in). `must_change_password` holds a person on the password page until they choose one.
pub fn page_access(path: &str, subject: Option<&Subject>, must_change_password: bool) -> PageAccess {
    // `/c/<token>`: a customer's link, which carries its own proof; `/report-fault`: the public
    // "report a fault" form.
    if path == "/signin"
        || path.starts_with("/pkg/")
        || path.starts_with("/api/")
        || path.starts_with("/c/")
        || path == "/report-fault"
        || path == "/health"
    {
        return PageAccess::Public;
    }
    let record_page =
        path.starts_with("/tickets/") || path.starts_with("/assets/") || path.starts_with("/jobs/");
    if !record_page && path.rsplit('/').next().is_some_and(|last| last.contains('.')) {
        // Files of the site (favicon, robots.txt): no data behind them.
        return PageAccess::Public;
    }
    let Some(subject) = subject else {
        return PageAccess::SignIn;
    };
    if must_change_password && path != "/account" {
        return PageAccess::ChangePassword;
    }
    if path == "/" {
        return PageAccess::Redirect(home_path(subject).to_owned());
    }
    match page_action(path) {
        None => PageAccess::Allowed,
        Some(action) if permits(subject, action, None).is_ok() => PageAccess::Allowed,
        Some(_) => PageAccess::Forbidden,
    }
}

/// The page a person lands on after signing in: a supervisor on the dashboard, a technician on today's
/// jobs, agents and clerks on the queue, an administrator on the user list.
pub fn home_path(subject: &Subject) -> &'static str {
    let first = |roles: &[Role]| roles.iter().find(|r| subject.has(**r)).copied();
    match first(&[
        Role::Supervisor,
        Role::Agent,
        Role::Clerk,
        Role::Technician,
        Role::Inspector,
        Role::Warehouse,
        Role::Admin,
    ]) {
        Some(Role::Supervisor) => "/dashboard",
        Some(Role::Agent | Role::Clerk | Role::Inspector | Role::Warehouse) => "/tickets",
        Some(Role::Technician) => "/jobs",
        Some(Role::Admin) => "/admin/users",
        None => "/account",
    }
}

/// One entry of the main navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavItem {
    pub href: &'static str,
    /// Translation key of the label.
    pub label: &'static str,
}

const NAV: [(Action, NavItem); 9] = [
    (Action::ViewDashboard, NavItem { href: "/dashboard", label: "nav.dashboard" }),
    (Action::ListOwnJobs, NavItem { href: "/jobs", label: "nav.jobs" }),
    (Action::ListAllTickets, NavItem { href: "/tickets", label: "nav.tickets" }),
    (Action::CreateTicket, NavItem { href: "/tickets/new", label: "nav.new_ticket" }),
    (Action::ViewAssets, NavItem { href: "/assets", label: "nav.assets" }),
    (Action::ViewParts, NavItem { href: "/parts", label: "nav.parts" }),
    (Action::ManageUsers, NavItem { href: "/admin/users", label: "nav.users" }),
    (Action::ViewAudit, NavItem { href: "/admin/audit", label: "nav.audit" }),
    (Action::ManageCalendar, NavItem { href: "/admin/calendar", label: "nav.calendar" }),
];

/// The navigation a person sees: exactly the pages their roles open.
pub fn nav_items(subject: &Subject) -> Vec<NavItem> {
    NAV.iter().filter(|(action, _)| permits(subject, *action, None).is_ok()).map(|(_, item)| *item).collect()
}
