//! The tablet's browser storage: the outbox and the last copies of the job list and of each open job,
//! kept per person so that a shared tablet never shows one technician's jobs to another. In the
//! browser only; on the server every read finds nothing and every write does nothing.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{JobList, JobView};
use crate::domain::outbox::Outbox;
use crate::domain::service::report::ReportInput;

const LAST_USER: &str = "afterdesk.tablet.user";

fn outbox_key(user: &str) -> String {
    format!("afterdesk.tablet.outbox.{user}")
}

fn list_key(user: &str) -> String {
    format!("afterdesk.tablet.jobs.{user}")
}

fn job_key(user: &str, number: &str) -> String {
    format!("afterdesk.tablet.job.{user}.{number}")
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

#[cfg(feature = "hydrate")]
fn read_text(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

#[cfg(not(feature = "hydrate"))]
fn read_text(_key: &str) -> Option<String> {
    None
}

/// Writes `text` under `key`; false when the browser refused (storage full or disabled).
#[cfg(feature = "hydrate")]
fn write_text(key: &str, text: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, text).is_ok())
}

#[cfg(not(feature = "hydrate"))]
fn write_text(_key: &str, _text: &str) -> bool {
    false
}

#[cfg(feature = "hydrate")]
fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

#[cfg(not(feature = "hydrate"))]
fn remove(_key: &str) {}

fn read<T: DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_str(&read_text(key)?).ok()
}

fn write<T: Serialize>(key: &str, value: &T) -> bool {
    serde_json::to_string(value).is_ok_and(|text| write_text(key, &text))
}

/// The person whose copies were saved last: offline, the tablet shows their jobs.
pub fn last_user() -> Option<String> {
    read_text(LAST_USER)
}

/// The person's outbox as saved (empty when none was).
pub fn load_outbox(user: &str) -> Outbox {
    read(&outbox_key(user)).unwrap_or_default()
}

/// Saves the person's outbox; false when the browser refused, which the page must say.
pub fn save_outbox(user: &str, outbox: &Outbox) -> bool {
    if outbox.entries.is_empty() {
        remove(&outbox_key(user));
        true
    } else {
        write(&outbox_key(user), outbox)
    }
}

/// Keeps the job list for offline reading, and forgets the copies and drafts of jobs that left it.
pub fn save_list(list: &JobList) {
    write_text(LAST_USER, &list.me);
    write(&list_key(&list.me), list);
    #[cfg(feature = "hydrate")]
    if let Some(s) = storage() {
        let prefixes = [job_key(&list.me, ""), draft_key(&list.me, "")];
        let keep: Vec<String> = list
            .jobs
            .iter()
            .flat_map(|j| prefixes.iter().map(move |p| format!("{p}{}", j.ticket.number)))
            .collect();
        let length = s.length().unwrap_or(0);
        let stale: Vec<String> = (0..length)
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| prefixes.iter().any(|p| k.starts_with(p.as_str())) && !keep.contains(k))
            .collect();
        for key in stale {
            let _ = s.remove_item(&key);
        }
    }
}

/// The job list as last saved for the last person, if any.
pub fn load_list() -> Option<JobList> {
    read(&list_key(&last_user()?))
}

fn draft_key(user: &str, number: &str) -> String {
    format!("afterdesk.tablet.draft.{user}.{number}")
}

/// Keeps the report being typed, so that a reload or a crash loses nothing.
pub fn save_draft(user: &str, number: &str, draft: &ReportInput) {
    write(&draft_key(user, number), draft);
}

/// The report typed but not yet saved, if any.
pub fn load_draft(user: &str, number: &str) -> Option<ReportInput> {
    read(&draft_key(user, number))
}

/// Forgets the draft once the report is queued.
pub fn clear_draft(user: &str, number: &str) {
    remove(&draft_key(user, number));
}

/// Keeps one job for offline reading.
pub fn save_job(view: &JobView) {
    write_text(LAST_USER, &view.me);
    write(&job_key(&view.me, view.detail.ticket.number.as_str()), view);
}

/// The job as last saved for the last person, if any.
pub fn load_job(number: &str) -> Option<JobView> {
    read(&job_key(&last_user()?, number))
}
