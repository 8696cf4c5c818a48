use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::WorkCalendar;

/// One deadline on a ticket: a working-time budget that runs from `started`, stops at `stopped`, and
/// does not count while paused (waiting for the customer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaClock {
    pub budget: Duration,
    pub started: NaiveDateTime,
    /// Pause intervals in order; the last may still be open.
    pub pauses: Vec<(NaiveDateTime, Option<NaiveDateTime>)>,
    pub stopped: Option<NaiveDateTime>,
}

/// Where a clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    OnTrack,
    /// At least the risk share of the budget is used.
    AtRisk,
    Breached,
    /// Stopped within the budget.
    Met,
}

/// A clock read at a moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockReading {
    pub state: ClockState,
    pub used: Duration,
    /// Negative once breached.
    pub remaining: Duration,
    /// When the budget runs out if nothing pauses it; `None` while paused or stopped, and once breached.
    pub deadline: Option<NaiveDateTime>,
    pub paused: bool,
}

impl SlaClock {
    /// Reads the clock at `now`; `risk_share` is the used share of the budget from which it is at risk
    /// (0.8 by default).
    pub fn read(&self, calendar: &WorkCalendar, now: NaiveDateTime, risk_share: f64) -> ClockReading {
        let end = self.stopped.map_or(now, |s| s.min(now));
        let paused_time: Duration = self
            .pauses
            .iter()
            .map(|(from, to)| {
                let from = (*from).max(self.started);
                let to = to.unwrap_or(end).min(end);
                calendar.between(from, to)
            })
            .sum();
        let used = calendar.between(self.started, end) - paused_time;
        let remaining = self.budget - used;
        let paused = self.stopped.is_none() && self.pauses.last().is_some_and(|(_, to)| to.is_none());
        let running = self.stopped.is_none() && !paused;
        let budget_ms = self.budget.num_milliseconds().max(1) as f64;
        let state = if remaining < Duration::zero() {
            ClockState::Breached
        } else if self.stopped.is_some() {
            ClockState::Met
        } else if used.num_milliseconds() as f64 >= risk_share * budget_ms {
            ClockState::AtRisk
        } else {
            ClockState::OnTrack
        };
        let deadline =
            (running && remaining >= Duration::zero()).then(|| calendar.add(now, remaining)).flatten();
        ClockReading { state, used, remaining, deadline, paused }
    }

    /// The moment the budget ran out (company-local), if it has by `now`: what a breach event records.
    pub fn breached_at(&self, calendar: &WorkCalendar, now: NaiveDateTime) -> Option<NaiveDateTime> {
        let end = self.stopped.map_or(now, |s| s.min(now));
        let mut left = self.budget;
        let mut from = self.started;
        let mut segments = Vec::new();
        for (pause_start, pause_end) in &self.pauses {
            segments.push((from, (*pause_start).min(end)));
            match pause_end {
                Some(resume) => from = (*resume).max(from),
                None => {
                    from = end;
                    break;
                }
            }
        }
        segments.push((from, end));
        for (a, b) in segments.into_iter().filter(|(a, b)| a < b) {
            let worked = calendar.between(a, b);
            if worked > left {
                return calendar.add(a, left);
            }
            left -= worked;
        }
        None
    }
}
