//! What can go wrong when signing in, managing one's account or administering users.

use serde::{Deserialize, Serialize};

use crate::domain::FieldError;
use crate::error::{ErrorKind, HasKind};

/// Errors of the sign-in, account and user-administration server functions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum AuthError {
    /// Wrong user name or password: one answer for both, so that names cannot be probed.
    #[error("wrong user name or password")]
    BadCredentials,
    /// Too many failed sign-ins for this account or from this address.
    #[error("too many attempts; retry in {retry_after_minutes} minutes")]
    TooManyAttempts { retry_after_minutes: i64 },
    /// Nobody is signed in (or the session ended).
    #[error("sign in first")]
    Unauthenticated,
    /// Signed in, but not allowed.
    #[error("not allowed")]
    Forbidden,
    /// The form has field errors; nothing was changed.
    #[error("the request has invalid fields")]
    Invalid { fields: Vec<FieldError> },
    /// No such user.
    #[error("no such user")]
    NotFound,
    /// The record changed since it was read (or was written by someone else meanwhile).
    #[error("changed by someone else")]
    Conflict,
    /// The request could not be read.
    #[error("malformed request: {detail}")]
    BadRequest {
        #[serde(default)]
        detail: String,
    },
    /// The database did not answer.
    #[error("the database is unavailable")]
    Unavailable,
    /// The browser could not reach the server.
    #[error("network error: {detail}")]
    Network {
        #[serde(default)]
        detail: String,
    },
    /// A defect on our side; details are in the server log only.
    #[error("internal error")]
    Internal,
}

impl AuthError {
    /// A single-field error.
    pub fn field(field: &str, code: &str) -> Self {
        Self::Invalid { fields: vec![FieldError::new(field, code)] }
    }
}

impl HasKind for AuthError {
    fn kind(&self) -> ErrorKind {
        match self {
            Self::BadCredentials => ErrorKind::BadCredentials,
            Self::TooManyAttempts { .. } => ErrorKind::TooManyAttempts,
            Self::Unauthenticated => ErrorKind::Unauthenticated,
            Self::Forbidden => ErrorKind::Forbidden,
            Self::Invalid { .. } => ErrorKind::Invalid,
            Self::NotFound => ErrorKind::NotFound,
            Self::Conflict => ErrorKind::Conflict,
            Self::BadRequest { .. } => ErrorKind::BadRequest,
            Self::Unavailable => ErrorKind::Unavailable,
            Self::Network { .. } => ErrorKind::Network,
            Self::Internal => ErrorKind::Internal,
        }
    }
}

crate::error::wire_error_conversions!(AuthError);

#[cfg(feature = "ssr")]
impl From<crate::db::DbError> for AuthError {
    fn from(e: crate::db::DbError) -> Self {
        match crate::error::TicketError::from(e) {
            crate::error::TicketError::Unavailable => Self::Unavailable,
            _ => Self::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttling_tells_how_long_to_wait() {
        let e = AuthError::TooManyAttempts { retry_after_minutes: 7 };
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["error"], "too_many_attempts");
        assert_eq!(json["retry_after_minutes"], 7);
        assert_eq!(e.kind().status(), 429);
        assert_eq!(AuthError::BadCredentials.kind().status(), 401);
        assert_eq!(AuthError::Forbidden.kind().status(), 403);
    }
}
