//! The browser side of a live stream: an `EventSource` opened after hydration (never during SSR, so
//! the server's HTML and the hydrated page stay identical), reconnected with backoff, resumed from
//! the last event id.

use leptos::prelude::*;

use super::{TicketChange, Topic};

/// Where a page's live stream stands, for [`super::LiveIndicator`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveStatus {
    /// Opening (and the state of every page as the server renders it).
    Connecting,
    /// Open: changes arrive as they are committed.
    Live,
    /// Lost; trying again after a pause.
    Reconnecting,
    /// The browser says it has no network; trying again when it has.
    Offline,
    /// Ended for good: the person may no longer see what the page shows.
    Closed,
    /// Ended for good: the session is over (signed out on some device, disabled, timed out).
    SignedOut,
}

impl LiveStatus {
    /// The translation key of the indicator's words.
    pub fn label_key(self) -> &'static str {
        match self {
            LiveStatus::Connecting => "live.connecting",
            LiveStatus::Live => "live.live",
            LiveStatus::Reconnecting => "live.reconnecting",
            LiveStatus::Offline => "live.offline",
            LiveStatus::Closed => "live.closed",
            LiveStatus::SignedOut => "live.signed_out",
        }
    }
}

type Callback<T> = Box<dyn Fn(T)>;

/// What a page does with its stream's messages (called in the browser only).
pub struct LiveHandlers {
    /// A ticket changed; the page patches what it shows, or re-fetches if it cannot.
    pub on_change: Callback<TicketChange>,
    /// The page's data may be stale (first connection, a gap, a lagging stream): re-fetch it —
    /// unless the page shows the ticket version given (a ticket page's first connection).
    pub on_resync: Callback<Option<u64>>,
    /// A ticket the page showed is no longer this person's to see: drop it (a ticket page
    /// re-fetches and shows why).
    pub on_removed: Callback<String>,
}

impl LiveHandlers {
    /// Handlers for a page that re-fetches on any news; a burst of news makes one re-fetch.
    pub fn refetch(refetch: impl Fn() + 'static) -> Self {
        let refetch = coalesce(refetch);
        let (a, b, c) = (refetch.clone(), refetch.clone(), refetch);
        LiveHandlers {
            on_change: Box::new(move |_| a()),
            on_resync: Box::new(move |_| b()),
            on_removed: Box::new(move |_| c()),
        }
    }
}

/// How long a page waits for more news before it re-fetches.
#[cfg(feature = "hydrate")]
const COALESCE_MS: u32 = 100;

/// `f`, called once `COALESCE_MS` after the first of a burst of calls.
fn coalesce(f: impl Fn() + 'static) -> std::rc::Rc<dyn Fn()> {
    #[cfg(feature = "hydrate")]
    {
        let f = std::rc::Rc::new(f);
        let scheduled = std::rc::Rc::new(std::cell::Cell::new(false));
        std::rc::Rc::new(move || {
            if !scheduled.replace(true) {
                let (f, scheduled) = (f.clone(), scheduled.clone());
                gloo_timers::callback::Timeout::new(COALESCE_MS, move || {
                    scheduled.set(false);
                    f();
                })
                .forget();
            }
        })
    }
    #[cfg(not(feature = "hydrate"))]
    std::rc::Rc::new(f)
}

/// Whether the person is in the middle of filling a form on the page: a live re-fetch would throw
/// their input away, so the page offers the news instead of applying it.
pub fn page_has_open_form() -> bool {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("main form").ok().flatten())
            .is_some()
    }
    #[cfg(not(feature = "hydrate"))]
    false
}

/// Subscribes the page to `topic` once it has hydrated, and ends the subscription with the page.
pub fn use_live(topic: Topic, handlers: LiveHandlers) -> ReadSignal<LiveStatus> {
    let (status, set_status) = signal(LiveStatus::Connecting);
    follow(topic, handlers, set_status);
    status
}

/// Like [`use_live`], reporting into a status signal the page already has: for a subscription
/// that is replaced while the page stays (a ticket page following a link to another ticket). It
/// ends with the reactive owner it was made in.
pub fn follow(topic: Topic, handlers: LiveHandlers, set_status: WriteSignal<LiveStatus>) {
    #[cfg(feature = "hydrate")]
    browser::open(&topic, handlers, set_status);
    #[cfg(not(feature = "hydrate"))]
    let _ = (topic, handlers, set_status);
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::RefCell;
    use std::rc::Rc;

    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{EventSource, MessageEvent};

    use super::{LiveHandlers, LiveStatus, Topic};
    use crate::live::{Hello, TicketChange};

    const MESSAGES: [&str; 6] = ["hello", "change", "resync", "removed", "gone", "signed_out"];
    const FIRST_PAUSE_MS: u32 = 1_000;
    const LONGEST_PAUSE_MS: u32 = 30_000;

    #[derive(Default)]
    struct Connection {
        source: Option<EventSource>,
        listeners: Vec<Closure<dyn FnMut(MessageEvent)>>,
        on_error: Option<Closure<dyn FnMut(web_sys::Event)>>,
        last_id: Option<String>,
        failures: u32,
        retry: Option<gloo_timers::callback::Timeout>,
        stopped: bool,
        /// Listeners of a closed source, dropped on the next turn of the event loop: the one
        /// running may be among them, and a closure must not be dropped while it runs.
        retired: Vec<Box<dyn std::any::Any>>,
    }

    #[derive(Clone)]
    struct Live {
        url: Rc<str>,
        connection: Rc<RefCell<Connection>>,
        handlers: Rc<LiveHandlers>,
        set_status: WriteSignal<LiveStatus>,
    }

    pub(super) fn open(topic: &Topic, handlers: LiveHandlers, set_status: WriteSignal<LiveStatus>) {
        let live = Live {
            url: format!("/api/live?topic={}", topic.as_param()).into(),
            connection: Rc::default(),
            handlers: Rc::new(handlers),
            set_status,
        };
        let network = {
            let live = live.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                live.network(&event.type_())
            })
        };
        if let Some(window) = web_sys::window() {
            for name in ["online", "offline"] {
                let _ = window.add_event_listener_with_callback(name, network.as_ref().unchecked_ref());
            }
        }
        let started = live.clone();
        Effect::new(move |_| started.connect());
        let ending = StoredValue::new_local(Some((live, network)));
        on_cleanup(move || {
            if let Some((live, network)) = ending.try_update_value(Option::take).flatten() {
                if let Some(window) = web_sys::window() {
                    for name in ["online", "offline"] {
                        let _ = window
                            .remove_event_listener_with_callback(name, network.as_ref().unchecked_ref());
                    }
                }
                live.stop();
            }
        });
    }

    impl Live {
        fn connect(&self) {
            self.close_source();
            let url = match &self.connection.borrow().last_id {
                Some(id) => format!("{}&last={id}", self.url),
                None => self.url.to_string(),
            };
            let Ok(source) = EventSource::new(&url) else {
                self.failed();
                return;
            };
            let listeners: Vec<_> = MESSAGES
                .iter()
                .map(|name| {
                    let live = self.clone();
                    let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                        live.message(name, &e)
                    });
                    let _ = source.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
                    listener
                })
                .collect();
            let live = self.clone();
            let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| live.failed());
            source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            let mut connection = self.connection.borrow_mut();
            connection.source = Some(source);
            connection.listeners = listeners;
            connection.on_error = Some(on_error);
        }

        fn message(&self, name: &str, event: &MessageEvent) {
            let id = event.last_event_id();
            if !id.is_empty() {
                self.connection.borrow_mut().last_id = Some(id);
            }
            let data = event.data().as_string().unwrap_or_default();
            let number = || {
                serde_json::from_str::<serde_json::Value>(&data)
                    .ok()?
                    .get("number")?
                    .as_str()
                    .map(str::to_owned)
            };
            match name {
                "hello" => {
                    self.connection.borrow_mut().failures = 0;
                    self.set_status.set(LiveStatus::Live);
                    let hello = serde_json::from_str::<Hello>(&data)
                        .unwrap_or(Hello { resumed: false, version: None });
                    if !hello.resumed {
                        (self.handlers.on_resync)(hello.version);
                    }
                }
                "change" => match serde_json::from_str::<TicketChange>(&data) {
                    Ok(change) => (self.handlers.on_change)(change),
                    Err(_) => (self.handlers.on_resync)(None),
                },
                "resync" => (self.handlers.on_resync)(None),
                "removed" => {
                    if let Some(number) = number() {
                        (self.handlers.on_removed)(number);
                    }
                }
                "gone" => {
                    self.stop();
                    self.set_status.set(LiveStatus::Closed);
                    (self.handlers.on_removed)(number().unwrap_or_default());
                }
                "signed_out" => {
                    self.stop();
                    self.set_status.set(LiveStatus::SignedOut);
                }
                _ => {}
            }
        }

        /// The stream broke (or could not open): try again after a pause that doubles each time.
        fn failed(&self) {
            self.close_source();
            if self.connection.borrow().stopped {
                return;
            }
            let offline = web_sys::window().is_some_and(|w| !w.navigator().on_line());
            self.set_status.set(if offline { LiveStatus::Offline } else { LiveStatus::Reconnecting });
            let failures = {
                let mut connection = self.connection.borrow_mut();
                connection.failures = connection.failures.saturating_add(1);
                connection.failures
            };
            let pause = FIRST_PAUSE_MS.saturating_mul(1 << (failures - 1).min(5)).min(LONGEST_PAUSE_MS);
            let live = self.clone();
            let retry = gloo_timers::callback::Timeout::new(pause, move || live.connect());
            self.connection.borrow_mut().retry = Some(retry);
        }

        /// The browser's network came or went.
        fn network(&self, kind: &str) {
            let idle = {
                let connection = self.connection.borrow();
                !connection.stopped && connection.source.is_none()
            };
            match kind {
                "offline" => {
                    self.close_source();
                    self.set_status.set(LiveStatus::Offline);
                    self.connection.borrow_mut().retry = None;
                }
                "online" if idle || self.connection.borrow().retry.is_some() => {
                    self.connection.borrow_mut().retry = None;
                    self.connect();
                }
                _ => {}
            }
        }

        fn close_source(&self) {
            let mut connection = self.connection.borrow_mut();
            if let Some(source) = connection.source.take() {
                source.close();
            }
            let listeners = std::mem::take(&mut connection.listeners);
            connection.retired.push(Box::new(listeners));
            if let Some(on_error) = connection.on_error.take() {
                connection.retired.push(Box::new(on_error));
            }
            let connection = self.connection.clone();
            gloo_timers::callback::Timeout::new(0, move || connection.borrow_mut().retired.clear()).forget();
        }

        fn stop(&self) {
            self.connection.borrow_mut().stopped = true;
            self.connection.borrow_mut().retry = None;
            self.close_source();
        }
    }
}
