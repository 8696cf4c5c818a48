//! (ssr) Who is asking: the session layer puts the signed-in person into each request, and server
//! functions ask [`require`] before they touch data.

use leptos::prelude::use_context;

use crate::domain::access::{self, Action, Subject, TicketFacts};
use crate::error::AccessError;

/// The signed-in person behind a request (a request extension, set by the session layer).
#[derive(Debug, Clone)]
pub struct Staff {
    pub username: String,
    pub display_name: String,
    pub roles: Vec<crate::domain::Role>,
    pub must_change_password: bool,
    /// The key of the session the request came with.
    pub session_key: String,
}

impl Staff {
    /// The person as the permission matrix sees them.
    pub fn subject(&self) -> Subject {
        Subject { user_id: self.username.clone(), roles: self.roles.clone() }
    }

    /// The DTO the client sees.
    pub fn me(&self) -> super::Me {
        super::Me {
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            roles: self.roles.clone(),
            must_change_password: self.must_change_password,
        }
    }
}

/// The client's network address as the server saw it (a request extension).
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

fn parts() -> Result<http::request::Parts, AccessError> {
    use_context::<http::request::Parts>().ok_or_else(|| {
        tracing::error!("request parts missing from server function context");
        AccessError::Internal
    })
}

/// The signed-in person, if any.
pub fn current() -> Result<Option<Staff>, AccessError> {
    Ok(parts()?.extensions.get::<Staff>().cloned())
}

/// The client's address, for audit entries and throttling.
pub fn client_address() -> String {
    parts().ok().and_then(|p| p.extensions.get::<ClientAddress>().map(|a| a.0.clone())).unwrap_or_default()
}

/// The request's `User-Agent`, for the session list.
pub fn user_agent() -> String {
    parts()
        .ok()
        .and_then(|p| {
            p.headers.get(http::header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_owned)
        })
        .unwrap_or_default()
}

/// Whether the request came from a plain HTML form rather than from the app's script.
pub fn accepts_html() -> bool {
    parts().ok().is_some_and(|p| {
        p.headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("text/html"))
    })
}

/// The signed-in person, who must not have a password change pending.
pub fn signed_in() -> Result<Staff, AccessError> {
    let staff = current()?.ok_or(AccessError::Unauthenticated)?;
    if staff.must_change_password {
        return Err(AccessError::Forbidden);
    }
    Ok(staff)
}

/// The signed-in person, if their roles allow `action` (on some record, for ownership-limited grants:
/// check again with [`require_on`] once the record is loaded).
pub fn require(action: Action) -> Result<Staff, AccessError> {
    let staff = signed_in()?;
    access::permits(&staff.subject(), action, None).map_err(|_| AccessError::Forbidden)?;
    Ok(staff)
}

/// Checks `action` on a loaded ticket.
pub fn require_on(staff: &Staff, action: Action, ticket: &TicketFacts) -> Result<(), AccessError> {
    access::permits(&staff.subject(), action, Some(ticket)).map_err(|_| AccessError::Forbidden)
}
