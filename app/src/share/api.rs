//! Server functions of customer links: list a ticket's links, create one, revoke one.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::{NewShareLink, ShareError, ShareLink};

#[cfg(feature = "ssr")]
mod ssr {
    use super::ShareError;
    use crate::auth::guard::{self, Staff};
    use crate::domain::TicketNumber;
    use crate::domain::access::Action;
    use crate::state::AppState;

    /// The person, the state and the ticket's number, once the person may share this ticket.
    pub async fn authorized(number: &str) -> Result<(Staff, AppState, TicketNumber), ShareError> {
        let staff = guard::require(Action::ShareWithCustomer)?;
        let state = leptos::prelude::use_context::<AppState>().ok_or(ShareError::Internal)?;
        let number = TicketNumber::parse(number).map_err(|_| ShareError::NotFound)?;
        let (facts, _) =
            crate::db::live::ticket_facts(&state.db, &number).await?.ok_or(ShareError::NotFound)?;
        guard::require_on(&staff, Action::ShareWithCustomer, &facts)?;
        Ok((staff, state, number))
    }
}

/// The customer links of ticket `number`, newest first.
#[server(prefix = "/api", endpoint = "share/list", input = Json)]
pub async fn share_links(number: String) -> Result<Vec<ShareLink>, ShareError> {
    let (_, state, number) = ssr::authorized(&number).await?;
    Ok(crate::db::share::list(&state.db, number.as_str(), chrono::Utc::now(), state.tz).await?)
}

/// Creates a customer link to ticket `number` that lasts `days` (empty: 30). The answer holds the
/// link's address, which is not kept anywhere: only its hash is stored.
#[server(prefix = "/api", endpoint = "share/create", input = Json)]
pub async fn create_share_link(number: String, days: String) -> Result<NewShareLink, ShareError> {
    use crate::db::share::LinkActor;
    use crate::domain::share::parse_days;

    let (staff, state, number) = ssr::authorized(&number).await?;
    let days = parse_days(&days).ok_or_else(|| ShareError::Invalid {
        fields: vec![crate::domain::FieldError::new("days", "error.share_days")],
    })?;
    let by = LinkActor { name: &staff.display_name, username: &staff.username, now: chrono::Utc::now() };
    let super::issue::Issued { token, expires_at } =
        super::issue::issue(&state, number.as_str(), days, &by).await?;
    tracing::info!(%number, by = %staff.username, days, "customer link created");
    let url = format!("{}/c/{token}", state.public_origin());
    let qr_svg = crate::assets::qr::svg(&url).ok_or(ShareError::Internal)?;
    Ok(NewShareLink { url, qr_svg, expires_at: expires_at.with_timezone(&state.tz).fixed_offset() })
}

/// Revokes link `key` of ticket `number`: it stops opening at once, and open pages close.
#[server(prefix = "/api", endpoint = "share/revoke", input = Json)]
pub async fn revoke_share_link(number: String, key: String) -> Result<(), ShareError> {
    use crate::db::share::{LinkActor, LinkWritten};

    let (staff, state, number) = ssr::authorized(&number).await?;
    if key.len() != 16 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ShareError::NotFound);
    }
    let by = LinkActor { name: &staff.display_name, username: &staff.username, now: chrono::Utc::now() };
    match crate::db::share::revoke(&state.db, number.as_str(), &key, &by).await? {
        LinkWritten::Done => {
            tracing::info!(%number, by = %staff.username, "customer link revoked");
            Ok(())
        }
        LinkWritten::Missing => Err(ShareError::NotFound),
    }
}
