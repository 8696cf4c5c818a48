//! Afterdesk: the after-sales service desk. Shared models, domain rules, pages and server functions;
//! built for the server (`ssr`) and for the browser (`hydrate`).

#![recursion_limit = "256"]

pub mod app;
pub mod assets;
pub mod auth;
pub mod components;
pub mod dashboard;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod live;
pub mod parts;
pub mod service;
pub mod share;
pub mod tablet;
pub mod tickets;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod state;

pub use app::{App, shell};
