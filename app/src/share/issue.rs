//! (ssr) Issuing a customer link: a fresh token, of which only the hash is stored.

use chrono::{DateTime, Utc};

use super::ShareError;
use crate::db::share::{LinkActor, LinkWritten, NewLink};
use crate::state::AppState;

/// A link just stored: its token (to hand out once, never kept) and when it expires.
pub struct Issued {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// Stores a new link to ticket `number` lasting `days`, in `by`'s name.
pub async fn issue(
    state: &AppState,
    number: &str,
    days: u32,
    by: &LinkActor<'_>,
) -> Result<Issued, ShareError> {
    let token = crate::auth::token::new_token().map_err(|e| {
        tracing::error!(error = %e, "no randomness for a customer link");
        ShareError::Internal
    })?;
    let hash = crate::auth::token::session_key(&token);
    // The name staff revoke the link by: random too, so it tells nothing about the token.
    let key = crate::auth::token::session_key(&crate::auth::token::new_nonce())[..16].to_owned();
    let expires_at = by.now + chrono::Duration::days(i64::from(days));
    let link = NewLink { number, hash: &hash, key: &key, expires_at };
    match crate::db::share::create(&state.db, &link, by).await? {
        LinkWritten::Done => Ok(Issued { token, expires_at }),
        LinkWritten::Missing => Err(ShareError::NotFound),
    }
}
