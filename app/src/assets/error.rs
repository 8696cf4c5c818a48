//! Errors of the asset server functions, as they cross the wire.

use serde::{Deserialize, Serialize};

use crate::domain::FieldError;
use crate::error::{ErrorKind, HasKind};

/// Why an asset request failed. Tagged with its kind like every wire error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum AssetError {
    /// Fields to fix (also: registering a serial number that is already registered).
    #[error("the request has invalid fields")]
    Invalid { fields: Vec<FieldError> },
    #[error("no unit with serial number {serial}")]
    NotFound { serial: String },
    /// Someone saved the unit after this form was opened.
    #[error("the unit changed since it was opened")]
    Conflict,
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

impl HasKind for AssetError {
    fn kind(&self) -> ErrorKind {
        match self {
            Self::Invalid { .. } => ErrorKind::Invalid,
            Self::NotFound { .. } => ErrorKind::NotFound,
            Self::Conflict => ErrorKind::Conflict,
            Self::Unauthenticated => ErrorKind::Unauthenticated,
            Self::Forbidden => ErrorKind::Forbidden,
            Self::BadRequest { .. } => ErrorKind::BadRequest,
            Self::Unavailable => ErrorKind::Unavailable,
            Self::Network { .. } => ErrorKind::Network,
            Self::Internal => ErrorKind::Internal,
        }
    }
}

crate::error::wire_error_conversions!(AssetError);

#[cfg(feature = "ssr")]
impl From<crate::db::DbError> for AssetError {
    fn from(e: crate::db::DbError) -> Self {
        match crate::error::TicketError::from(e) {
            crate::error::TicketError::Unavailable => Self::Unavailable,
            _ => Self::Internal,
        }
    }
}
