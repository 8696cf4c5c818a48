//! (ssr) Photos a customer sends through their link (`POST /c/<token>/photo`), and serving them: to
//! the customer at `/c/<token>/photos/<file>`, to the desk at `/tickets/<number>/photos/<file>`.
//! Files are checked by their content (JPEG, PNG or WebP, at most 8 MB), stored under the data
//! directory, and recorded in the audit trail; anything refused stores nothing.

use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::customer_page::{page_locale, private_headers, render_ticket, ticket_or_refusal, unavailable};
use super::customer_view::{Forms, Refused};
use crate::auth::guard::Staff;
use crate::db::share::{CustomerAction, LinkActor, LinkWritten};
use crate::domain::photo::{ImageKind, MAX_BYTES, valid_id};
use crate::state::AppState;

/// The largest upload body: one photo at its limit and the form's other fields.
pub const BODY_LIMIT: usize = MAX_BYTES + 64 * 1024;

/// Where photo `file` of ticket `number` is kept.
fn path_of(state: &AppState, number: &str, file: &str) -> std::path::PathBuf {
    state.data_dir.join("photos").join(number).join(file)
}

/// What an upload form sent: the request key, the photo's bytes and, from the tablet, what the photo
/// shows (`stage`) and the ticket version the tablet expects.
pub(crate) struct Upload {
    pub key: String,
    pub photo: Option<Vec<u8>>,
    pub too_big: bool,
    pub stage: String,
}

/// Reads an upload form, stopping at [`MAX_BYTES`] of photo (`too_big` then says so).
pub(crate) async fn read_upload(mut multipart: Multipart) -> Result<Upload, StatusCode> {
    let mut upload = Upload { key: String::new(), photo: None, too_big: false, stage: String::new() };
    while let Some(mut field) = multipart.next_field().await.map_err(|_| StatusCode::BAD_REQUEST)? {
        match field.name() {
            Some("key") => upload.key = field.text().await.map_err(|_| StatusCode::BAD_REQUEST)?,
            Some("stage") => upload.stage = field.text().await.map_err(|_| StatusCode::BAD_REQUEST)?,
            Some("photo") => {
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|_| StatusCode::PAYLOAD_TOO_LARGE)? {
                    if bytes.len() + chunk.len() > MAX_BYTES {
                        upload.too_big = true;
                        break;
                    }
                    bytes.extend_from_slice(&chunk);
                }
                upload.photo = Some(bytes);
            }
            _ => {}
        }
    }
    Ok(upload)
}

/// `POST /c/<token>/photo`.
pub async fn send_photo(
    State(state): State<AppState>,
    Path(token): Path<String>,
    extensions: Extensions,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let number = match super::customer_actions::admit_form(&state, &extensions, &token).await {
        Ok(number) => number,
        Err(refusal) => return refusal,
    };
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(status) => return status.into_response(),
    };
    if !super::customer_actions::valid_key(&upload.key) {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let refuse = |code: &'static str, status: StatusCode| {
        let forms =
            Forms { refused: Some(Refused { form: "message", code, ..Default::default() }), ..Forms::new() };
        (forms, status)
    };
    let kind = upload.photo.as_deref().and_then(ImageKind::sniff);
    let (photo, kind) = match (upload.photo, kind) {
        _ if upload.too_big => {
            let (forms, status) = refuse("customer.error.photo_size", StatusCode::PAYLOAD_TOO_LARGE);
            return render_ticket(&state, page_locale(&headers, None), &token, &number, forms, status).await;
        }
        (Some(photo), Some(kind)) => (photo, kind),
        (None, _) | (Some(_), None) => {
            let (forms, status) = refuse("customer.error.photo_type", StatusCode::UNSUPPORTED_MEDIA_TYPE);
            return render_ticket(&state, page_locale(&headers, None), &token, &number, forms, status).await;
        }
    };
    match store(&state, &number, &upload.key, &photo, kind).await {
        Ok(()) => Redirect::to(&format!("/c/{token}?done=photo")).into_response(),
        Err(response) => response,
    }
}

/// Writes the file, then records it; a file whose record failed is removed again.
async fn store(
    state: &AppState,
    number: &str,
    key: &str,
    photo: &[u8],
    kind: ImageKind,
) -> Result<(), Response> {
    let ticket =
        crate::domain::TicketNumber::parse(number).map_err(|_| StatusCode::NOT_FOUND.into_response())?;
    let detail = match crate::db::tickets::get(&state.db, &ticket, state.tz).await {
        Ok(Some(detail)) => detail,
        Ok(None) => return Err(StatusCode::NOT_FOUND.into_response()),
        Err(_) => return Err(unavailable()),
    };
    if !detail.ticket.status.is_open() {
        return Err(StatusCode::UNPROCESSABLE_ENTITY.into_response());
    }
    // The same form sent again (a double tap, a retry after a timeout): already stored.
    match crate::db::workflow::applied(&state.db, number, key).await {
        Ok(Some(_)) => return Ok(()),
        Ok(None) => {}
        Err(_) => return Err(unavailable()),
    }
    let (file, path) = match write_file(state, number, photo, kind).await {
        Ok(written) => written,
        Err(error) => {
            tracing::error!(%error, "a customer's photo could not be stored");
            return Err(unavailable());
        }
    };
    let name = super::customer_actions::customer_name(&detail.ticket.contact_name);
    let by = LinkActor { name: &name, username: "customer", now: chrono::Utc::now() };
    let action = CustomerAction::Photo { file: &file, bytes: photo.len() as u64 };
    match crate::db::share::customer_action(&state.db, number, action, key, &by).await {
        Ok(LinkWritten::Done) => {
            tracing::info!(%number, bytes = photo.len(), "customer photo stored");
            Ok(())
        }
        // Not recorded (the ticket is gone, or the same form won a race): this copy goes.
        Ok(LinkWritten::Missing) => {
            let _ = tokio::fs::remove_file(&path).await;
            Ok(())
        }
        Err(error) => {
            tracing::error!(%error, "a customer's photo could not be recorded");
            let _ = tokio::fs::remove_file(&path).await;
            Err(unavailable())
        }
    }
}

/// Writes a checked photo of ticket `number` under the data directory with a fresh random name (whole
/// or not at all: written aside, then renamed); answers its file name and path.
pub(crate) async fn write_file(
    state: &AppState,
    number: &str,
    photo: &[u8],
    kind: ImageKind,
) -> std::io::Result<(String, std::path::PathBuf)> {
    let file = format!("{}.{}", crate::auth::token::new_nonce(), kind.extension());
    let path = path_of(state, number, &file);
    if let Some(folder) = path.parent() {
        tokio::fs::create_dir_all(folder).await?;
    }
    let partial = path.with_extension("part");
    tokio::fs::write(&partial, photo).await?;
    tokio::fs::rename(&partial, &path).await?;
    Ok((file, path))
}

/// `GET /c/<token>/photos/<file>`: a photo of the link's ticket that the customer sent.
pub async fn customer_photo(
    State(state): State<AppState>,
    Path((token, file)): Path<(String, String)>,
    extensions: Extensions,
) -> Response {
    let number = match ticket_or_refusal(&state, &extensions, &token).await {
        Ok(number) => number,
        Err(refusal) => return refusal,
    };
    let mut response = serve(&state, &number, &file).await;
    private_headers(response.headers_mut());
    response
}

/// `GET /tickets/<number>/photos/<file>`: for whoever may open the ticket.
pub async fn staff_photo(
    State(state): State<AppState>,
    Path((number, file)): Path<(String, String)>,
    extensions: Extensions,
) -> Response {
    use crate::domain::access::{Action, permits};
    let Some(staff) = extensions.get::<Staff>() else { return StatusCode::UNAUTHORIZED.into_response() };
    let Ok(parsed) = crate::domain::TicketNumber::parse(&number) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match crate::db::live::ticket_facts(&state.db, &parsed).await {
        Ok(Some((facts, _))) if permits(&staff.subject(), Action::ViewTicket, Some(&facts)).is_ok() => {
            serve(&state, &number, &file).await
        }
        Ok(Some(_)) => StatusCode::FORBIDDEN.into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => unavailable(),
    }
}

/// The photo `file` of ticket `number`, if it is one.
async fn serve(state: &AppState, number: &str, file: &str) -> Response {
    if !valid_id(file) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match crate::db::share::photo_ticket(&state.db, file).await {
        Ok(Some(owner)) if owner == number => {}
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return unavailable(),
    }
    let kind = file.rsplit_once('.').and_then(|(_, e)| ImageKind::from_extension(e));
    let (Some(kind), Ok(bytes)) = (kind, tokio::fs::read(path_of(state, number, file)).await) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind.content_type()));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=86400"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'"));
    response
}
