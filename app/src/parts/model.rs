//! The shared DTOs of spare parts: the catalogue with stock per warehouse, requisitions from tickets,
//! and the requests that change them.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::parts::{LineInput, PartQuantity};
use crate::service::RecordTarget;

/// A warehouse parts are kept in and issued from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warehouse {
    pub code: String,
    pub name: String,
}

/// One catalogue part with what each warehouse holds of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CataloguePart {
    pub part_code: String,
    pub name: String,
    pub unit_price_fen: i64,
    /// `(warehouse code, quantity)` for every warehouse that stocks it.
    pub stock: Vec<(String, i64)>,
}

impl CataloguePart {
    /// Units held in `warehouse` (0 when it does not stock the part).
    pub fn held_in(&self, warehouse: &str) -> i64 {
        self.stock.iter().find(|(w, _)| w == warehouse).map_or(0, |(_, n)| *n)
    }
}

/// The catalogue: warehouses and parts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    pub warehouses: Vec<Warehouse>,
    pub parts: Vec<CataloguePart>,
}

/// Where a requisition is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequisitionStatus {
    Requested,
    Issued,
    Cancelled,
}

impl RequisitionStatus {
    /// The translation key of the status label.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Requested => "parts.status.requested",
            Self::Issued => "parts.status.issued",
            Self::Cancelled => "parts.status.cancelled",
        }
    }
}

/// A spare-part requisition (配件领用单) of a ticket: numbered per ticket from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requisition {
    pub seq: u32,
    pub warehouse: String,
    pub lines: Vec<PartQuantity>,
    pub status: RequisitionStatus,
    pub requested_by: String,
    pub requested_at: DateTime<FixedOffset>,
    pub issued_by: Option<String>,
    pub issued_at: Option<DateTime<FixedOffset>>,
}

/// Asking the warehouse for parts for a ticket.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequisitionRequest {
    pub target: RecordTarget,
    pub warehouse: String,
    pub lines: Vec<LineInput>,
}

/// The warehouse issuing (or cancelling) requisition `seq` of a ticket.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IssueRequest {
    pub target: RecordTarget,
    pub seq: u32,
    /// Cancel instead of issuing (the parts are not needed any more).
    pub cancel: bool,
}

/// Booking parts into a warehouse (goods received), as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StockReceipt {
    pub warehouse: String,
    pub part_code: String,
    pub name: String,
    /// Price per unit in yuan, two decimals; needed when the part is new to the catalogue.
    pub unit_price: String,
    pub quantity: String,
}
