//! Pure domain rules: no I/O, compiled for the server and for wasm alike.

pub mod intake;
pub mod phone;
pub mod serial;
pub mod text;
pub mod ticket;
pub mod ticket_number;

pub use intake::{FieldError, IntakeInput, NewTicket};
pub use phone::PhoneNumber;
pub use serial::SerialNumber;
pub use ticket::{Channel, ServiceType, TicketStatus, Urgency};
pub use ticket_number::TicketNumber;
