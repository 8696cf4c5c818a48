//! Registering a service request: what the intake form sends and the rules it must pass.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::repeat::FaultCategory;
use super::text::{TextError, clean_optional, clean_text};
use super::{Channel, PhoneNumber, SerialNumber, ServiceType, TicketNumber, Urgency};

/// The intake form exactly as typed. Every field is text so that a wrong value comes back as a field
/// error the agent can fix, rather than as an unreadable request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntakeInput {
    pub company: String,
    pub contact_name: String,
    pub phone: String,
    pub region: String,
    pub address: String,
    pub product_model: String,
    pub serial_number: String,
    /// `YYYY-MM-DD`, or empty when unknown.
    pub purchase_date: String,
    pub fault_description: String,
    /// A [`FaultCategory`] wire name, or empty when not classified yet.
    pub fault_category: String,
    pub channel: String,
    pub service_type: String,
    pub urgency: String,
    pub preferred_time: String,
}

/// A request that passed every intake rule, ready to be stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewTicket {
    pub company: String,
    pub contact_name: String,
    pub phone: PhoneNumber,
    pub region: String,
    pub address: Option<String>,
    pub product_model: String,
    pub serial_number: Option<SerialNumber>,
    pub purchase_date: Option<NaiveDate>,
    pub fault_description: String,
    pub fault_category: Option<FaultCategory>,
    /// The earlier ticket of the same unit this one repeats: set by the server from the unit's
    /// history (see [`super::repeat::repeat_of`]), never by the form.
    pub repeat_of: Option<TicketNumber>,
    pub channel: Channel,
    pub service_type: ServiceType,
    pub urgency: Urgency,
    pub preferred_time: Option<String>,
}

/// One problem with one field of a form: `field` names the input, `code` is the translation key of the
/// message shown beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    /// For a field of many lines: the line (from 1) the problem is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl FieldError {
    pub(crate) fn new(field: &str, code: &str) -> Self {
        Self { field: field.to_owned(), code: code.to_owned(), line: None }
    }
}

/// Longest accepted inputs, in characters.
pub mod limits {
    pub const COMPANY: usize = 100;
    pub const CONTACT: usize = 50;
    pub const REGION: usize = 50;
    pub const ADDRESS: usize = 200;
    pub const PRODUCT_MODEL: usize = 100;
    pub const FAULT: usize = 2000;
    pub const PREFERRED_TIME: usize = 100;
}

/// Service types that send a technician to the customer and therefore need a site address.
pub fn needs_site_address(service_type: ServiceType) -> bool {
    matches!(service_type, ServiceType::FieldRepair | ServiceType::Installation | ServiceType::Maintenance)
}

fn text_code(e: TextError) -> &'static str {
    e.code()
}

impl IntakeInput {
    /// Checks every field and returns either the new ticket or all field errors at once.
    /// `today` is the company-local date, used to refuse purchase dates in the future.
    pub fn validate(&self, today: NaiveDate) -> Result<NewTicket, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut required = |field: &str, raw: &str, max: usize| {
            clean_text(raw, max, true).map_err(|e| errors.push(FieldError::new(field, text_code(e)))).ok()
        };
        let company = required("company", &self.company, limits::COMPANY);
        let contact_name = required("contact_name", &self.contact_name, limits::CONTACT);
        let region = required("region", &self.region, limits::REGION);
        let product_model = required("product_model", &self.product_model, limits::PRODUCT_MODEL);
        let fault_description = required("fault_description", &self.fault_description, limits::FAULT);

        let mut optional = |field: &str, raw: &str, max: usize| {
            clean_optional(raw, max)
                .map_err(|e| errors.push(FieldError::new(field, text_code(e))))
                .unwrap_or_default()
        };
        let address = optional("address", &self.address, limits::ADDRESS);
        let preferred_time = optional("preferred_time", &self.preferred_time, limits::PREFERRED_TIME);

        let phone = if self.phone.trim().is_empty() {
            errors.push(FieldError::new("phone", "error.required"));
            None
        } else {
            PhoneNumber::parse(&self.phone)
                .map_err(|_| errors.push(FieldError::new("phone", "error.invalid_phone")))
                .ok()
        };
        let serial_number = if self.serial_number.trim().is_empty() {
            None
        } else {
            SerialNumber::parse(&self.serial_number)
                .map_err(|_| errors.push(FieldError::new("serial_number", "error.invalid_serial")))
                .ok()
        };
        let purchase_date = parse_purchase_date(&self.purchase_date, today)
            .map_err(|code| errors.push(FieldError::new("purchase_date", code)))
            .unwrap_or_default();

        let mut choice = |field: &str, raw: &str, parse: &dyn Fn(&str) -> Option<()>| {
            if raw.trim().is_empty() {
                errors.push(FieldError::new(field, "error.required"));
            } else if parse(raw.trim()).is_none() {
                errors.push(FieldError::new(field, "error.unknown_value"));
            }
        };
        choice("channel", &self.channel, &|s| Channel::parse(s).map(drop));
        choice("service_type", &self.service_type, &|s| ServiceType::parse(s).map(drop));
        choice("urgency", &self.urgency, &|s| Urgency::parse(s).map(drop));
        let fault_category = match self.fault_category.trim() {
            "" => None,
            raw => FaultCategory::parse(raw).or_else(|| {
                errors.push(FieldError::new("fault_category", "error.unknown_value"));
                None
            }),
        };
        let channel = Channel::parse(self.channel.trim());
        let service_type = ServiceType::parse(self.service_type.trim());
        let urgency = Urgency::parse(self.urgency.trim());

        if let Some(t) = service_type
            && needs_site_address(t)
            && address.is_none()
            && !errors.iter().any(|e| e.field == "address")
        {
            errors.push(FieldError::new("address", "error.address_needed_on_site"));
        }

        match (
            company,
            contact_name,
            phone,
            region,
            product_model,
            fault_description,
            channel,
            service_type,
            urgency,
        ) {
            (
                Some(company),
                Some(contact_name),
                Some(phone),
                Some(region),
                Some(product_model),
                Some(fault_description),
                Some(channel),
                Some(service_type),
                Some(urgency),
            ) if errors.is_empty() => Ok(NewTicket {
                company,
                contact_name,
                phone,
                region,
                address,
                product_model,
                serial_number,
                purchase_date,
                fault_description,
                fault_category,
                repeat_of: None,
                channel,
                service_type,
                urgency,
                preferred_time,
            }),
            _ => Err(errors),
        }
    }
}

fn parse_purchase_date(raw: &str, today: NaiveDate) -> Result<Option<NaiveDate>, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| "error.invalid_date")?;
    let earliest = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap_or(NaiveDate::MIN);
    if date > today {
        Err("error.date_in_future")
    } else if date < earliest {
        Err("error.invalid_date")
    } else {
        Ok(Some(date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn valid() -> IntakeInput {
        IntakeInput {
            company: "苏州精工机械有限公司".into(),
            contact_name: "王建国".into(),
            phone: "138 1234 5678".into(),
            region: "华东·苏州".into(),
            address: "苏州工业园区星湖街 328 号".into(),
            product_model: "VMC-850 立式加工中心".into(),
            serial_number: "vmc850-2024-0117".into(),
            purchase_date: "2025-03-18".into(),
            fault_description: "主轴启动后异响，报警 ALM-401".into(),
            fault_category: "mechanical".into(),
            channel: "phone".into(),
            service_type: "field_repair".into(),
            urgency: "high".into(),
            preferred_time: "明天上午".into(),
        }
    }

    fn codes(input: &IntakeInput) -> Vec<(String, String)> {
        let mut v: Vec<_> = input
            .validate(today())
            .expect_err("should be refused")
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        v.sort();
        v
    }

    fn pair(f: &str, c: &str) -> (String, String) {
        (f.to_owned(), c.to_owned())
    }

    #[test]
    fn the_fault_category_is_optional_but_must_be_one_of_the_list() {
        assert_eq!(valid().validate(today()).unwrap().fault_category, Some(FaultCategory::Mechanical));
        let unclassified = IntakeInput { fault_category: " ".into(), ..valid() };
        assert_eq!(unclassified.validate(today()).unwrap().fault_category, None);
        let unknown = IntakeInput { fault_category: "gremlins".into(), ..valid() };
        assert_eq!(codes(&unknown), vec![pair("fault_category", "error.unknown_value")]);
    }

    #[test]
    fn a_complete_request_is_accepted_and_normalised() {
        let t = valid().validate(today()).unwrap();
        assert_eq!(t.phone.as_str(), "13812345678");
        assert_eq!(t.serial_number.unwrap().as_str(), "VMC850-2024-0117");
        assert_eq!(t.service_type, ServiceType::FieldRepair);
        assert_eq!(t.purchase_date, NaiveDate::from_ymd_opt(2025, 3, 18));
    }

    #[test]
    fn an_empty_form_reports_every_required_field() {
        let got = codes(&IntakeInput::default());
        let expected: Vec<_> = [
            "channel",
            "company",
            "contact_name",
            "fault_description",
            "phone",
            "product_model",
            "region",
            "service_type",
            "urgency",
        ]
        .iter()
        .map(|f| pair(f, "error.required"))
        .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn a_whitespace_fault_description_is_missing() {
        let input = IntakeInput { fault_description: " \n ".into(), ..valid() };
        assert_eq!(codes(&input), [pair("fault_description", "error.required")]);
    }

    #[test]
    fn oversized_text_is_refused_per_field() {
        let input = IntakeInput { fault_description: "坏".repeat(2001), ..valid() };
        assert_eq!(codes(&input), [pair("fault_description", "error.too_long")]);
    }

    #[test]
    fn unknown_choices_are_named() {
        let input = IntakeInput { service_type: "teleport".into(), urgency: "asap".into(), ..valid() };
        assert_eq!(
            codes(&input),
            [pair("service_type", "error.unknown_value"), pair("urgency", "error.unknown_value")]
        );
    }

    #[test]
    fn bad_phone_serial_and_dates_are_named() {
        let input = IntakeInput {
            phone: "12345".into(),
            serial_number: "A B".into(),
            purchase_date: "2026-11-26".into(),
            ..valid()
        };
        assert_eq!(
            codes(&input),
            [
                pair("phone", "error.invalid_phone"),
                pair("purchase_date", "error.date_in_future"),
                pair("serial_number", "error.invalid_serial"),
            ]
        );
        let input = IntakeInput { purchase_date: "2026-02-30".into(), ..valid() };
        assert_eq!(codes(&input), [pair("purchase_date", "error.invalid_date")]);
    }

    #[test]
    fn on_site_service_needs_an_address_but_a_consultation_does_not() {
        let input = IntakeInput { address: "".into(), ..valid() };
        assert_eq!(codes(&input), [pair("address", "error.address_needed_on_site")]);
        let input = IntakeInput { address: "".into(), service_type: "consultation".into(), ..valid() };
        assert!(input.validate(today()).is_ok());
    }

    #[test]
    fn markup_in_text_fields_is_kept_as_data() {
        let input = IntakeInput { company: "<script>alert(1)</script>".into(), ..valid() };
        assert_eq!(input.validate(today()).unwrap().company, "<script>alert(1)</script>");
    }
}
