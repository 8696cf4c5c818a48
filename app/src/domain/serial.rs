use serde::{Deserialize, Serialize};

/// A product unit's serial number as printed on its nameplate: 4 to 40 letters, digits, `-`, `/` or `.`,
/// starting with a letter or digit. Stored in upper case so that `ab-123` and `AB-123` are the same unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SerialNumber(String);

/// Why a text is not a serial number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a valid serial number")]
pub struct InvalidSerialNumber;

impl SerialNumber {
    /// Parses a typed or scanned serial number; surrounding spaces are ignored, inner spaces are not.
    pub fn parse(text: &str) -> Result<Self, InvalidSerialNumber> {
        let text = text.trim();
        let valid_chars = text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.'));
        let starts_well = text.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if (4..=40).contains(&text.len()) && valid_chars && starts_well {
            Ok(Self(text.to_ascii_uppercase()))
        } else {
            Err(InvalidSerialNumber)
        }
    }

    /// The normalised serial number.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

super::parsed_text_impls!(SerialNumber, InvalidSerialNumber);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_serial_number_is_upper_cased_and_trimmed() {
        assert_eq!(SerialNumber::parse(" dx3000-2025/0117 ").unwrap().as_str(), "DX3000-2025/0117");
    }

    #[test]
    fn a_serial_number_with_spaces_is_rejected() {
        assert_eq!(SerialNumber::parse("DX 3000"), Err(InvalidSerialNumber));
    }

    #[test]
    fn too_short_too_long_or_odd_serial_numbers_are_rejected() {
        let long = "A".repeat(41);
        for bad in ["", "ABC", long.as_str(), "-ABC1", "AB<1>", "序列号1234", "AB_12"] {
            assert_eq!(SerialNumber::parse(bad), Err(InvalidSerialNumber), "{bad}");
        }
        assert!(SerialNumber::parse(&"A".repeat(40)).is_ok());
    }
}
