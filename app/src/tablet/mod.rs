//! The technician's tablet: the day's jobs, one job with one-tap status steps, the on-site report with
//! the customer's drawn signature, and an outbox that keeps every action through a flaky network.

mod agenda;
mod api;
mod home_page;
mod job_page;
mod model;
mod outbox_client;
mod outbox_panel;
mod parts_picker;
mod photo_client;
#[cfg(feature = "ssr")]
pub mod photos;
mod report_form;
mod scan;
mod signature_pad;
mod step_bar;
pub(crate) mod storage;

pub use agenda::{Slot, TABLET_STEPS, agenda, nearest_clock, tablet_label_key};
pub use api::{MyJobs, OpenJob, my_jobs, open_job};
pub use home_page::JobsPage;
pub use job_page::JobPage;
pub use model::*;
pub use outbox_client::{OutboxHandle, provide_outbox, use_outbox};
pub use outbox_panel::SyncBar;
pub use signature_pad::SignatureDrawing;

use leptos::prelude::*;

use crate::error::TicketError;
use crate::i18n::I18n;
use crate::tickets::TicketClock;

/// The job list from the server; offline, the copy the page saved (`true` = a copy).
pub async fn load_jobs() -> Result<(JobList, bool), TicketError> {
    match my_jobs().await {
        Ok(list) => Ok((list, false)),
        Err(error @ (TicketError::Network { .. } | TicketError::Unavailable)) => {
            storage::load_list().map(|list| (list, true)).ok_or(error)
        }
        Err(error) => Err(error),
    }
}

/// One job from the server; offline, the copy the page saved (`true` = a copy).
pub async fn load_job(number: String) -> Result<(JobView, bool), TicketError> {
    match open_job(number.clone()).await {
        Ok(view) => Ok((view, false)),
        Err(error @ (TicketError::Network { .. } | TicketError::Unavailable)) => {
            storage::load_job(&number).map(|view| (view, true)).ok_or(error)
        }
        Err(error) => Err(error),
    }
}

/// For a page that has its data, in the browser (a page rendered by the server never ran its fetch
/// there): attaches the person's outbox, and keeps `fresh` (the server's answer, not a saved copy)
/// for offline reading with `save`.
fn attach_and_keep<T: 'static>(me: String, fresh: Option<T>, save: fn(&T)) {
    let outbox = use_outbox();
    Effect::new(move |_| {
        outbox.attach(&me);
        if let Some(data) = &fresh {
            save(data);
        }
    });
}

/// A deadline as the card shows it, `elapsed` minutes after it was read: its CSS class and words.
pub fn countdown(i18n: I18n, clock: &TicketClock, elapsed: i64) -> (String, String) {
    let mut now = clock.clone();
    now.remaining_minutes -= elapsed;
    if now.remaining_minutes < 0 {
        now.state = crate::domain::sla::ClockState::Breached;
    }
    let state = serde_json::to_value(now.state).ok().and_then(|v| v.as_str().map(str::to_owned));
    let kind = serde_json::to_value(now.kind).ok().and_then(|v| v.as_str().map(str::to_owned));
    let name = i18n.t(&format!("clock.{}", kind.unwrap_or_default()));
    let text = format!("{name} {}", crate::tickets::clock_detail(i18n, &now));
    (format!("badge clock-{}", state.unwrap_or_default()), text)
}

/// A link that opens the address in the map app (Amap's universal link: app on the tablet, web
/// elsewhere).
pub fn map_href(address: &str) -> String {
    format!("https://uri.amap.com/search?keyword={}", crate::tickets::encode_query(address))
}
