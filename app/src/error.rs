//! Errors that cross the wire: each domain has its own enum, all share one vocabulary of kinds that
//! decides the HTTP status in one place ([`ErrorKind::status`]).

use serde::{Deserialize, Serialize};

use crate::domain::FieldError;

/// The wire tag every error enum serialises as (`{"error": "<kind>", ...}`), and its HTTP meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    BadRequest,
    Unauthenticated,
    BadCredentials,
    Forbidden,
    TooManyAttempts,
    Invalid,
    NotFound,
    Conflict,
    Refused,
    Unavailable,
    Network,
    Internal,
}

impl ErrorKind {
    /// The kind for a wire tag; unknown tags are internal errors.
    pub fn from_tag(tag: &str) -> Self {
        match tag {
            "bad_request" => Self::BadRequest,
            "unauthenticated" => Self::Unauthenticated,
            "bad_credentials" => Self::BadCredentials,
            "forbidden" => Self::Forbidden,
            "too_many_attempts" => Self::TooManyAttempts,
            "invalid" => Self::Invalid,
            "not_found" => Self::NotFound,
            "conflict" => Self::Conflict,
            "refused" => Self::Refused,
            "unavailable" => Self::Unavailable,
            "network" => Self::Network,
            _ => Self::Internal,
        }
    }

    /// The HTTP status an error of this kind is answered with.
    pub fn status(self) -> u16 {
        match self {
            Self::BadRequest => 400,
            Self::Unauthenticated | Self::BadCredentials => 401,
            Self::Forbidden => 403,
            Self::TooManyAttempts => 429,
            Self::Invalid => 422,
            Self::NotFound => 404,
            Self::Conflict => 409,
            Self::Refused => 422,
            Self::Unavailable | Self::Network => 503,
            Self::Internal => 500,
        }
    }

    /// The translation key of the one-line message for this kind.
    pub fn message_key(self) -> &'static str {
        match self {
            Self::BadRequest => "error.bad_request",
            Self::Unauthenticated => "error.unauthenticated",
            Self::BadCredentials => "error.bad_credentials",
            Self::Forbidden => "error.forbidden",
            Self::TooManyAttempts => "error.too_many_attempts",
            Self::Invalid => "error.invalid",
            Self::NotFound => "error.not_found",
            Self::Conflict => "error.conflict",
            Self::Refused => "error.refused",
            Self::Unavailable => "error.unavailable",
            Self::Network => "error.network",
            Self::Internal => "error.internal",
        }
    }
}

/// What can go wrong when registering, listing or opening tickets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum TicketError {
    /// The form has field errors; nothing was stored.
    #[error("the request has invalid fields")]
    Invalid { fields: Vec<FieldError> },
    /// No ticket has this number.
    #[error("no ticket {number}")]
    NotFound { number: String },
    /// The ticket changed since the page showed it (someone else took a step); nothing was written.
    #[error("the ticket changed: now version {current_version}")]
    Conflict { current_version: u64 },
    /// The workflow rules do not allow this step now; the refusal says why.
    #[error("step refused: {refusal}")]
    Refused { refusal: crate::domain::workflow::StepRefusal },
    /// Nobody is signed in (or the session ended).
    #[error("sign in first")]
    Unauthenticated,
    /// The signed-in person may not do this, or not to this ticket.
    #[error("not allowed")]
    Forbidden,
    /// The request could not be read (malformed body, wrong types).
    #[error("malformed request: {detail}")]
    BadRequest {
        #[serde(default)]
        detail: String,
    },
    /// The database did not answer; the request may be retried.
    #[error("the database is unavailable")]
    Unavailable,
    /// The browser could not reach the server.
    #[error("network error: {detail}")]
    Network {
        #[serde(default)]
        detail: String,
    },
    /// A defect on our side; details are in the server log, never in the response.
    #[error("internal error")]
    Internal,
}

impl TicketError {
    /// This error's kind, for status codes and messages.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::Invalid { .. } => ErrorKind::Invalid,
            Self::NotFound { .. } => ErrorKind::NotFound,
            Self::Conflict { .. } => ErrorKind::Conflict,
            Self::Refused { .. } => ErrorKind::Refused,
            Self::Unauthenticated => ErrorKind::Unauthenticated,
            Self::Forbidden => ErrorKind::Forbidden,
            Self::BadRequest { .. } => ErrorKind::BadRequest,
            Self::Unavailable => ErrorKind::Unavailable,
            Self::Network { .. } => ErrorKind::Network,
            Self::Internal => ErrorKind::Internal,
        }
    }
}

/// The answer of an access check (see `auth::guard`), converted into each domain's error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessError {
    /// Nobody is signed in.
    Unauthenticated,
    /// Signed in, not allowed (role, ownership, or a password change is due first).
    Forbidden,
    /// The request context is missing: a defect.
    Internal,
}

/// Every error enum that crosses the wire: tells its kind, for statuses and messages.
pub trait HasKind {
    fn kind(&self) -> ErrorKind;
}

impl HasKind for TicketError {
    fn kind(&self) -> ErrorKind {
        TicketError::kind(self)
    }
}

/// The conversions every wire error enum shares: from an access check's answer, and from the server
/// function framework's own errors (unreadable input is a bad request, transport failures are network
/// errors). The enum needs the variants `Unauthenticated`, `Forbidden`, `Internal`,
/// `BadRequest { detail }` and `Network { detail }`.
macro_rules! wire_error_conversions {
    ($t:ty) => {
        impl From<$crate::error::AccessError> for $t {
            fn from(e: $crate::error::AccessError) -> Self {
                match e {
                    $crate::error::AccessError::Unauthenticated => Self::Unauthenticated,
                    $crate::error::AccessError::Forbidden => Self::Forbidden,
                    $crate::error::AccessError::Internal => Self::Internal,
                }
            }
        }

        impl leptos::server_fn::error::FromServerFnError for $t {
            type Encoder = leptos::server_fn::codec::JsonEncoding;

            fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
                use leptos::server_fn::error::ServerFnErrorErr as E;
                match value {
                    E::Args(detail)
                    | E::MissingArg(detail)
                    | E::Deserialization(detail)
                    | E::Registration(detail) => Self::BadRequest { detail },
                    E::Request(detail) => Self::Network { detail },
                    _ => Self::Internal,
                }
            }
        }
    };
}
pub(crate) use wire_error_conversions;

wire_error_conversions!(TicketError);

#[cfg(test)]
mod tests {
    use super::*;
    use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

    #[test]
    fn errors_serialise_with_their_kind_as_tag() {
        let json = serde_json::to_value(TicketError::NotFound { number: "SV-1".into() }).unwrap();
        assert_eq!(json["error"], "not_found");
        assert_eq!(ErrorKind::from_tag("not_found").status(), 404);
        let invalid = TicketError::Invalid { fields: vec![] };
        assert_eq!(serde_json::to_value(&invalid).unwrap()["error"], "invalid");
        assert_eq!(invalid.kind().status(), 422);
    }

    #[test]
    fn unreadable_requests_are_bad_requests() {
        let e = TicketError::from_server_fn_error(ServerFnErrorErr::Args("x".into()));
        assert_eq!(e.kind().status(), 400);
        assert_eq!(ErrorKind::from_tag("nonsense"), ErrorKind::Internal);
    }
}
