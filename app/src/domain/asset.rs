//! A customer's product unit (设备档案): what it is, where it stands, and the cover it has. Its warranty
//! status on any day comes from the same rules as the warranty decision at diagnosis.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::intake::limits;
use super::service::warranty::{WarrantyDecision, WarrantyFacts, WarrantyForm, decide};
use super::text::{clean_optional, clean_text};
use super::{FieldError, PhoneNumber, SerialNumber};

/// The asset form exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssetInput {
    pub serial_number: String,
    pub product_model: String,
    pub company: String,
    pub contact_name: String,
    pub phone: String,
    pub region: String,
    /// Where the unit stands (site address, workshop, line).
    pub location: String,
    /// `YYYY-MM-DD`: shipped (warranty starts here) and bought; either may be empty.
    pub ship_date: String,
    pub purchase_date: String,
    pub warranty_months: String,
    /// `YYYY-MM-DD`: last day of a service contract, empty when there is none.
    pub contract_until: String,
    pub seal_intact: bool,
}

/// A checked product unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssetFacts {
    pub serial_number: SerialNumber,
    pub product_model: String,
    pub company: String,
    pub contact_name: Option<String>,
    pub phone: Option<PhoneNumber>,
    pub region: String,
    pub location: Option<String>,
    pub ship_date: Option<NaiveDate>,
    pub purchase_date: Option<NaiveDate>,
    pub warranty_months: u32,
    pub contract_until: Option<NaiveDate>,
    pub seal_intact: bool,
}

impl AssetInput {
    /// Checks every field against company-local `today`; returns the unit or every field error.
    pub fn check(&self, today: NaiveDate) -> Result<AssetFacts, Vec<FieldError>> {
        let mut errors = Vec::new();
        let serial_number = SerialNumber::parse(&self.serial_number)
            .map_err(|_| {
                let code = if self.serial_number.trim().is_empty() {
                    "error.required"
                } else {
                    "error.invalid_serial"
                };
                errors.push(FieldError::new("serial_number", code))
            })
            .ok();
        let mut required = |field: &str, raw: &str, max: usize| {
            clean_text(raw, max, true).map_err(|e| errors.push(FieldError::new(field, e.code()))).ok()
        };
        let product_model = required("product_model", &self.product_model, limits::PRODUCT_MODEL);
        let company = required("company", &self.company, limits::COMPANY);
        let region = required("region", &self.region, limits::REGION);
        let mut optional = |field: &str, raw: &str, max: usize| {
            clean_optional(raw, max)
                .map_err(|e| errors.push(FieldError::new(field, e.code())))
                .unwrap_or_default()
        };
        let contact_name = optional("contact_name", &self.contact_name, limits::CONTACT);
        let location = optional("location", &self.location, limits::ADDRESS);
        let phone = match self.phone.trim() {
            "" => None,
            raw => PhoneNumber::parse(raw)
                .map_err(|_| errors.push(FieldError::new("phone", "error.invalid_phone")))
                .ok(),
        };
        // Warranty start is the ship date; the purchase date is checked the same way.
        let cover = WarrantyForm {
            start_date: &self.ship_date,
            months: &self.warranty_months,
            contract_until: &self.contract_until,
            seal_broken: !self.seal_intact,
            user_caused: false,
        }
        .check(today)
        .map_err(|e| {
            errors.extend(e.into_iter().map(|mut f| {
                f.field = match f.field.as_str() {
                    "start_date" => "ship_date".into(),
                    "months" => "warranty_months".into(),
                    other => other.into(),
                };
                f
            }))
        })
        .ok();
        let purchase = WarrantyForm {
            start_date: &self.purchase_date,
            months: "0",
            contract_until: "",
            seal_broken: false,
            user_caused: false,
        }
        .check(today)
        .map_err(|e| {
            errors.extend(e.into_iter().map(|mut f| {
                f.field = "purchase_date".into();
                f
            }))
        })
        .ok();
        match (serial_number, product_model, company, region, cover, purchase) {
            (
                Some(serial_number),
                Some(product_model),
                Some(company),
                Some(region),
                Some(cover),
                Some(purchase),
            ) if errors.is_empty() => Ok(AssetFacts {
                serial_number,
                product_model,
                company,
                contact_name,
                phone,
                region,
                location,
                ship_date: cover.start,
                purchase_date: purchase.start,
                warranty_months: cover.months,
                contract_until: cover.contract_until,
                seal_intact: self.seal_intact,
            }),
            _ => Err(errors),
        }
    }
}

impl AssetFacts {
    /// The warranty facts of this unit (no fault judged yet, so nothing is user-caused).
    pub fn warranty_facts(&self) -> WarrantyFacts {
        WarrantyFacts {
            start: self.ship_date.or(self.purchase_date),
            months: self.warranty_months,
            contract_until: self.contract_until,
            seal_broken: !self.seal_intact,
            user_caused: false,
        }
    }

    /// How a repair on `day` would be charged, and until when the cover runs.
    pub fn warranty_on(&self, day: NaiveDate) -> WarrantyDecision {
        decide(&self.warranty_facts(), day)
    }

    /// The form filled with this unit, for editing.
    pub fn to_input(&self) -> AssetInput {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        AssetInput {
            serial_number: self.serial_number.to_string(),
            product_model: self.product_model.clone(),
            company: self.company.clone(),
            contact_name: self.contact_name.clone().unwrap_or_default(),
            phone: self.phone.as_ref().map(|p| p.to_string()).unwrap_or_default(),
            region: self.region.clone(),
            location: self.location.clone().unwrap_or_default(),
            ship_date: date(self.ship_date),
            purchase_date: date(self.purchase_date),
            warranty_months: self.warranty_months.to_string(),
            contract_until: date(self.contract_until),
            seal_intact: self.seal_intact,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::service::ChargeClass;
    use crate::domain::service::warranty::WarrantyBasis;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn input() -> AssetInput {
        AssetInput {
            serial_number: " vmc850-2025-0007 ".into(),
            product_model: "VMC-850 立式加工中心".into(),
            company: "苏州精工机械有限公司".into(),
            region: "华东·苏州".into(),
            ship_date: "2025-03-10".into(),
            warranty_months: "12".into(),
            seal_intact: true,
            ..AssetInput::default()
        }
    }

    #[test]
    fn a_unit_is_covered_through_the_day_before_its_anniversary_then_charged() {
        let unit = input().check(day("2026-11-26")).unwrap();
        assert_eq!(unit.serial_number.as_str(), "VMC850-2025-0007");
        let last = unit.warranty_on(day("2026-03-09"));
        assert_eq!((last.class, last.covered_until), (ChargeClass::Free, Some(day("2026-03-09"))));
        assert_eq!(unit.warranty_on(day("2026-03-10")).basis, WarrantyBasis::Expired);
        let contract =
            AssetInput { contract_until: "2027-03-09".into(), ..input() }.check(day("2026-11-26")).unwrap();
        assert_eq!(contract.warranty_on(day("2026-11-26")).class, ChargeClass::Contract);
        let broken = AssetInput { seal_intact: false, ..input() }.check(day("2026-11-26")).unwrap();
        assert_eq!(broken.warranty_on(day("2025-04-01")).basis, WarrantyBasis::SealBroken);
    }

    #[test]
    fn the_purchase_date_starts_the_cover_when_the_ship_date_is_unknown() {
        let unit = AssetInput { ship_date: String::new(), purchase_date: "2026-01-15".into(), ..input() }
            .check(day("2026-11-26"))
            .unwrap();
        assert_eq!(unit.warranty_on(day("2026-11-26")).class, ChargeClass::Free);
        assert_eq!(unit.to_input().purchase_date, "2026-01-15");
    }

    #[test]
    fn every_bad_field_is_named_with_the_form_field_it_came_from() {
        let bad = AssetInput {
            serial_number: "a b".into(),
            product_model: " ".into(),
            phone: "12".into(),
            ship_date: "2027-01-01".into(),
            purchase_date: "2026-02-30".into(),
            warranty_months: "-1".into(),
            contract_until: "tomorrow".into(),
            ..input()
        };
        let mut fields: Vec<String> =
            bad.check(day("2026-11-26")).unwrap_err().into_iter().map(|f| f.field).collect();
        fields.sort();
        assert_eq!(
            fields,
            [
                "contract_until",
                "phone",
                "product_model",
                "purchase_date",
                "serial_number",
                "ship_date",
                "warranty_months"
            ]
        );
        let empty = AssetInput::default().check(day("2026-11-26")).unwrap_err();
        assert!(empty.iter().any(|f| f.field == "serial_number" && f.code == "error.required"));
    }
}
