//! (ssr) The live hub: stamps each change with a sequence number and fans it out to every open
//! stream. Writers never wait for readers: the fan-out is a bounded ring (`tokio::sync::broadcast`);
//! a reader that falls a full ring behind is told to re-fetch instead of slowing anyone down.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use tokio::sync::broadcast;

use super::TicketChange;

/// How many changes the hub keeps for streams that reconnect (`Last-Event-ID`) and how far a
/// stream may fall behind before it must re-fetch.
pub const DEFAULT_CAPACITY: usize = 4096;

/// What the hub carries.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// A ticket was created or changed.
    Ticket(TicketChange),
    /// The hub may have missed changes (its live query was restarted): every page re-fetches.
    Resync,
}

/// A payload and its place in this process's sequence.
#[derive(Debug, Clone, PartialEq)]
pub struct Stamped {
    pub seq: u64,
    pub payload: Payload,
}

/// Where a stream stands: this process's boot id and the last sequence number it delivered. It is
/// the SSE event id, so a browser that reconnects hands it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub boot: String,
    pub seq: u64,
}

impl Cursor {
    /// The SSE event id form, `<boot>-<seq>`.
    pub fn to_id(&self) -> String {
        format!("{}-{}", self.boot, self.seq)
    }

    /// Reads an SSE event id; `None` for anything else.
    pub fn parse(id: &str) -> Option<Self> {
        let (boot, seq) = id.rsplit_once('-')?;
        if boot.is_empty() || boot.len() > 32 || !boot.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        Some(Cursor { boot: boot.to_owned(), seq: seq.parse().ok()? })
    }
}

/// A new stream's start: what it missed since its cursor (if the hub still has all of it) and the
/// receiver of everything after.
pub struct Subscription {
    /// `None` when the stream must re-fetch: no cursor, another process's cursor, or older than
    /// the ring reaches.
    pub replay: Option<Vec<Arc<Stamped>>>,
    pub receiver: broadcast::Receiver<Arc<Stamped>>,
}

struct Ring {
    next_seq: u64,
    recent: VecDeque<Arc<Stamped>>,
}

/// The hub. Cheap to clone; every clone is the same hub.
#[derive(Clone)]
pub struct LiveHub {
    boot: Arc<str>,
    capacity: usize,
    sender: broadcast::Sender<Arc<Stamped>>,
    ring: Arc<Mutex<Ring>>,
    /// Set when the server stops: every stream ends, so a graceful shutdown does not wait forever.
    stopping: Arc<tokio::sync::watch::Sender<bool>>,
}

impl LiveHub {
    /// A hub keeping `capacity` changes; `boot` tells this process's event ids from another's.
    pub fn new(boot: &str, capacity: usize) -> Self {
        let capacity = capacity.max(1);
        let (sender, _) = broadcast::channel(capacity);
        let ring = Ring { next_seq: 1, recent: VecDeque::with_capacity(capacity) };
        let stopping = Arc::new(tokio::sync::watch::Sender::new(false));
        LiveHub { boot: boot.into(), capacity, sender, ring: Arc::new(Mutex::new(ring)), stopping }
    }

    /// How many streams are open on this hub now.
    pub fn subscribers(&self) -> usize {
        self.sender.receiver_count()
    }

    /// Ends every open stream (the server is stopping).
    pub fn shut_down(&self) {
        self.stopping.send_replace(true);
    }

    /// Becomes true when the server stops.
    pub fn stopping(&self) -> tokio::sync::watch::Receiver<bool> {
        self.stopping.subscribe()
    }

    /// A hub keeping `capacity` changes, with a boot id from the clock: for a server process.
    pub fn for_process(capacity: usize) -> Self {
        let boot = format!("{:x}{:x}", chrono::Utc::now().timestamp_millis(), std::process::id());
        Self::new(&boot, capacity)
    }

    /// This process's boot id.
    pub fn boot(&self) -> &str {
        &self.boot
    }

    /// Stamps `payload` and hands it to every stream. Never waits for a reader.
    pub fn publish(&self, payload: Payload) -> u64 {
        let mut ring = self.ring.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let stamped = Arc::new(Stamped { seq: ring.next_seq, payload });
        ring.next_seq += 1;
        if ring.recent.len() == self.capacity {
            ring.recent.pop_front();
        }
        ring.recent.push_back(stamped.clone());
        // Sent under the lock, so the ring and the channel agree on the order; an error only means
        // nobody listens.
        let _ = self.sender.send(stamped.clone());
        stamped.seq
    }

    /// Starts a stream that last saw `cursor`. The receiver is taken under the same lock as the
    /// replay, so nothing falls between the two and nothing comes twice.
    pub fn subscribe(&self, cursor: Option<&Cursor>) -> Subscription {
        let ring = self.ring.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let receiver = self.sender.subscribe();
        let replay = cursor.filter(|c| *c.boot == *self.boot).and_then(|c| {
            let last_published = ring.next_seq - 1;
            if c.seq > last_published {
                return None;
            }
            let oldest = ring.recent.front().map_or(ring.next_seq, |s| s.seq);
            // Everything after `c.seq` must still be in the ring.
            (c.seq + 1 >= oldest).then(|| ring.recent.iter().filter(|s| s.seq > c.seq).cloned().collect())
        });
        Subscription { replay, receiver }
    }

    /// The cursor of the newest change published so far.
    pub fn cursor(&self) -> Cursor {
        let ring = self.ring.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Cursor { boot: self.boot.to_string(), seq: ring.next_seq - 1 }
    }

    /// How many streams are open.
    pub fn streams(&self) -> usize {
        self.sender.receiver_count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hub: &LiveHub, seq: u64) -> Cursor {
        Cursor { boot: hub.boot().to_owned(), seq }
    }

    #[test]
    fn cursors_read_back_and_strangers_are_refused() {
        let cursor = Cursor { boot: "18c3f".into(), seq: 42 };
        assert_eq!(Cursor::parse(&cursor.to_id()), Some(cursor));
        for bad in ["", "-1", "abc", "abc-", "abc--1", "a b-1", "abc-1x"] {
            assert_eq!(Cursor::parse(bad), None, "{bad:?}");
        }
    }

    #[tokio::test]
    async fn a_returning_stream_gets_exactly_what_it_missed_then_the_rest_live() {
        let hub = LiveHub::new("boot1", 8);
        for _ in 0..5 {
            hub.publish(Payload::Resync);
        }
        let mut sub = hub.subscribe(Some(&at(&hub, 3)));
        let replayed: Vec<u64> = sub.replay.unwrap().iter().map(|s| s.seq).collect();
        assert_eq!(replayed, [4, 5]);
        hub.publish(Payload::Resync);
        assert_eq!(sub.receiver.recv().await.unwrap().seq, 6);
    }

    #[test]
    fn a_stream_must_re_fetch_when_the_ring_no_longer_reaches_back_or_the_cursor_is_foreign() {
        let hub = LiveHub::new("boot1", 4);
        for _ in 0..10 {
            hub.publish(Payload::Resync);
        }
        // The ring holds 7..=10: a stream at 6 missed nothing it cannot get; one at 5 missed 6.
        assert_eq!(hub.subscribe(Some(&at(&hub, 6))).replay.map(|r| r.len()), Some(4));
        assert!(hub.subscribe(Some(&at(&hub, 5))).replay.is_none());
        assert!(hub.subscribe(Some(&Cursor { boot: "other".into(), seq: 9 })).replay.is_none());
        assert!(hub.subscribe(Some(&at(&hub, 11))).replay.is_none(), "a cursor from the future");
        assert!(hub.subscribe(None).replay.is_none());
        assert_eq!(hub.subscribe(Some(&at(&hub, 10))).replay.map(|r| r.len()), Some(0));
    }

    #[tokio::test]
    async fn a_reader_a_full_ring_behind_is_told_so_and_the_writer_never_waits() {
        let hub = LiveHub::new("boot1", 4);
        let mut slow = hub.subscribe(None).receiver;
        for _ in 0..100 {
            hub.publish(Payload::Resync);
        }
        assert!(matches!(slow.recv().await, Err(broadcast::error::RecvError::Lagged(_))));
        assert_eq!(hub.cursor().seq, 100);
    }
}
