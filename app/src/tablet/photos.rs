//! (ssr) `POST /jobs/<number>/photos`: a photo of the fault or of the repair from the technician's
//! tablet (multipart: `key`, `stage`, `photo`). The tablet shrinks photos before sending; the server
//! still checks everything: the person may work on the ticket, the ticket is open, the file is a JPEG,
//! PNG or WebP by its content and at most 8 MB. Anything refused stores nothing. Answers like the
//! workflow functions: the ticket's state and version after it (JSON), or a `TicketError`.

use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::http::{Extensions, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::auth::guard::Staff;
use crate::db::share::{LinkActor, LinkWritten};
use crate::domain::FieldError;
use crate::domain::access::{Action, permits};
use crate::domain::photo::{ImageKind, PhotoStage};
use crate::error::TicketError;
use crate::share::customer_photos::{read_upload, write_file};
use crate::state::AppState;

pub use crate::share::customer_photos::BODY_LIMIT;

fn refuse(status: StatusCode, error: TicketError) -> Response {
    (status, Json(error)).into_response()
}

fn field(status: StatusCode, code: &str) -> Response {
    refuse(status, TicketError::Invalid { fields: vec![FieldError::new("photo", code)] })
}

/// The handler.
pub async fn upload_photo(
    State(state): State<AppState>,
    Path(number): Path<String>,
    extensions: Extensions,
    multipart: Multipart,
) -> Response {
    let Some(staff) = extensions.get::<Staff>() else {
        return refuse(StatusCode::UNAUTHORIZED, TicketError::Unauthenticated);
    };
    let not_found =
        || refuse(StatusCode::NOT_FOUND, TicketError::NotFound { number: number.chars().take(40).collect() });
    let Ok(parsed) = crate::domain::TicketNumber::parse(&number) else { return not_found() };
    let unavailable = || refuse(StatusCode::SERVICE_UNAVAILABLE, TicketError::Unavailable);
    match crate::db::live::ticket_facts(&state.db, &parsed).await {
        Ok(Some((facts, _))) if permits(&staff.subject(), Action::UpdateTicket, Some(&facts)).is_ok() => {}
        Ok(Some(_)) => return refuse(StatusCode::FORBIDDEN, TicketError::Forbidden),
        Ok(None) => return not_found(),
        Err(_) => return unavailable(),
    }
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(status) => return field(status, "error.photo_unreadable"),
    };
    let bad =
        |detail: &str| refuse(StatusCode::BAD_REQUEST, TicketError::BadRequest { detail: detail.into() });
    if !crate::share::customer_actions::valid_key(&upload.key) {
        return bad("request key must be 8 to 64 letters, digits, '-' or '_'");
    }
    let Some(stage) = PhotoStage::parse(upload.stage.trim()) else {
        return bad("stage must be fault or repair");
    };
    if upload.too_big {
        return field(StatusCode::PAYLOAD_TOO_LARGE, "error.photo_too_large");
    }
    let Some((photo, kind)) = upload.photo.and_then(|p| ImageKind::sniff(&p).map(|k| (p, k))) else {
        return field(StatusCode::UNSUPPORTED_MEDIA_TYPE, "error.photo_type");
    };
    let key = upload.key.as_str();
    // Sent again after a lost answer: already stored.
    match crate::db::workflow::applied(&state.db, parsed.as_str(), key).await {
        Ok(Some(done)) => return Json(done).into_response(),
        Ok(None) => {}
        Err(_) => return unavailable(),
    }
    match crate::db::tickets::get(&state.db, &parsed, state.tz).await {
        Ok(Some(detail)) if detail.ticket.status.is_open() => {}
        Ok(Some(_)) => {
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                TicketError::Refused { refusal: crate::domain::workflow::StepRefusal::NotFromHere },
            );
        }
        Ok(None) => return not_found(),
        Err(_) => return unavailable(),
    }
    let (file, path) = match write_file(&state, parsed.as_str(), &photo, kind).await {
        Ok(written) => written,
        Err(error) => {
            tracing::error!(%error, "a technician's photo could not be stored");
            return unavailable();
        }
    };
    let by = LinkActor { name: &staff.display_name, username: &staff.username, now: chrono::Utc::now() };
    let written =
        crate::db::share::staff_photo(&state.db, parsed.as_str(), &file, photo.len() as u64, stage, key, &by)
            .await;
    let done = match written {
        Ok(LinkWritten::Done) => match crate::db::workflow::applied(&state.db, parsed.as_str(), key).await {
            Ok(done) => done,
            Err(error) => {
                tracing::error!(%error, "a technician's photo was recorded but not read back");
                None
            }
        },
        // The ticket is gone.
        Ok(LinkWritten::Missing) => None,
        Err(error) => {
            tracing::error!(%error, "a technician's photo could not be recorded");
            None
        }
    };
    match done {
        Some(done) => {
            tracing::info!(number = %parsed, bytes = photo.len(), by = %staff.username, "job photo stored");
            Json(done).into_response()
        }
        None => {
            let _ = tokio::fs::remove_file(&path).await;
            unavailable()
        }
    }
}
