//! The technician's outbox: every action taken on the tablet is queued here first (and kept in browser
//! storage) and sent in order when the network allows. Pure rules, no I/O: what is sent next, which
//! version each request expects, what an undo removes, and what a conflict with the office means.

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::TicketStatus;
use super::photo::PhotoStage;
use super::service::report::ReportInput;
use super::workflow::Step;

/// How long a tapped step waits before it is sent: the window in which "undo" takes it back.
pub const UNDO_WINDOW_MS: i64 = 6_000;

/// The most actions kept waiting; a full outbox refuses new ones rather than losing old ones.
pub const CAPACITY: usize = 200;

/// What an outbox entry asks the server to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Intent {
    /// A workflow step; `appointment` ("YYYY-MM-DD HH:MM") goes with scheduling.
    Step { step: Step, appointment: String },
    /// The service report as filled on site.
    Report { report: ReportInput },
    /// A photo of the fault or of the repair, already shrunk on the tablet: a `data:image/jpeg;base64,`
    /// URL (kept whole so that it survives in browser storage while offline).
    Photo { stage: PhotoStage, data_url: String },
}

/// Why an entry stopped and waits for the technician to decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// The office changed the job meanwhile: it is now in `status`, at `version`.
    Changed { status: TicketStatus, version: u64 },
    /// The job was given to someone else (or withdrawn) while the tablet was offline.
    NotYours,
    /// The server refused the action; `message_key` says why in the person's language.
    Refused { message_key: String },
}

/// One queued action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Unique; sent as the idempotency key, so a resend after a lost answer applies once.
    pub id: String,
    pub number: String,
    pub intent: Intent,
    /// The ticket version this action expects: the one the screen showed plus the actions before it.
    pub version: u64,
    /// The state the ticket is in when this action applies, and the state it moves to.
    pub from: TicketStatus,
    pub to: TicketStatus,
    /// When it was taken (milliseconds since the epoch, the tablet's clock).
    pub taken_ms: i64,
    /// Not sent before this time: the undo window.
    pub send_after_ms: i64,
    /// Set when the server's answer needs the technician's decision; later actions of the job wait.
    #[serde(default)]
    pub blocked: Option<Block>,
}

/// A new action before it is queued.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAction {
    pub id: String,
    pub number: String,
    pub intent: Intent,
    /// The ticket as the screen knows it from the server (before any queued action).
    pub server_version: u64,
    pub server_status: TicketStatus,
    /// The state the action moves the job to (the same state for a report).
    pub to: TicketStatus,
    pub now_ms: i64,
}

/// Why an action could not be queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueRefusal {
    /// [`CAPACITY`] actions are already waiting.
    Full,
    /// An earlier action of this job is blocked: the technician must settle it first.
    JobBlocked,
}

/// What to do after the server answered "conflict" and the ticket was read again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConflictOutcome {
    /// Only something else changed (a note, a field): resend the job's actions from this version.
    Rebase { version: u64 },
    /// The job moved on or away: stop and tell the technician.
    Stop(Block),
}

/// What the server last answered for a job: newer than the page may know when it has not re-read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Known {
    pub number: String,
    pub version: u64,
    pub status: TicketStatus,
}

/// How many jobs' last answers are remembered.
const KNOWN_JOBS: usize = 50;

/// The queue itself, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    pub entries: Vec<Entry>,
    /// The last answer per job, so that an action taken after the queue emptied expects the version
    /// the server reached, not the older one the page showed.
    #[serde(default)]
    pub known: Vec<Known>,
}

impl Outbox {
    /// The queued actions of one job, oldest first.
    pub fn of_job<'a>(&'a self, number: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries.iter().filter(move |e| e.number == number)
    }

    /// The job's state and version as last known: the page's copy (`server`), or the server's latest
    /// answer to this tablet when that is newer.
    pub fn latest(&self, number: &str, server: (TicketStatus, u64)) -> (TicketStatus, u64) {
        match self.known.iter().find(|k| k.number == number) {
            Some(k) if k.version > server.1 => (k.status, k.version),
            _ => server,
        }
    }

    /// The state the job will be in once its queued actions are applied (its latest state when none
    /// are). `server` is the page's copy of the job's state and version.
    pub fn projected_status(&self, number: &str, server: (TicketStatus, u64)) -> TicketStatus {
        self.of_job(number).last().map_or_else(|| self.latest(number, server).0, |e| e.to)
    }

    /// True when a report for the job waits in the queue.
    pub fn has_report(&self, number: &str) -> bool {
        self.of_job(number).any(|e| matches!(e.intent, Intent::Report { .. }))
    }

    /// The blocked entry of a job, if any.
    pub fn blocked(&self, number: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.number == number && e.blocked.is_some())
    }

    /// Queues an action behind the job's earlier ones: it expects the version and state they lead to.
    pub fn enqueue(&mut self, action: NewAction) -> Result<&Entry, QueueRefusal> {
        if self.entries.len() >= CAPACITY {
            return Err(QueueRefusal::Full);
        }
        if self.blocked(&action.number).is_some() {
            return Err(QueueRefusal::JobBlocked);
        }
        let (version, from) = match self.of_job(&action.number).last() {
            Some(previous) => (previous.version + 1, previous.to),
            None => {
                let (status, version) =
                    self.latest(&action.number, (action.server_status, action.server_version));
                (version, status)
            }
        };
        let delay = if matches!(action.intent, Intent::Step { .. }) { UNDO_WINDOW_MS } else { 0 };
        self.entries.push(Entry {
            id: action.id,
            number: action.number,
            intent: action.intent,
            version,
            from,
            to: action.to,
            taken_ms: action.now_ms,
            send_after_ms: action.now_ms + delay,
            blocked: None,
        });
        Ok(&self.entries[self.entries.len() - 1])
    }

    /// The job's last action while its undo window is open, removed; `None` when there is nothing to undo.
    pub fn undo(&mut self, number: &str, now_ms: i64) -> Option<Entry> {
        let index = self.entries.iter().rposition(|e| e.number == number)?;
        let entry = &self.entries[index];
        if entry.blocked.is_some() || now_ms >= entry.send_after_ms {
            return None;
        }
        Some(self.entries.remove(index))
    }

    /// The action to send now: the oldest that is the first of its job, not blocked, past its undo
    /// window. A job's actions go strictly one after another; different jobs do not wait for each other.
    pub fn next_ready(&self, now_ms: i64) -> Option<&Entry> {
        let mut seen: Vec<&str> = Vec::new();
        for entry in &self.entries {
            if seen.contains(&entry.number.as_str()) {
                continue;
            }
            seen.push(&entry.number);
            if entry.blocked.is_none() && now_ms >= entry.send_after_ms {
                return Some(entry);
            }
        }
        None
    }

    /// The server applied `id` and the ticket is now at `version`: drop it, and let the job's next
    /// actions expect the versions that follow.
    pub fn applied(&mut self, id: &str, version: u64) {
        let Some(index) = self.entries.iter().position(|e| e.id == id) else { return };
        let entry = self.entries.remove(index);
        self.known.retain(|k| k.number != entry.number);
        self.known.push(Known { number: entry.number.clone(), version, status: entry.to });
        if self.known.len() > KNOWN_JOBS {
            self.known.remove(0);
        }
        self.rechain(&entry.number, version);
    }

    /// Stops the job's queue at `id` for the technician to decide.
    pub fn block(&mut self, id: &str, reason: Block) {
        if let Some(entry) = self.entries.iter_mut().find(|e| e.id == id) {
            entry.blocked = Some(reason);
        }
    }

    /// Lets the job's queue go again from `version` (after a rebase, or when the technician retries).
    pub fn resume(&mut self, number: &str, version: u64) {
        for entry in self.entries.iter_mut().filter(|e| e.number == number) {
            entry.blocked = None;
        }
        self.rechain(number, version);
    }

    /// Removes every queued action of the job; returns how many there were. Only on the technician's word.
    pub fn discard(&mut self, number: &str) -> usize {
        let before = self.entries.len();
        self.entries.retain(|e| e.number != number);
        before - self.entries.len()
    }

    fn rechain(&mut self, number: &str, version: u64) {
        for (offset, entry) in self.entries.iter_mut().filter(|e| e.number == number).enumerate() {
            entry.version = version + offset as u64;
        }
    }
}

/// Decides what a conflict means, from the ticket as read again: when it is still the technician's and
/// still in the state the action starts from, only something unrelated changed and the action may go
/// on from the current version (the server checks the workflow again); otherwise the technician is told.
pub fn on_conflict(
    entry: &Entry,
    status: TicketStatus,
    version: u64,
    assignee: Option<&str>,
    me: &str,
) -> ConflictOutcome {
    if assignee != Some(me) {
        ConflictOutcome::Stop(Block::NotYours)
    } else if status == entry.from {
        ConflictOutcome::Rebase { version }
    } else {
        ConflictOutcome::Stop(Block::Changed { status, version })
    }
}
