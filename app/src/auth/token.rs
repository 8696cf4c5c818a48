//! (ssr) Session tokens and the session cookie.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::TryRngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};

/// The cookie that carries the session token.
pub const COOKIE: &str = "afterdesk_session";

/// A new unguessable token (256 random bits) for the cookie.
pub fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    OsRng.try_fill_bytes(&mut bytes).map_err(|e| e.to_string())?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// A fresh nonce for one response's Content-Security-Policy (128 random bits).
pub fn new_nonce() -> String {
    let mut bytes = [0u8; 16];
    // Without randomness the page still works: a fixed nonce only weakens the CSP.
    let _ = OsRng.try_fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The key a session is stored under: the token's SHA-256, hex.
pub fn session_key(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The `Set-Cookie` value that hands `token` to the browser for `max_age_secs`.
pub fn set_cookie(token: &str, max_age_secs: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(secure: bool) -> String {
    set_cookie("", 0, secure)
}

/// The session token in a `Cookie` header, if any.
pub fn from_cookie_header(header: &str) -> Option<&str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim())
        .filter(|v| !v.is_empty() && v.len() <= 64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_stored_only_as_hashes() {
        let a = new_token().unwrap();
        assert_eq!(a.len(), 43);
        assert_ne!(a, new_token().unwrap());
        assert_eq!(session_key(&a).len(), 64);
        assert_ne!(session_key(&a), a);
    }

    #[test]
    fn the_cookie_is_http_only_and_same_site() {
        let c = set_cookie("abc", 60, true);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.ends_with("; Secure"));
        assert!(!set_cookie("abc", 60, false).contains("Secure"));
    }

    #[test]
    fn the_token_is_found_among_other_cookies() {
        assert_eq!(from_cookie_header("afterdesk_lang=en; afterdesk_session=tok"), Some("tok"));
        assert_eq!(from_cookie_header("afterdesk_lang=en"), None);
        assert_eq!(from_cookie_header("afterdesk_session="), None);
    }
}
