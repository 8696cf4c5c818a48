//! Building blocks shared by every feature's pages.

mod error_notice;
mod header;
mod not_found;

pub use error_notice::ErrorNotice;
pub use header::AppHeader;
pub use not_found::{NotFound, set_status};
