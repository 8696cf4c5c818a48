//! (ssr) Signing in and out: throttling, password check, session start and end, audit.

use chrono::{DateTime, Utc};

use super::guard::Staff;
use super::{AuditAction, AuthError, password, token};
use crate::db::sessions;
use crate::db::staff::{self, Actor};
use crate::domain::access::home_path;
use crate::domain::session::minutes_to_wait;
use crate::state::AppState;

/// A started session: the cookie's token and the page to land on.
pub struct Started {
    pub token: String,
    pub home: String,
}

/// Checks the credentials and starts a session. Unknown names, wrong passwords and disabled accounts
/// get the same answer; each failure counts towards the account's and the address's limits.
pub async fn sign_in(
    state: &AppState,
    typed_username: &str,
    password_typed: &str,
    address: &str,
    user_agent: &str,
    now: DateTime<Utc>,
) -> Result<Started, AuthError> {
    let username: String = typed_username.trim().to_lowercase().chars().take(64).collect();
    let policy = state.auth.throttle;
    let (by_account, by_address) =
        sessions::failures_since(&state.db, &username, address, now - policy.window).await?;
    if let Some(wait) = policy.wait_for(&by_account, &by_address, now) {
        return Err(AuthError::TooManyAttempts { retry_after_minutes: minutes_to_wait(wait) });
    }
    let row = staff::find(&state.db, &username).await?;
    let stored = row.as_ref().map(|r| r.password_hash.clone());
    let matches = password::verify(password_typed.chars().take(256).collect(), stored).await;
    let row = match row {
        Some(row) if matches && !row.disabled => row,
        _ => {
            sessions::record_failure(&state.db, &username, address, now).await?;
            let actor = Actor { username: None, address };
            sessions::audit(&state.db, &actor, AuditAction::SignInFailed, Some(&username), now).await?;
            return Err(AuthError::BadCredentials);
        }
    };
    let token = token::new_token().map_err(|e| {
        tracing::error!(error = %e, "no randomness for a session token");
        AuthError::Internal
    })?;
    sessions::create(&state.db, &token::session_key(&token), &row.username, address, user_agent, now).await?;
    sessions::clear_failures(&state.db, &row.username).await?;
    staff::touch_sign_in(&state.db, &row.username, now).await?;
    let actor = Actor { username: Some(&row.username), address };
    sessions::audit(&state.db, &actor, AuditAction::SignIn, Some(&row.username), now).await?;
    let subject = crate::domain::access::Subject { user_id: row.username.clone(), roles: row.roles.clone() };
    let home = if row.must_change_password { "/account".to_owned() } else { home_path(&subject).to_owned() };
    Ok(Started { token, home })
}

/// Whether the session with `key` is still live and its account enabled, without noting a use: what
/// a long-lived stream asks now and then, so that signing out (anywhere) ends it.
pub async fn still_live(state: &AppState, key: &str, now: DateTime<Utc>) -> Result<bool, AuthError> {
    let Some(row) = sessions::find(&state.db, key).await? else {
        return Ok(false);
    };
    Ok(!row.disabled && state.auth.sessions.is_live(row.created_at, row.last_seen_at, now))
}

/// The person behind a session token, if the session is still live and the account enabled. Ends dead
/// sessions as it finds them and notes the session's use.
pub async fn resolve(state: &AppState, token: &str, now: DateTime<Utc>) -> Result<Option<Staff>, AuthError> {
    let key = token::session_key(token);
    let Some(row) = sessions::find(&state.db, &key).await? else {
        return Ok(None);
    };
    let policy = state.auth.sessions;
    if row.disabled || !policy.is_live(row.created_at, row.last_seen_at, now) {
        sessions::delete(&state.db, &key).await?;
        return Ok(None);
    }
    if policy.should_touch(row.last_seen_at, now) {
        sessions::touch(&state.db, &key, now).await?;
    }
    Ok(Some(Staff {
        username: row.username,
        display_name: row.display_name,
        roles: row.roles,
        must_change_password: row.must_change_password,
        session_key: key,
    }))
}
