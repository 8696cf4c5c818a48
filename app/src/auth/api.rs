//! Server functions for signing in and out and for one's own account.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::{AuthError, Me, SignedIn};

#[cfg(feature = "ssr")]
mod ssr {
    pub use super::super::guard;
    pub use super::super::{AuditAction, token};
    pub use crate::db::sessions;
    pub use crate::db::staff::{self as staff_db, Actor, Written};
    pub use crate::state::AppState;
    pub use leptos::prelude::use_context;

    use super::AuthError;

    pub fn state() -> Result<AppState, AuthError> {
        use_context::<AppState>().ok_or(AuthError::Internal)
    }

    /// Sets (or with `None` clears) the session cookie on this response.
    pub fn set_session_cookie(state: &AppState, token: Option<&str>) {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            let secure = state.auth.secure_cookies;
            let value = match token {
                Some(t) => token::set_cookie(t, state.auth.sessions.absolute.num_seconds(), secure),
                None => token::clear_cookie(secure),
            };
            if let Ok(v) = http::HeaderValue::from_str(&value) {
                response.append_header(http::header::SET_COOKIE, v);
            }
        }
    }
}

/// Signs in with user name and password; sets the session cookie and answers where to go. Takes a plain
/// form post, so the sign-in form works before the page's script has loaded.
#[server(prefix = "/api", endpoint = "auth/sign_in")]
pub async fn sign_in(username: String, password: String) -> Result<SignedIn, AuthError> {
    use ssr::*;
    let state = state()?;
    let address = guard::client_address();
    let started = super::signin::sign_in(
        &state,
        &username,
        &password,
        &address,
        &guard::user_agent(),
        chrono::Utc::now(),
    )
    .await?;
    set_session_cookie(&state, Some(&started.token));
    if guard::accepts_html() {
        // The browser posted the form itself (no script yet): send it on to the home page.
        leptos_axum::redirect(&started.home);
    }
    Ok(SignedIn { home: started.home })
}

/// The signed-in person, or `None`: every page asks this to show the right navigation.
#[server(prefix = "/api", endpoint = "auth/me", input = Json)]
pub async fn current_user() -> Result<Option<Me>, AuthError> {
    Ok(ssr::guard::current()?.map(|s| s.me()))
}

/// Ends this browser's session.
#[server(prefix = "/api", endpoint = "auth/sign_out", input = Json)]
pub async fn sign_out() -> Result<(), AuthError> {
    use ssr::*;
    let state = state()?;
    let staff = guard::current()?.ok_or(AuthError::Unauthenticated)?;
    sessions::delete(&state.db, &staff.session_key).await?;
    let actor = Actor { username: Some(&staff.username), address: &guard::client_address() };
    sessions::audit(&state.db, &actor, AuditAction::SignOut, Some(&staff.username), chrono::Utc::now())
        .await?;
    set_session_cookie(&state, None);
    Ok(())
}

/// Ends every session of the signed-in person, on every device.
#[server(prefix = "/api", endpoint = "auth/sign_out_everywhere", input = Json)]
pub async fn sign_out_everywhere() -> Result<(), AuthError> {
    use ssr::*;
    let state = state()?;
    let staff = guard::current()?.ok_or(AuthError::Unauthenticated)?;
    sessions::delete_all(&state.db, &staff.username).await?;
    let actor = Actor { username: Some(&staff.username), address: &guard::client_address() };
    let now = chrono::Utc::now();
    sessions::audit(&state.db, &actor, AuditAction::SignOutEverywhere, Some(&staff.username), now).await?;
    set_session_cookie(&state, None);
    Ok(())
}

/// Changes the signed-in person's password; their other sessions end.
#[server(prefix = "/api", endpoint = "auth/change_password", input = Json)]
pub async fn change_password(current: String, new: String) -> Result<SignedIn, AuthError> {
    use ssr::*;
    let state = state()?;
    let staff = guard::current()?.ok_or(AuthError::Unauthenticated)?;
    let row = staff_db::find(&state.db, &staff.username).await?.ok_or(AuthError::Unauthenticated)?;
    if !super::password::verify(current, Some(row.password_hash)).await {
        return Err(AuthError::field("current", "error.wrong_password"));
    }
    crate::domain::account::check_password(&new, &staff.username)
        .map_err(|code| AuthError::field("new", code))?;
    let hash = super::password::hash(new).await.map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AuthError::Internal
    })?;
    let address = guard::client_address();
    let actor = Actor { username: Some(&staff.username), address: &address };
    let written = staff_db::set_password(
        &state.db,
        &staff.username,
        &hash,
        false,
        Some(&staff.session_key),
        chrono::Utc::now(),
        &actor,
        AuditAction::PasswordChanged,
    )
    .await?;
    match written {
        Written::Done => {
            let subject = crate::domain::access::Subject { user_id: staff.username, roles: staff.roles };
            Ok(SignedIn { home: crate::domain::access::home_path(&subject).to_owned() })
        }
        Written::Stale => Err(AuthError::Conflict),
        Written::NotFound | Written::Taken => Err(AuthError::Unauthenticated),
    }
}
