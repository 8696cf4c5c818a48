//! The outbox in the page: queue an action, undo it, and send the queue in order whenever the
//! network answers. Provided once for the whole app so it keeps sending while the technician moves
//! between pages. The rules (order, versions, undo, conflicts) are `domain::outbox`'s.

use leptos::prelude::*;

use crate::domain::outbox::{self, Block, ConflictOutcome, Entry, Intent, NewAction, Outbox, QueueRefusal};
use crate::error::TicketError;

/// How often the queue is looked at (and the undo countdown ticks).
#[cfg(feature = "hydrate")]
const TICK_MS: u32 = 1_000;
/// After a network failure, how long before the next try.
const RETRY_MS: i64 = 4_000;

/// The outbox and what the pages show about it.
#[derive(Clone, Copy)]
pub struct OutboxHandle {
    pub queue: RwSignal<Outbox>,
    /// False while the last attempt could not reach the server.
    pub reachable: RwSignal<bool>,
    /// False when the browser refused to save the queue (storage full or disabled).
    pub saved: RwSignal<bool>,
    /// The tablet's clock, ticking every second (milliseconds since the epoch).
    pub now_ms: RwSignal<i64>,
    /// Counts applied actions: pages read their job again when it changes.
    pub applied: RwSignal<u32>,
    /// The id of the action being sent right now.
    pub sending: RwSignal<Option<String>>,
    user: RwSignal<Option<String>>,
    retry_after_ms: RwSignal<i64>,
}

/// Makes the outbox available to every page. Call once, in the app's root.
pub fn provide_outbox() {
    provide_context(OutboxHandle {
        queue: RwSignal::new(Outbox::default()),
        reachable: RwSignal::new(true),
        saved: RwSignal::new(true),
        now_ms: RwSignal::new(0),
        applied: RwSignal::new(0),
        sending: RwSignal::new(None),
        user: RwSignal::new(None),
        retry_after_ms: RwSignal::new(0),
    });
}

/// The outbox provided by [`provide_outbox`].
pub fn use_outbox() -> OutboxHandle {
    use_context::<OutboxHandle>().unwrap_or_else(|| {
        provide_outbox();
        expect_context::<OutboxHandle>()
    })
}

/// Milliseconds since the epoch on the tablet's clock (0 on the server, which never queues).
pub fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0
    }
}

/// The tablet's local time of day at `ms` ("HH:MM:SS"), as the technician's clock shows it.
pub fn clock_time(ms: i64) -> String {
    #[cfg(feature = "hydrate")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
        format!("{:02}:{:02}:{:02}", d.get_hours(), d.get_minutes(), d.get_seconds())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ms;
        String::new()
    }
}

/// A fresh idempotency key: time and randomness, 8 to 64 of the characters the server accepts.
pub fn new_key() -> String {
    #[cfg(feature = "hydrate")]
    let noise = (js_sys::Math::random() * 1e12) as u64;
    #[cfg(not(feature = "hydrate"))]
    let noise = 0u64;
    format!("tab-{}-{noise:x}", now_ms())
}

impl OutboxHandle {
    /// Loads the person's saved queue (once per person) and starts sending. Call from an effect of
    /// every tablet page once the person is known.
    pub fn attach(&self, user: &str) {
        if self.user.get_untracked().as_deref() == Some(user) {
            return;
        }
        let first = self.user.get_untracked().is_none();
        self.user.set(Some(user.to_owned()));
        self.queue.set(super::storage::load_outbox(user));
        if first {
            self.start();
        }
    }

    /// Queues an action; it is saved before this returns.
    pub fn push(&self, action: NewAction) -> Result<(), QueueRefusal> {
        let mut result = Ok(());
        self.queue.update(|q| result = q.enqueue(action).map(|_| ()));
        self.persist();
        self.now_ms.set(now_ms());
        result
    }

    /// Takes back the job's last action if its undo window is still open.
    pub fn undo(&self, number: &str) -> Option<Entry> {
        let mut taken = None;
        self.queue.update(|q| taken = q.undo(number, now_ms()));
        self.persist();
        taken
    }

    /// Drops the job's queued actions, on the technician's word.
    pub fn discard(&self, number: &str) {
        self.queue.update(|q| {
            q.discard(number);
        });
        self.persist();
    }

    /// Sends the job's blocked actions again, expecting `version`.
    pub fn retry(&self, number: &str, version: u64) {
        self.queue.update(|q| q.resume(number, version));
        self.persist();
        self.retry_after_ms.set(0);
    }

    fn persist(&self) {
        if let Some(user) = self.user.get_untracked() {
            let ok = self.queue.with_untracked(|q| super::storage::save_outbox(&user, q));
            self.saved.set(ok);
        }
    }

    fn start(&self) {
        // Compiled for the server too (it shares the types), but only ever run in the browser.
        #[cfg(not(feature = "hydrate"))]
        let _ = Self::send_next;
        #[cfg(feature = "hydrate")]
        {
            let this = *self;
            self.watch_connection();
            leptos::task::spawn_local(async move {
                loop {
                    this.now_ms.set(now_ms());
                    this.send_next().await;
                    gloo_timers::future::TimeoutFuture::new(TICK_MS).await;
                }
            });
        }
    }

    /// Follows the browser's word on the connection: offline, nothing is tried; back online, the queue
    /// goes at once instead of after the retry pause.
    #[cfg(feature = "hydrate")]
    fn watch_connection(&self) {
        use wasm_bindgen::JsCast;
        use wasm_bindgen::closure::Closure;
        let Some(window) = web_sys::window() else { return };
        self.reachable.set(window.navigator().on_line());
        let this = *self;
        let online = Closure::<dyn Fn()>::new(move || {
            this.reachable.set(true);
            this.retry_after_ms.set(0);
        });
        let offline = Closure::<dyn Fn()>::new(move || this.reachable.set(false));
        let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        let _ = window.add_event_listener_with_callback("offline", offline.as_ref().unchecked_ref());
        // The app's root owns the outbox for the page's whole life: the listeners stay with it.
        online.forget();
        offline.forget();
    }

    /// Sends the next ready action, if any, and applies the answer to the queue.
    async fn send_next(&self) {
        let now = now_ms();
        if now < self.retry_after_ms.get_untracked() || !browser_online() {
            return;
        }
        let Some(entry) = self.queue.with_untracked(|q| q.next_ready(now).cloned()) else { return };
        let Some(me) = self.user.get_untracked() else { return };
        self.sending.set(Some(entry.id.clone()));
        let answer = send(&entry).await;
        self.sending.set(None);
        match answer {
            Ok(version) => {
                self.queue.update(|q| q.applied(&entry.id, version));
                self.reachable.set(true);
                self.applied.update(|n| *n += 1);
            }
            Err(TicketError::Network { .. } | TicketError::Unavailable) => {
                self.reachable.set(false);
                self.retry_after_ms.set(now + RETRY_MS);
            }
            Err(TicketError::Conflict { .. }) => {
                self.reachable.set(true);
                match super::open_job(entry.number.clone()).await {
                    Ok(view) => {
                        let t = &view.detail.ticket;
                        match outbox::on_conflict(&entry, t.status, t.version, t.assignee.as_deref(), &me) {
                            ConflictOutcome::Rebase { version } => {
                                self.queue.update(|q| q.resume(&entry.number, version))
                            }
                            ConflictOutcome::Stop(block) => self.queue.update(|q| q.block(&entry.id, block)),
                        }
                    }
                    Err(TicketError::Network { .. } | TicketError::Unavailable) => {
                        self.reachable.set(false);
                        self.retry_after_ms.set(now + RETRY_MS);
                    }
                    Err(_) => self.queue.update(|q| q.block(&entry.id, Block::NotYours)),
                }
            }
            Err(TicketError::Forbidden | TicketError::NotFound { .. }) => {
                self.reachable.set(true);
                self.queue.update(|q| q.block(&entry.id, Block::NotYours));
            }
            Err(other) => {
                self.reachable.set(true);
                let message_key = refusal_key(&other);
                self.queue.update(|q| q.block(&entry.id, Block::Refused { message_key }));
            }
        }
        self.persist();
    }
}

/// False when the browser knows it has no connection (true may still fail: then the send says so).
fn browser_online() -> bool {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window().is_none_or(|w| w.navigator().on_line())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        true
    }
}

/// The words for a refusal: the workflow's own reason when there is one.
fn refusal_key(error: &TicketError) -> String {
    match error {
        TicketError::Refused { refusal } => refusal.message_key().to_owned(),
        TicketError::Invalid { fields } => {
            fields.first().map_or_else(|| error.kind().message_key().to_owned(), |f| f.code.clone())
        }
        other => other.kind().message_key().to_owned(),
    }
}

/// Sends one action; answers the ticket's version after it.
async fn send(entry: &Entry) -> Result<u64, TicketError> {
    match &entry.intent {
        Intent::Step { step, appointment } => {
            let wire = serde_json::to_value(step).ok().and_then(|v| v.as_str().map(str::to_owned));
            let request = crate::tickets::StepRequest {
                number: entry.number.clone(),
                step: wire.unwrap_or_default(),
                version: entry.version,
                idempotency_key: entry.id.clone(),
                appointment: appointment.clone(),
                ..Default::default()
            };
            crate::tickets::take_step(request).await.map(|done| done.version)
        }
        Intent::Report { report } => {
            let request = crate::service::ReportRequest {
                target: crate::service::RecordTarget {
                    number: entry.number.clone(),
                    version: entry.version,
                    idempotency_key: entry.id.clone(),
                },
                report: report.clone(),
            };
            crate::service::file_report(request).await.map(|done| done.version)
        }
        Intent::Photo { stage, data_url } => super::photo_client::send(entry, *stage, data_url).await,
    }
}
