//! Product units (设备档案): DTOs, server functions and pages — list, register, the unit's page with
//! warranty and history, its printable QR label, and the lookup card intake shows.

mod api;
mod asset_page;
mod error;
mod form;
mod intake_card;
mod label_page;
mod list_page;
mod model;
#[cfg(feature = "ssr")]
pub(crate) mod qr;
mod widgets;

pub use api::{
    GetAssetCard, GetAssetLabel, ListAssets, SaveAsset, get_asset_card, get_asset_label, list_assets,
    save_asset,
};
pub use asset_page::{AssetNewPage, AssetPage};
pub use error::AssetError;
pub use intake_card::IntakeAssetCard;
pub use label_page::AssetLabelPage;
pub use list_page::AssetListPage;
pub use model::*;

/// A serial number as one URL path segment (`/` inside serial numbers is escaped).
pub fn path_segment(serial: &str) -> String {
    serial.replace('/', "%2F")
}

/// The serial number a path segment carries, whether or not the router already decoded it.
pub fn serial_from_segment(segment: &str) -> String {
    segment.replace("%2F", "/").replace("%2f", "/")
}
