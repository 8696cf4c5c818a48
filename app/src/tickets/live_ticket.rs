//! Keeps an open ticket page current: another person's change re-fetches the ticket, unless this
//! person is filling a form, who is then offered the news instead of losing their input.

use leptos::prelude::*;

use crate::domain::TicketNumber;
use crate::i18n::use_i18n;
use crate::live::{LiveHandlers, LiveStatus, Topic, follow, page_has_open_form};

/// What the page shares with its live subscription.
#[derive(Clone, Copy)]
pub(super) struct LiveTicket {
    pub status: ReadSignal<LiveStatus>,
    /// The version on screen.
    shown: RwSignal<u64>,
    /// The newest version the stream announced.
    latest: RwSignal<u64>,
    /// A fetch is under way: news that arrives meanwhile waits for its answer, so that one change
    /// does not rebuild the page twice (a second rebuild would close what the person just opened).
    fetching: RwSignal<bool>,
    refresh: RwSignal<u32>,
    /// A newer version exists and was not loaded (a form was open).
    pub stale: RwSignal<bool>,
}

impl LiveTicket {
    /// Fetches the ticket again.
    pub fn refetch(&self) {
        self.fetching.set(true);
        self.refresh.update(|n| *n += 1);
    }

    /// The page rendered a fetched ticket at `version` (`None`: the fetch failed). Fetches again if
    /// the stream announced something newer meanwhile.
    pub fn loaded(&self, version: Option<u64>) {
        self.fetching.set(false);
        if let Some(version) = version {
            self.shown.set(version);
            self.stale.set(false);
            if self.latest.get_untracked() > version && !page_has_open_form() {
                self.refetch();
            }
        }
    }
}

/// Follows the ticket whose number `number` gives, re-subscribing when it changes; `refresh`
/// re-fetches the page's ticket.
pub(super) fn follow_ticket(
    number: impl Fn() -> String + Send + Sync + 'static,
    refresh: RwSignal<u32>,
) -> LiveTicket {
    let (status, set_status) = signal(LiveStatus::Connecting);
    let live = LiveTicket {
        status,
        shown: RwSignal::new(0),
        latest: RwSignal::new(0),
        fetching: RwSignal::new(false),
        refresh,
        stale: RwSignal::new(false),
    };
    let (shown, stale) = (live.shown, live.stale);
    // `version`: the ticket's version now, when known.
    let reload = move |version: Option<u64>| {
        if let Some(version) = version {
            live.latest.update(|l| *l = (*l).max(version));
        }
        if live.fetching.get_untracked() {
            // The answer under way is checked against `latest` when it arrives.
            return;
        }
        if !page_has_open_form() {
            stale.set(false);
            live.refetch();
            return;
        }
        // Most likely this person's own save, whose answer loads the new version anyway: only
        // if it still is not on screen in a moment did someone else change the ticket.
        let look_again = move || {
            if version.is_none_or(|v| shown.try_get_untracked().is_some_and(|s| v > s)) {
                let _ = stale.try_set(true);
            }
        };
        gloo_timers::callback::Timeout::new(1_500, look_again).forget();
    };
    // Each run owns the subscription of one number; the next run's start ends the last one's.
    Effect::new(move |_| {
        let Ok(number) = TicketNumber::parse(&number()) else { return };
        let handlers = LiveHandlers {
            on_change: Box::new(move |change| {
                if change.version > shown.get_untracked() {
                    reload(Some(change.version));
                }
            }),
            on_resync: Box::new(move |version| {
                if version.is_none_or(|v| v > shown.get_untracked()) {
                    reload(version);
                }
            }),
            on_removed: Box::new(move |_| live.refetch()),
        };
        follow(Topic::Ticket(number), handlers, set_status);
    });
    live
}

/// Offered above the ticket when someone else changed it while this person had a form open.
#[component]
pub(super) fn StaleNotice(live: LiveTicket) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        live.stale.get().then(|| {
            view! {
                <div class="alert alert-info stale-notice" aria-live="polite">
                    <span>{move || i18n.t("live.stale")}</span>
                    <button type="button" class="button" on:click=move |_| {
                        live.stale.set(false);
                        live.refetch();
                    }>{move || i18n.t("live.load_latest")}</button>
                </div>
            }
        })
    }
}
