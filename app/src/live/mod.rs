//! Live updates: ticket changes pushed to open pages over Server-Sent Events.
//!
//! The server holds one SurrealDB live query on `ticket` ([`source`]), stamps each change with a
//! sequence number in the [`hub`] and fans it out to the SSE connections ([`sse`]); each connection
//! forwards only what its person may see on its topic ([`rules`]). The browser side ([`use_live`])
//! opens an `EventSource` after hydration and tells the page when to patch or re-fetch.

mod client;
mod indicator;
mod model;
pub mod rules;

#[cfg(feature = "ssr")]
pub mod hub;
#[cfg(feature = "ssr")]
mod reorder;
#[cfg(feature = "ssr")]
pub mod source;
#[cfg(feature = "ssr")]
pub mod sse;

pub use client::{LiveHandlers, LiveStatus, follow, page_has_open_form, use_live};
pub use indicator::LiveIndicator;
pub use model::{Hello, TicketChange, Topic};
