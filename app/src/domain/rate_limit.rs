//! A fixed-window request counter per client address: for public endpoints (customer links, the
//! fault report form) that anyone can call without an account.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

/// How many keys the limiter holds before it forgets the ones whose window has passed.
const PRUNE_ABOVE: usize = 10_000;

/// Counts requests per key within a window; time is passed in, so it is tested without waiting.
#[derive(Debug)]
pub struct RateLimiter {
    limit: u32,
    window: Duration,
    windows: HashMap<String, (DateTime<Utc>, u32)>,
}

impl RateLimiter {
    /// Allows `limit` requests per key within each `window`.
    pub fn new(limit: u32, window: Duration) -> Self {
        RateLimiter { limit, window, windows: HashMap::new() }
    }

    /// Counts one request from `key` at `now`; `false` when the key has used up its window.
    pub fn allow(&mut self, key: &str, now: DateTime<Utc>) -> bool {
        if self.windows.len() > PRUNE_ABOVE {
            let window = self.window;
            self.windows.retain(|_, (start, _)| now - *start < window);
        }
        let entry = self.windows.entry(key.to_owned()).or_insert((now, 0));
        if now - entry.0 >= self.window {
            *entry = (now, 0);
        }
        if entry.1 >= self.limit {
            return false;
        }
        entry.1 += 1;
        true
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_key_gets_its_limit_per_window_and_others_are_unaffected() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
        let mut limiter = RateLimiter::new(3, Duration::minutes(1));
        assert!((0..3).all(|_| limiter.allow("10.0.0.1", t0)));
        assert!(!limiter.allow("10.0.0.1", t0 + Duration::seconds(59)));
        assert!(limiter.allow("10.0.0.2", t0 + Duration::seconds(59)));
        assert!(limiter.allow("10.0.0.1", t0 + Duration::seconds(60)), "a new window");
    }

    #[test]
    fn passed_windows_are_forgotten_when_many_keys_are_held() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
        let mut limiter = RateLimiter::new(1, Duration::minutes(1));
        for i in 0..=PRUNE_ABOVE {
            limiter.allow(&i.to_string(), t0);
        }
        limiter.allow("late", t0 + Duration::minutes(2));
        assert_eq!(limiter.windows.len(), 1);
    }
}
