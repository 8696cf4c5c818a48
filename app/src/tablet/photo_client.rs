//! Photos on the tablet: taken with the camera (or picked from the gallery), shrunk in the browser
//! to [`crate::domain::photo::SEND_EDGE`] pixels as JPEG, queued in the outbox like every other action, and sent as a
//! multipart form to `POST /jobs/<number>/photos` when the network allows.

use leptos::prelude::*;

use super::outbox_client::{new_key, now_ms};
use super::use_outbox;
use crate::domain::TicketStatus;
use crate::domain::outbox::{Entry, Intent, NewAction, QueueRefusal};
use crate::domain::photo::PhotoStage;
use crate::error::TicketError;
use crate::i18n::use_i18n;

/// The JPEG quality of a shrunk photo: sharp enough for a nameplate, about 200–400 KB at full size.
#[cfg(feature = "hydrate")]
const QUALITY: f64 = 0.8;

/// Where the photos go and what the job's state is, for queueing.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoTarget {
    pub number: String,
    pub status: TicketStatus,
    pub version: u64,
}

/// The two camera buttons (fault, repair). Each photo is queued as soon as it is shrunk.
#[component]
pub fn PhotoButtons(target: PhotoTarget) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let target = StoredValue::new(target);
    let queue = move |stage: PhotoStage, data_url: String| {
        let (number, status, version) = target.with_value(|t| (t.number.clone(), t.status, t.version));
        let action = NewAction {
            id: new_key(),
            number: number.clone(),
            intent: Intent::Photo { stage, data_url },
            server_version: version,
            server_status: status,
            to: outbox.queue.with_untracked(|q| q.projected_status(&number, (status, version))),
            now_ms: now_ms(),
        };
        match outbox.push(action) {
            Ok(()) => message.set(Some(i18n.t("tablet.photo_queued"))),
            Err(QueueRefusal::Full) => message.set(Some(i18n.t("tablet.queue_full"))),
            Err(QueueRefusal::JobBlocked) => message.set(Some(i18n.t("tablet.settle_first"))),
        }
    };
    let picked = move |stage: PhotoStage, input: web_sys::HtmlInputElement| {
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        busy.set(true);
        leptos::task::spawn_local(async move {
            match shrink(file).await {
                Some(data_url) => queue(stage, data_url),
                None => message.set(Some(i18n.t("error.photo_type"))),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="photo-buttons">
            {PhotoStage::ALL.into_iter().map(|stage| {
                let id = format!("photo-{}", stage.as_str());
                view! {
                    <label class="touch-btn" for=id.clone()>{move || i18n.t(&format!("tablet.photo.take_{}", stage.as_str()))}</label>
                    <input id=id class="visually-hidden" type="file" accept="image/jpeg,image/png,image/webp" capture="environment"
                        on:change=move |ev| picked(stage, event_target::<web_sys::HtmlInputElement>(&ev)) />
                }
            }).collect_view()}
            {move || busy.get().then(|| view! { <span class="muted">{i18n.t("tablet.photo_shrinking")}</span> })}
            {move || message.get().map(|m| view! { <span role="status">{m}</span> })}
        </div>
    }
}

/// The photo as a JPEG data URL no larger than [`SEND_EDGE`] on its longest side; `None` when the
/// browser cannot read it as a picture.
#[cfg(feature = "hydrate")]
async fn shrink(file: web_sys::File) -> Option<String> {
    use wasm_bindgen::JsCast;
    let url = web_sys::Url::create_object_url_with_blob(&file).ok()?;
    let image = web_sys::HtmlImageElement::new().ok()?;
    image.set_src(&url);
    let decoded = wasm_bindgen_futures::JsFuture::from(image.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.ok()?;
    let (width, height) = crate::domain::photo::fit_within(
        image.natural_width(),
        image.natural_height(),
        crate::domain::photo::SEND_EDGE,
    );
    if width == 0 || height == 0 {
        return None;
    }
    let canvas = document().create_element("canvas").ok()?.dyn_into::<web_sys::HtmlCanvasElement>().ok()?;
    canvas.set_width(width);
    canvas.set_height(height);
    let context = canvas.get_context("2d").ok()??.dyn_into::<web_sys::CanvasRenderingContext2d>().ok()?;
    context
        .draw_image_with_html_image_element_and_dw_and_dh(
            &image,
            0.0,
            0.0,
            f64::from(width),
            f64::from(height),
        )
        .ok()?;
    canvas
        .to_data_url_with_type_and_encoder_options("image/jpeg", &wasm_bindgen::JsValue::from_f64(QUALITY))
        .ok()
}

#[cfg(not(feature = "hydrate"))]
async fn shrink(_file: web_sys::File) -> Option<String> {
    None
}

/// Sends a queued photo; answers the ticket's version after it.
#[cfg(feature = "hydrate")]
pub async fn send(entry: &Entry, stage: PhotoStage, data_url: &str) -> Result<u64, TicketError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let network = |detail: &str| TicketError::Network { detail: detail.to_owned() };
    let window = web_sys::window().ok_or_else(|| network("no window"))?;
    let encoded = data_url.split_once(";base64,").map(|(_, b)| b).ok_or_else(|| network("not a data URL"))?;
    let binary = window.atob(encoded).map_err(|_| network("not base64"))?;
    let bytes: Vec<u8> = binary.chars().map(|c| c as u32 as u8).collect();
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&bytes[..]));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/jpeg");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| network("no blob"))?;
    let form = web_sys::FormData::new().map_err(|_| network("no form"))?;
    let filled = form
        .append_with_str("key", &entry.id)
        .and_then(|_| form.append_with_str("stage", stage.as_str()))
        .and_then(|_| form.append_with_blob_and_filename("photo", &blob, "photo.jpg"));
    filled.map_err(|_| network("form"))?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&form);
    let url = format!("/jobs/{}/photos", entry.number);
    let answer = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .map_err(|_| network("fetch failed"))?;
    let response: web_sys::Response = answer.dyn_into().map_err(|_| network("no response"))?;
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    if response.ok() {
        return serde_json::from_str::<crate::tickets::StepDone>(&text)
            .map(|done| done.version)
            .map_err(|_| network("unreadable answer"));
    }
    Err(serde_json::from_str::<TicketError>(&text).unwrap_or(match response.status() {
        502..=504 => TicketError::Unavailable,
        _ => TicketError::Internal,
    }))
}

#[cfg(not(feature = "hydrate"))]
pub async fn send(_entry: &Entry, _stage: PhotoStage, _data_url: &str) -> Result<u64, TicketError> {
    Err(TicketError::Internal)
}

/// The job's photos: those stored (from the ticket's events) and those still waiting in the outbox.
#[component]
pub fn PhotoStrip(number: String, stored: Vec<(PhotoStage, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let key = number.clone();
    let waiting = move || {
        outbox.queue.with(|q| {
            q.of_job(&key)
                .filter_map(|e| match &e.intent {
                    Intent::Photo { stage, data_url } => Some((*stage, data_url.clone())),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    };
    let alt = move |stage: PhotoStage| i18n.t(&format!("tablet.photo.{}", stage.as_str()));
    view! {
        <ul class="photo-strip">
            {stored.into_iter().map(|(stage, file)| {
                let src = format!("/tickets/{number}/photos/{file}");
                view! { <li><img src=src alt=move || alt(stage) width="120" height="90" loading="lazy" /></li> }
            }).collect_view()}
            {move || waiting().into_iter().map(|(stage, data_url)| view! {
                <li class="waiting"><img src=data_url alt=move || alt(stage) width="120" height="90" />
                    <span class="badge pending">{i18n.t("tablet.entry.queued")}</span></li>
            }).collect_view()}
        </ul>
    }
}
