//! (ssr) What every request handler and server function shares.

use axum::extract::FromRef;
use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;
use leptos::prelude::LeptosOptions;

use crate::db::Db;
use crate::domain::session::{SessionPolicy, ThrottlePolicy};

/// Application state, provided to server functions as context and to axum handlers as state.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    /// The company's time zone: ticket numbers, dates and shown times follow it.
    pub tz: Tz,
    pub auth: AuthConfig,
    /// Days within which the same fault on the same unit counts as a repeat repair.
    pub repeat_window_days: u32,
    /// Fans committed ticket changes out to the open live streams.
    pub live: crate::live::hub::LiveHub,
    /// The dashboard's counts, kept current by the live query's follower.
    pub tally: crate::dashboard::tally::SharedTally,
    /// Request counters of the pages anyone may open without an account.
    pub public_limits: PublicLimits,
    /// Where files live (photos sent with tickets).
    pub data_dir: std::path::PathBuf,
}

/// Request counters per client address for the public pages (customer links).
#[derive(Clone)]
pub struct PublicLimits {
    link_lookups: std::sync::Arc<std::sync::Mutex<crate::domain::rate_limit::RateLimiter>>,
    customer_posts: std::sync::Arc<std::sync::Mutex<crate::domain::rate_limit::RateLimiter>>,
    fault_reports: std::sync::Arc<std::sync::Mutex<crate::domain::rate_limit::RateLimiter>>,
}

/// How many forms (quote answers, surveys, messages) one client address may send through customer
/// links per hour.
pub const CUSTOMER_POSTS_PER_HOUR: u32 = 20;

impl PublicLimits {
    /// Allows `per_minute` customer-link lookups and `reports_per_hour` fault reports per client
    /// address.
    pub fn new(per_minute: u32, reports_per_hour: u32) -> Self {
        use crate::domain::rate_limit::RateLimiter;
        let shared = |limiter| std::sync::Arc::new(std::sync::Mutex::new(limiter));
        PublicLimits {
            link_lookups: shared(RateLimiter::new(per_minute, chrono::Duration::minutes(1))),
            customer_posts: shared(RateLimiter::new(CUSTOMER_POSTS_PER_HOUR, chrono::Duration::hours(1))),
            fault_reports: shared(RateLimiter::new(reports_per_hour, chrono::Duration::hours(1))),
        }
    }

    /// Counts one fault report from `address`; `false` when it is one too many.
    pub fn allow_fault_report(&self, address: &str) -> bool {
        let mut limiter = self.fault_reports.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        limiter.allow(address, Utc::now())
    }

    /// Counts one form sent through a customer link from `address`; `false` when it is one too many.
    pub fn allow_customer_post(&self, address: &str) -> bool {
        let mut limiter = self.customer_posts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        limiter.allow(address, Utc::now())
    }

    /// Counts one customer-link lookup from `address`; `false` when it is one too many.
    pub fn allow_link_lookup(&self, address: &str) -> bool {
        let mut limiter = self.link_lookups.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        limiter.allow(address, Utc::now())
    }
}

/// How sessions and sign-ins behave.
#[derive(Clone, Debug, Default)]
pub struct AuthConfig {
    pub sessions: SessionPolicy,
    pub throttle: ThrottlePolicy,
    /// Mark the session cookie `Secure` (the site is served over HTTPS).
    pub secure_cookies: bool,
    /// Origins besides the request's own `Host` that may send state-changing requests (a reverse
    /// proxy's public address), e.g. `https://desk.example.com`.
    pub allowed_origins: Vec<String>,
}

impl AppState {
    /// Today's date in the company's time zone.
    pub fn today(&self) -> NaiveDate {
        Utc::now().with_timezone(&self.tz).date_naive()
    }

    /// The site's public origin for addresses printed or handed out (QR codes, customer links): the
    /// configured public origin, else the address the current request came to.
    pub fn public_origin(&self) -> String {
        self.auth.allowed_origins.first().cloned().unwrap_or_else(|| {
            let host = leptos::prelude::use_context::<http::request::Parts>()
                .and_then(|p| {
                    p.headers.get(http::header::HOST).and_then(|h| h.to_str().ok()).map(str::to_owned)
                })
                .unwrap_or_else(|| "localhost".into());
            let scheme = if self.auth.secure_cookies { "https" } else { "http" };
            format!("{scheme}://{host}")
        })
    }
}

/// The Content-Security-Policy nonce of one response: chosen by the server's request layer (which also
/// sends the header), handed to the page's inline scripts through [`provide_request_nonce`].
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// Makes the request's [`CspNonce`] the nonce Leptos puts on its inline scripts. Call it in the
/// context of every page render, after Leptos provided its own (this one replaces it).
pub fn provide_request_nonce() {
    use leptos::prelude::{provide_context, use_context};
    let nonce = use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(value)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(value));
    }
}
