//! What the technician sees of the outbox: a bar saying what waits to be sent, the job's queue with
//! each action's state, the undo button while a step can still be taken back, and, when the office
//! changed the job meanwhile, a plain message and the choice of what to do.

use leptos::prelude::*;

use super::{tablet_label_key, use_outbox};
use crate::domain::outbox::{Block, Entry, Intent};
use crate::i18n::{I18n, use_i18n};

/// The whole outbox in one line: how many actions wait, and whether the server can be reached.
#[component]
pub fn SyncBar() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let waiting = move || outbox.queue.with(|q| q.entries.len());
    let blocked = move || outbox.queue.with(|q| q.entries.iter().filter(|e| e.blocked.is_some()).count());
    let text = move || {
        let n = waiting().to_string();
        match (outbox.reachable.get(), waiting(), blocked()) {
            (_, _, b) if b > 0 => i18n.t_with("tablet.sync.blocked", &[("n", &b.to_string())]),
            (false, 0, _) => i18n.t("tablet.sync.offline_empty"),
            (false, _, _) => i18n.t_with("tablet.sync.offline", &[("n", &n)]),
            (true, 0, _) => String::new(),
            (true, _, _) => i18n.t_with("tablet.sync.sending", &[("n", &n)]),
        }
    };
    let class = move || {
        if blocked() > 0 {
            "sync-bar is-blocked"
        } else if !outbox.reachable.get() {
            "sync-bar is-offline"
        } else if waiting() > 0 {
            "sync-bar is-pending"
        } else {
            "sync-bar is-idle"
        }
    };
    view! {
        <p class=class role="status" aria-live="polite">
            <span>{text}</span>
            {move || (!outbox.saved.get()).then(|| view! { <strong>{i18n.t("tablet.sync.not_saved")}</strong> })}
        </p>
    }
}

/// The words for what an action does.
pub fn intent_label(i18n: I18n, intent: &Intent) -> String {
    match intent {
        Intent::Step { step, .. } => i18n.t(&tablet_label_key(*step)),
        Intent::Report { .. } => i18n.t("tablet.report_entry"),
        Intent::Photo { stage, .. } => i18n.t(&format!("tablet.photo.{}", stage.as_str())),
    }
}

/// One job's queued actions, oldest first, with the undo bar and any conflict.
#[component]
pub fn JobQueue(number: String) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let key = number.clone();
    let entries = Memo::new(move |_| outbox.queue.with(|q| q.of_job(&key).cloned().collect::<Vec<Entry>>()));
    let key = number.clone();
    let undoable = move || {
        let now = outbox.now_ms.get();
        entries
            .with(|e| e.last().filter(|l| l.blocked.is_none() && now < l.send_after_ms).cloned())
            .map(|last| (last.send_after_ms - now + 999) / 1000)
    };
    let undo = move |_| {
        outbox.undo(&key);
    };
    view! {
        {move || entries.with(|e| !e.is_empty()).then(|| view! {
            <section class="panel job-queue" aria-labelledby="queue-h">
                <h2 id="queue-h">{move || i18n.t("tablet.queue_title")}</h2>
                <BlockNotice number=number.clone() />
                <ol class="queue">
                    {move || entries.get().into_iter().map(|entry| view! { <QueueRow entry /> }).collect_view()}
                </ol>
            </section>
        })}
        {move || undoable().map(|seconds| view! {
            <div class="undo-bar" role="status">
                <span>{i18n.t_with("tablet.undo_hint", &[("s", &seconds.to_string())])}</span>
                <button type="button" class="touch-btn primary" on:click=undo.clone()>{i18n.t("tablet.undo")}</button>
            </div>
        })}
    }
}

#[component]
fn QueueRow(entry: Entry) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let label = intent_label(i18n, &entry.intent);
    let taken = super::outbox_client::clock_time(entry.taken_ms);
    let id = entry.id.clone();
    let (blocked, send_after_ms) = (entry.blocked.is_some(), entry.send_after_ms);
    let state = move || {
        let key = if blocked {
            "tablet.entry.blocked"
        } else if outbox.sending.get().as_deref() == Some(id.as_str()) {
            "tablet.entry.sending"
        } else if outbox.now_ms.get() < send_after_ms {
            "tablet.entry.undo_window"
        } else if !outbox.reachable.get() {
            "tablet.entry.waiting_network"
        } else {
            "tablet.entry.queued"
        };
        i18n.t(key)
    };
    view! {
        <li data-entry=entry.id.clone()>
            <strong>{label}</strong> <span class="muted">{taken}</span> <span class="entry-state">{state}</span>
        </li>
    }
}

/// The conflict of a job, said plainly, with what the technician can do about it.
#[component]
fn BlockNotice(number: String) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let key = number.clone();
    let blocked = Memo::new(move |_| outbox.queue.with(|q| q.blocked(&key).cloned()));
    let confirming = RwSignal::new(false);
    let (discard_for, retry_for) = (number.clone(), number);
    view! {
        {move || blocked.get().map(|entry| {
            let what = intent_label(i18n, &entry.intent);
            let (message, retry_version) = match entry.blocked.clone() {
                Some(Block::NotYours) => (i18n.t("tablet.block.not_yours"), None),
                Some(Block::Changed { status, version }) => (
                    i18n.t_with("tablet.block.changed", &[("status", &i18n.t(status.label_key())), ("what", &what)]),
                    Some(version),
                ),
                Some(Block::Refused { message_key }) => (
                    i18n.t_with("tablet.block.refused", &[("what", &what), ("reason", &i18n.t(&message_key))]),
                    Some(entry.version),
                ),
                None => (String::new(), None),
            };
            let discard_for = discard_for.clone();
            let retry_for = retry_for.clone();
            view! {
                <div class="block-notice" role="alert">
                    <p>{message}</p>
                    <div class="actions">
                        {retry_version.map(|version| view! {
                            <button type="button" class="touch-btn" on:click=move |_| outbox.retry(&retry_for, version)>
                                {i18n.t("tablet.retry")}
                            </button>
                        })}
                        <button type="button" class="touch-btn danger" on:click=move |_| {
                            if confirming.get_untracked() {
                                outbox.discard(&discard_for);
                                confirming.set(false);
                            } else {
                                confirming.set(true);
                            }
                        }>
                            {move || i18n.t(if confirming.get() { "tablet.discard_confirm" } else { "tablet.discard" })}
                        </button>
                    </div>
                </div>
            }
        })}
    }
}
