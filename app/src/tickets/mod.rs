//! Tickets: DTOs, server functions and the pages that use them (queue, intake, ticket, jobs, dashboard).

mod api;
mod cursor;
mod detail_page;
mod dispatch_fields;
mod dispatch_order_page;
mod intake_page;
pub(crate) mod list_page;
mod live_ticket;
mod model;
mod print_frame;
mod review_fields;
pub(crate) mod widgets;
pub(crate) mod workflow_api;
mod workflow_panel;

pub use api::{CreateTicket, GetTicket, ListTickets, create_ticket, get_ticket, list_tickets};
pub use cursor::Cursor;
pub use detail_page::TicketDetailPage;
pub use dispatch_order_page::DispatchOrderPage;
pub use intake_page::IntakePage;
pub use list_page::{TicketListPage, encode_query};
pub use model::*;
pub use print_frame::PrintFrame;
pub use widgets::{Fact, StatusBadge, format_time};
#[cfg(feature = "ssr")]
pub(crate) use workflow_api::ssr::read_clocks;
pub use workflow_api::{TakeStep, take_step};
pub use workflow_panel::{ClockList, clock_detail};
pub use workflow_panel::{provide_conflict_notice, use_conflict_notice};
