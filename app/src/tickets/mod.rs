//! Ticket intake and lookup: DTOs, server functions and the pages that use them.

mod api;
mod cursor;
mod detail_page;
mod intake_page;
mod list_page;
mod model;
mod widgets;

pub use api::{CreateTicket, GetTicket, ListTickets, create_ticket, get_ticket, list_tickets};
pub use cursor::Cursor;
pub use detail_page::TicketDetailPage;
pub use intake_page::IntakePage;
pub use list_page::TicketListPage;
pub use model::*;
