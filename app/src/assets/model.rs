//! The shared DTOs of product units: the unit as stored, its service visits, and the card intake and
//! the asset page show.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::asset::{AssetFacts, AssetInput};
use crate::domain::repeat::{EarlierService, FaultCategory};
use crate::domain::service::warranty::WarrantyDecision;
use crate::domain::{ServiceType, TicketStatus};

/// A product unit as stored: the checked facts and the version an edit must name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Asset {
    pub facts: AssetFacts,
    pub version: u64,
    pub updated_at: DateTime<FixedOffset>,
}

/// One earlier (or current) ticket of a unit, newest first on its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssetVisit {
    pub number: String,
    pub status: TicketStatus,
    pub service_type: ServiceType,
    pub fault_category: Option<FaultCategory>,
    pub repeat_of: Option<String>,
    pub created_at: DateTime<FixedOffset>,
}

/// What is known about a serial number: the unit if registered, its cover today, its tickets, and
/// whether a new fault of the asked category would repeat an earlier repair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssetCard {
    /// The serial number as normalised (upper case).
    pub serial_number: String,
    pub asset: Option<Asset>,
    pub warranty: Option<WarrantyDecision>,
    pub visits: Vec<AssetVisit>,
    /// The ticket a new one with the asked fault category would repeat.
    pub repeat_of: Option<String>,
    /// The repeat window in days (company setting).
    pub repeat_window_days: u32,
}

impl AssetCard {
    /// How many of the unit's tickets were flagged as repeat repairs.
    pub fn repeat_count(&self) -> usize {
        self.visits.iter().filter(|v| v.repeat_of.is_some()).count()
    }
}

/// Saving the asset form: `version` is `None` to register a new unit, else the version edited.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssetSave {
    pub input: AssetInput,
    pub version: Option<u64>,
}

/// A row of the asset list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssetSummary {
    pub serial_number: String,
    pub product_model: String,
    pub company: String,
    pub region: String,
    pub warranty: WarrantyDecision,
}

/// An asset label: the unit, and its QR code (SVG) pointing at the unit's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssetLabel {
    pub asset: Asset,
    pub warranty: WarrantyDecision,
    pub page_url: String,
    pub qr_svg: String,
}

/// The visits as repeat detection sees them, leaving out ticket `except` (the one being judged).
pub fn earlier_services(visits: &[AssetVisit], except: Option<&str>) -> Vec<EarlierService> {
    visits
        .iter()
        .filter(|v| Some(v.number.as_str()) != except)
        .map(|v| EarlierService {
            number: v.number.clone(),
            category: v.fault_category,
            opened: v.created_at.date_naive(),
            cancelled: v.status == TicketStatus::Cancelled,
        })
        .collect()
}
