//! Spare parts (配件): the catalogue and stock per warehouse, goods received, requisitions from tickets
//! and their issue by the warehouse. Pure rules live in `domain::parts`; queries in `db::parts`.

mod api;
mod catalogue_page;
mod model;
mod panel;
#[cfg(feature = "ssr")]
pub(crate) mod usage;

pub use api::{
    GetCatalogue, IssueParts, ReceiveStock, RequestParts, get_catalogue, issue_parts, receive_stock,
    request_parts,
};
pub use catalogue_page::PartsPage;
pub use model::*;
pub use panel::PartsPanel;
