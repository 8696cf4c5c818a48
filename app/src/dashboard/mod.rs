//! The supervisor's dashboard (`/dashboard`): open work by state and type, today's intake and
//! closures, the SLA board, the technicians' board and a feed of recent events, filtered by region and product
//! line, all kept current by the live stream.

mod api;
mod boards;
#[cfg(feature = "ssr")]
pub mod feed;
mod model;
mod page;
pub mod sla;
mod sla_board;
#[cfg(feature = "ssr")]
pub mod summary;
#[cfg(feature = "ssr")]
pub mod tally;

pub use api::{LoadDashboard, load_dashboard};
pub use model::*;
pub use page::DashboardPage;
