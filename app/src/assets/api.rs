//! Server functions of product units: look up by serial number (with warranty, history and repeat
//! check), list, register or edit, and the printable label.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::{AssetCard, AssetError, AssetLabel, AssetSave, AssetSummary};

#[cfg(feature = "ssr")]
mod ssr {
    use super::AssetError;
    use crate::domain::SerialNumber;

    pub fn state() -> Result<crate::state::AppState, AssetError> {
        leptos::prelude::use_context::<crate::state::AppState>().ok_or(AssetError::Internal)
    }

    /// A serial number from a URL or a form; anything else is "no such unit".
    pub fn serial(raw: &str) -> Result<SerialNumber, AssetError> {
        SerialNumber::parse(raw).map_err(|_| AssetError::NotFound { serial: raw.chars().take(40).collect() })
    }

    /// The public address of a unit's page, for its QR code: the configured public origin, else the
    /// address this request came to.
    pub fn page_url(state: &crate::state::AppState, serial: &SerialNumber) -> String {
        let origin = state.public_origin();
        format!("{origin}/assets/{}", super::super::path_segment(serial.as_str()))
    }
}

/// Everything known about serial number `serial`: the unit if registered, its cover today, its tickets,
/// and — when `fault_category` is given — the earlier ticket a new one would repeat. An unregistered
/// serial answers an empty card (intake may still register a ticket for it).
#[server(prefix = "/api", endpoint = "assets/card", input = Json)]
pub async fn get_asset_card(serial: String, fault_category: String) -> Result<AssetCard, AssetError> {
    use crate::domain::access::Action;
    use crate::domain::repeat::{FaultCategory, repeat_of};

    crate::auth::guard::require(Action::ViewAssets)?;
    let state = ssr::state()?;
    let serial = ssr::serial(&serial)?;
    let category = match fault_category.trim() {
        "" => None,
        raw => Some(
            FaultCategory::parse(raw)
                .ok_or(AssetError::BadRequest { detail: "unknown fault category".into() })?,
        ),
    };
    let asset = crate::db::assets::get(&state.db, serial.as_str(), state.tz).await?;
    let visits = crate::db::assets::visits(&state.db, serial.as_str(), state.tz).await?;
    let today = state.today();
    let repeat = category.and_then(|c| {
        repeat_of(&super::earlier_services(&visits, None), c, today, state.repeat_window_days)
            .map(|e| e.number.clone())
    });
    Ok(AssetCard {
        serial_number: serial.to_string(),
        warranty: asset.as_ref().map(|a| a.facts.warranty_on(today)),
        asset,
        visits,
        repeat_of: repeat,
        repeat_window_days: state.repeat_window_days,
    })
}

/// Units whose serial number, model or company contains `q`, most recently changed first (100 at most).
#[server(prefix = "/api", endpoint = "assets/list", input = Json)]
pub async fn list_assets(q: String) -> Result<Vec<AssetSummary>, AssetError> {
    crate::auth::guard::require(crate::domain::access::Action::ViewAssets)?;
    let state = ssr::state()?;
    let query: String = q.trim().chars().take(100).collect();
    let today = state.today();
    let assets = crate::db::assets::search(&state.db, &query, state.tz, 100).await?;
    Ok(assets
        .into_iter()
        .map(|a| AssetSummary {
            serial_number: a.facts.serial_number.to_string(),
            warranty: a.facts.warranty_on(today),
            product_model: a.facts.product_model,
            company: a.facts.company,
            region: a.facts.region,
        })
        .collect())
}

/// Registers a unit (`version` empty) or saves an edit of the version the form showed. Answers the
/// stored unit; a serial number already registered is a field error, an edit of an old copy a conflict.
#[server(prefix = "/api", endpoint = "assets/save", input = Json)]
pub async fn save_asset(save: AssetSave) -> Result<super::Asset, AssetError> {
    use crate::db::assets::AssetSaved;
    use crate::domain::FieldError;

    let staff = crate::auth::guard::require(crate::domain::access::Action::ManageAssets)?;
    let state = ssr::state()?;
    let facts = save.input.check(state.today()).map_err(|fields| AssetError::Invalid { fields })?;
    let serial = facts.serial_number.to_string();
    match crate::db::assets::save(&state.db, &facts, save.version, chrono::Utc::now()).await? {
        AssetSaved::Saved { .. } => {}
        AssetSaved::Taken => {
            return Err(AssetError::Invalid {
                fields: vec![FieldError::new("serial_number", "error.serial_taken")],
            });
        }
        AssetSaved::Stale => return Err(AssetError::Conflict),
    }
    tracing::info!(%serial, by = %staff.username, "asset saved");
    crate::db::assets::get(&state.db, &serial, state.tz).await?.ok_or(AssetError::NotFound { serial })
}

/// A unit's label: the unit, its cover today and a QR code (SVG) of its page's address.
#[server(prefix = "/api", endpoint = "assets/label", input = Json)]
pub async fn get_asset_label(serial: String) -> Result<AssetLabel, AssetError> {
    crate::auth::guard::require(crate::domain::access::Action::ViewAssets)?;
    let state = ssr::state()?;
    let serial = ssr::serial(&serial)?;
    let asset = crate::db::assets::get(&state.db, serial.as_str(), state.tz)
        .await?
        .ok_or_else(|| AssetError::NotFound { serial: serial.to_string() })?;
    let page_url = ssr::page_url(&state, &serial);
    let qr_svg = crate::assets::qr::svg(&page_url).ok_or(AssetError::Internal)?;
    Ok(AssetLabel { warranty: asset.facts.warranty_on(state.today()), asset, page_url, qr_svg })
}
