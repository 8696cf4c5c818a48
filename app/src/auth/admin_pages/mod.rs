//! The administrator's pages: staff accounts and the security audit log.

mod audit;
mod calendar;
mod edit;
mod form;
mod list;

pub use audit::AuditPage;
pub use calendar::CalendarPage;
pub use edit::UserEditPage;
pub use list::{UserListPage, UserNewPage};

/// A list of roles as one line in the current language.
fn role_names(i18n: crate::i18n::I18n, roles: &[crate::domain::Role]) -> String {
    roles.iter().map(|r| i18n.t(r.label_key())).collect::<Vec<_>>().join("、")
}
