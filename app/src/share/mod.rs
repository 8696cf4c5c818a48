//! Shared links: a ticket's stable internal address (with a copy button) and customer links — a
//! random token per link, stored only as its hash, scoped to one ticket, with expiry and revocation —
//! that open a redacted, live page of the ticket without an account.

mod api;
mod error;
mod model;
mod panel;

#[cfg(feature = "ssr")]
pub mod customer_actions;
#[cfg(feature = "ssr")]
mod customer_forms;
#[cfg(feature = "ssr")]
pub mod customer_live;
#[cfg(feature = "ssr")]
pub mod customer_page;
#[cfg(feature = "ssr")]
pub mod customer_photos;
#[cfg(feature = "ssr")]
mod customer_view;
#[cfg(feature = "ssr")]
pub mod fault_report;
#[cfg(feature = "ssr")]
mod fault_report_view;
#[cfg(feature = "ssr")]
pub mod issue;

pub use api::{
    CreateShareLink, RevokeShareLink, ShareLinks, create_share_link, revoke_share_link, share_links,
};
pub use error::ShareError;
pub use model::{
    CUSTOMER_MESSAGE, CUSTOMER_PHOTO, CustomerQuote, CustomerSurvey, CustomerTicket, NewShareLink, ShareLink,
};
pub use panel::{FreshLink, SharePanel};
