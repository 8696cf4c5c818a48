//! Errors of the share server functions, as they cross the wire.

use serde::{Deserialize, Serialize};

use crate::error::{ErrorKind, HasKind};

/// Why creating, listing or revoking a customer link failed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum ShareError {
    /// The validity is not a whole number of days from 1 to 365.
    #[error("the link's validity must be 1 to 365 days")]
    Invalid { fields: Vec<crate::domain::FieldError> },
    /// No such ticket, or no such active link on it.
    #[error("not found")]
    NotFound,
    #[error("sign in first")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    #[error("malformed request: {detail}")]
    BadRequest {
        #[serde(default)]
        detail: String,
    },
    #[error("the database is unavailable")]
    Unavailable,
    #[error("network error: {detail}")]
    Network {
        #[serde(default)]
        detail: String,
    },
    #[error("internal error")]
    Internal,
}

impl HasKind for ShareError {
    fn kind(&self) -> ErrorKind {
        match self {
            Self::Invalid { .. } => ErrorKind::Invalid,
            Self::NotFound => ErrorKind::NotFound,
            Self::Unauthenticated => ErrorKind::Unauthenticated,
            Self::Forbidden => ErrorKind::Forbidden,
            Self::BadRequest { .. } => ErrorKind::BadRequest,
            Self::Unavailable => ErrorKind::Unavailable,
            Self::Network { .. } => ErrorKind::Network,
            Self::Internal => ErrorKind::Internal,
        }
    }
}

crate::error::wire_error_conversions!(ShareError);

#[cfg(feature = "ssr")]
impl From<crate::db::DbError> for ShareError {
    fn from(e: crate::db::DbError) -> Self {
        match crate::error::TicketError::from(e) {
            crate::error::TicketError::Unavailable => Self::Unavailable,
            _ => Self::Internal,
        }
    }
}
