//! Server functions of the administrator's pages: staff accounts and the audit log.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::{AuditEntry, AuthError, StaffAccount};
use crate::domain::account::UserInput;

#[cfg(feature = "ssr")]
mod ssr {
    pub use super::super::guard::{self, Staff};
    pub use super::super::{AuditAction, password};
    pub use crate::db::staff::{self as staff_db, Actor, Written};
    pub use crate::domain::access::Action;
    pub use crate::state::AppState;

    use super::AuthError;

    /// The administrator asking, and the app state.
    pub fn admin() -> Result<(Staff, AppState), AuthError> {
        let staff = guard::require(Action::ManageUsers)?;
        let state = leptos::prelude::use_context::<AppState>().ok_or(AuthError::Internal)?;
        Ok((staff, state))
    }

    /// Maps a guarded write's outcome to the answer.
    pub fn written(w: Written) -> Result<(), AuthError> {
        match w {
            Written::Done => Ok(()),
            Written::NotFound => Err(AuthError::NotFound),
            Written::Stale => Err(AuthError::Conflict),
            Written::Taken => Err(AuthError::field("username", "error.username_taken")),
        }
    }

    pub async fn hash(password: String) -> Result<String, AuthError> {
        password::hash(password).await.map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            AuthError::Internal
        })
    }
}

/// Every staff account, by user name.
#[server(prefix = "/api", endpoint = "admin/users/list", input = Json)]
pub async fn list_users() -> Result<Vec<StaffAccount>, AuthError> {
    let (_, state) = ssr::admin()?;
    let rows = crate::db::staff::list(&state.db).await?;
    Ok(rows.into_iter().map(|r| r.into_account(state.tz)).collect())
}

/// One staff account.
#[server(prefix = "/api", endpoint = "admin/users/get", input = Json)]
pub async fn get_user(username: String) -> Result<StaffAccount, AuthError> {
    let (_, state) = ssr::admin()?;
    let name: String = username.trim().to_lowercase().chars().take(64).collect();
    let row = crate::db::staff::find(&state.db, &name).await?.ok_or(AuthError::NotFound)?;
    Ok(row.into_account(state.tz))
}

/// Creates an account with an initial password the person must change at first sign-in.
#[server(prefix = "/api", endpoint = "admin/users/create", input = Json)]
pub async fn create_user(input: UserInput) -> Result<String, AuthError> {
    use ssr::*;
    let (admin, state) = admin()?;
    let user = input.validate(true).map_err(|fields| AuthError::Invalid { fields })?;
    let hash = hash(input.password).await?;
    let address = guard::client_address();
    let actor = Actor { username: Some(&admin.username), address: &address };
    written(staff_db::create(&state.db, &user, &hash, true, chrono::Utc::now(), &actor).await?)?;
    tracing::info!(username = %user.username, by = %admin.username, "account created");
    Ok(user.username.to_string())
}

/// Changes an account's name, roles and areas, if it is still at `version`.
#[server(prefix = "/api", endpoint = "admin/users/update", input = Json)]
pub async fn update_user(username: String, input: UserInput, version: u64) -> Result<(), AuthError> {
    use ssr::*;
    let (admin, state) = admin()?;
    let user = UserInput { username: username.clone(), ..input }
        .validate(false)
        .map_err(|fields| AuthError::Invalid { fields })?;
    let name = user.username.as_str();
    let current = staff_db::find(&state.db, name).await?.ok_or(AuthError::NotFound)?;
    if name == admin.username && !user.roles.contains(&crate::domain::Role::Admin) {
        // Nobody locks themselves out of administration by accident.
        return Err(AuthError::field("roles", "error.cannot_remove_own_admin"));
    }
    let address = guard::client_address();
    let actor = Actor { username: Some(&admin.username), address: &address };
    let now = chrono::Utc::now();
    written(staff_db::update(&state.db, name, &user, version, now, &actor, &current.roles).await?)
}

/// Disables (ending every session at once) or re-enables an account at `version`.
#[server(prefix = "/api", endpoint = "admin/users/set_disabled", input = Json)]
pub async fn set_user_disabled(username: String, disabled: bool, version: u64) -> Result<(), AuthError> {
    use ssr::*;
    let (admin, state) = admin()?;
    let name: String = username.trim().to_lowercase().chars().take(64).collect();
    if disabled && name == admin.username {
        return Err(AuthError::field("disabled", "error.cannot_disable_self"));
    }
    let address = guard::client_address();
    let actor = Actor { username: Some(&admin.username), address: &address };
    let now = chrono::Utc::now();
    written(staff_db::set_disabled(&state.db, &name, disabled, version, now, &actor).await?)
}

/// Sets a temporary password that must be changed at next sign-in; ends the account's sessions.
#[server(prefix = "/api", endpoint = "admin/users/reset_password", input = Json)]
pub async fn reset_password(username: String, password: String) -> Result<(), AuthError> {
    use ssr::*;
    let (admin, state) = admin()?;
    let name: String = username.trim().to_lowercase().chars().take(64).collect();
    crate::domain::account::check_password(&password, &name)
        .map_err(|code| AuthError::field("password", code))?;
    let hash = hash(password).await?;
    let address = guard::client_address();
    let actor = Actor { username: Some(&admin.username), address: &address };
    let now = chrono::Utc::now();
    let w =
        staff_db::set_password(&state.db, &name, &hash, true, None, now, &actor, AuditAction::PasswordReset);
    written(w.await?)
}

/// The newest entries of the security audit log.
#[server(prefix = "/api", endpoint = "admin/audit", input = Json)]
pub async fn list_audit() -> Result<Vec<AuditEntry>, AuthError> {
    ssr::guard::require(crate::domain::access::Action::ViewAudit)?;
    let state = leptos::prelude::use_context::<crate::state::AppState>().ok_or(AuthError::Internal)?;
    Ok(crate::db::sessions::audit_log(&state.db, 200, state.tz).await?)
}
