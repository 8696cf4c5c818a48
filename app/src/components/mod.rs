//! Building blocks shared by every feature's pages.

mod action_link;
mod error_notice;
pub mod form;
mod header;
mod not_found;

pub use action_link::ActionLink;
pub use error_notice::ErrorNotice;
pub use header::AppHeader;
pub use not_found::{Forbidden, NotFound, set_status};
