//! Pure domain rules: no I/O, compiled for the server and for wasm alike.

/// For a text newtype `T(String)` with `T::parse(&str) -> Result<T, E>`: shows as its text and converts
/// to and from `String` (serde's `try_from`/`into`), so every way in goes through `parse`.
macro_rules! parsed_text_impls {
    ($t:ident, $e:ident) => {
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $t {
            type Error = $e;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }

        impl From<$t> for String {
            fn from(value: $t) -> Self {
                value.0
            }
        }
    };
}
pub(crate) use parsed_text_impls;

pub mod access;
pub mod account;
pub mod asset;
pub mod dispatch;
pub mod intake;
pub mod outbox;
pub mod parts;
pub mod phone;
pub mod photo;
pub mod rate_limit;
pub mod repeat;
pub mod role;
pub mod serial;
pub mod service;
pub mod session;
pub mod share;
pub mod signature;
pub mod sla;
pub mod text;
pub mod ticket;
pub mod ticket_number;
pub mod workflow;

pub use intake::{FieldError, IntakeInput, NewTicket};
pub use phone::PhoneNumber;
pub use role::Role;
pub use serial::SerialNumber;
pub use ticket::{Channel, ServiceType, TicketStatus, Urgency};
pub use ticket_number::TicketNumber;
