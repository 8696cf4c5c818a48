//! Session lifetimes and sign-in throttling, as pure functions of time.

use chrono::{DateTime, Duration, Utc};

/// How long a session lives: it ends after `idle` without a request, and after `absolute` whatever
/// happens (a stolen cookie does not live forever).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    pub idle: Duration,
    pub absolute: Duration,
}

impl Default for SessionPolicy {
    /// Two idle hours; one working day and a bit (12 hours) at most.
    fn default() -> Self {
        Self { idle: Duration::hours(2), absolute: Duration::hours(12) }
    }
}

impl SessionPolicy {
    /// Whether a session created at `created` and last used at `last_seen` still holds at `now`.
    pub fn is_live(&self, created: DateTime<Utc>, last_seen: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now < created + self.absolute && now < last_seen + self.idle && created <= now + Duration::minutes(5)
    }

    /// Whether to record `now` as the session's last use. Writing on every request would turn each page
    /// view into a database write; a minute's precision is plenty against a two-hour idle limit.
    pub fn should_touch(&self, last_seen: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now - last_seen >= Duration::minutes(1)
    }
}

/// Limits on failed sign-ins within a sliding `window`: per account name (whether or not it exists) and
/// per client address (one machine trying many names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    pub window: Duration,
    pub per_account: usize,
    pub per_address: usize,
}

impl Default for ThrottlePolicy {
    /// Five wrong passwords for one account, or thirty from one address, in fifteen minutes.
    fn default() -> Self {
        Self { window: Duration::minutes(15), per_account: 5, per_address: 30 }
    }
}

impl ThrottlePolicy {
    /// When `failures` (their times, any order) within the window reach `limit`, the wait until the oldest
    /// of the counted ones leaves the window; `None` when another attempt is allowed now.
    pub fn wait(&self, failures: &[DateTime<Utc>], limit: usize, now: DateTime<Utc>) -> Option<Duration> {
        let mut recent: Vec<DateTime<Utc>> =
            failures.iter().copied().filter(|t| *t > now - self.window && *t <= now).collect();
        if limit == 0 || recent.len() < limit {
            return None;
        }
        recent.sort_unstable_by(|a, b| b.cmp(a));
        // The attempt becomes possible again when fewer than `limit` failures remain in the window.
        let unlocking = recent[limit - 1];
        Some(unlocking + self.window - now)
    }

    /// The wait before the next attempt for this account and address, the longer of the two.
    pub fn wait_for(
        &self,
        account_failures: &[DateTime<Utc>],
        address_failures: &[DateTime<Utc>],
        now: DateTime<Utc>,
    ) -> Option<Duration> {
        let a = self.wait(account_failures, self.per_account, now);
        let b = self.wait(address_failures, self.per_address, now);
        a.max(b)
    }
}

/// Whole minutes to tell a person to wait, rounded up and at least one.
pub fn minutes_to_wait(wait: Duration) -> i64 {
    ((wait.num_seconds() + 59) / 60).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap() + Duration::minutes(minute)
    }

    #[test]
    fn sessions_end_when_idle_or_too_old() {
        let p = SessionPolicy::default();
        assert!(p.is_live(at(0), at(0), at(119)));
        assert!(!p.is_live(at(0), at(0), at(120)));
        assert!(p.is_live(at(0), at(600), at(700)));
        assert!(!p.is_live(at(0), at(700), at(720)), "absolute limit wins over activity");
    }

    #[test]
    fn last_use_is_written_at_most_once_a_minute() {
        let p = SessionPolicy::default();
        assert!(!p.should_touch(at(0), at(0) + Duration::seconds(59)));
        assert!(p.should_touch(at(0), at(1)));
    }

    #[test]
    fn the_fifth_failure_locks_until_the_first_leaves_the_window() {
        let p = ThrottlePolicy::default();
        let failures: Vec<_> = (0..4).map(at).collect();
        assert_eq!(p.wait(&failures, 5, at(4)), None);
        let failures: Vec<_> = (0..5).map(at).collect();
        assert_eq!(p.wait(&failures, 5, at(5)), Some(Duration::minutes(10)));
        assert_eq!(p.wait(&failures, 5, at(15)), None, "the first failure has left the window");
    }

    #[test]
    fn old_failures_do_not_count() {
        let p = ThrottlePolicy::default();
        let failures: Vec<_> = [-40, -30, -20, -16, 0].into_iter().map(at).collect();
        assert_eq!(p.wait(&failures, 5, at(1)), None);
    }

    #[test]
    fn the_longer_of_account_and_address_waits_applies() {
        let p = ThrottlePolicy { per_address: 2, ..Default::default() };
        let address = vec![at(0), at(10)];
        assert_eq!(p.wait_for(&[], &address, at(11)), Some(Duration::minutes(4)));
        assert_eq!(minutes_to_wait(Duration::seconds(61)), 2);
        assert_eq!(minutes_to_wait(Duration::seconds(1)), 1);
    }
}
