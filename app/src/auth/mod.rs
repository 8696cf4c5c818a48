//! Staff accounts and access: signing in and out, sessions, the administrator's pages, the audit log.

pub mod admin_api;
mod admin_pages;
pub mod api;
#[cfg(feature = "ssr")]
pub mod bootstrap;
pub mod calendar_api;
mod error;
mod model;
pub(crate) mod pages;

#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod signin;
#[cfg(feature = "ssr")]
pub mod token;

pub use admin_api::*;
pub use admin_pages::{AuditPage, CalendarPage, UserEditPage, UserListPage, UserNewPage};
pub use api::*;
pub use calendar_api::*;
pub use error::AuthError;
pub use model::*;
pub use pages::{AccountPage, SignInPage, use_me};
