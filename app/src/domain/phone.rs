use serde::{Deserialize, Serialize};

/// A customer's phone number: a Chinese mobile (`13812345678`), a landline with area code
/// (`0512-6688 1234`, optionally with an extension `-801`), or a 400/800 service number.
///
/// Stored normalised: digits with a single `-` after the area code and before an extension, `+86`/`0086`
/// prefixes removed. Use [`PhoneNumber::parse`] at every boundary.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

/// Why a text is not a phone number we can call back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a valid phone number")]
pub struct InvalidPhoneNumber;

impl PhoneNumber {
    /// Parses what an agent types: spaces, dashes, dots and parentheses are allowed between digits.
    pub fn parse(text: &str) -> Result<Self, InvalidPhoneNumber> {
        let text = text.trim();
        if text.len() > 32 {
            return Err(InvalidPhoneNumber);
        }
        let (main, extension) = match text.split_once(['#', '转', 'x', 'X']) {
            Some((main, ext)) => (main, Some(ext.trim())),
            None => (text, None),
        };
        let mut digits = String::new();
        for (i, c) in main.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if i == 0 => {}
                ' ' | '-' | '.' | '(' | ')' => {}
                _ => return Err(InvalidPhoneNumber),
            }
        }
        let digits = digits
            .strip_prefix("0086")
            .or_else(|| main.trim_start().starts_with('+').then(|| digits.strip_prefix("86")).flatten())
            .map(str::to_owned)
            .unwrap_or(digits);
        let mut normalised = Self::normalise_main(&digits)?;
        if let Some(ext) = extension {
            if ext.is_empty() || ext.len() > 6 || !ext.bytes().all(|b| b.is_ascii_digit()) {
                return Err(InvalidPhoneNumber);
            }
            if !normalised.contains('-') {
                return Err(InvalidPhoneNumber);
            }
            normalised.push('-');
            normalised.push_str(ext);
        }
        Ok(Self(normalised))
    }

    fn normalise_main(digits: &str) -> Result<String, InvalidPhoneNumber> {
        let b = digits.as_bytes();
        let is_mobile = b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]);
        if is_mobile {
            return Ok(digits.to_owned());
        }
        let is_service = b.len() == 10 && (digits.starts_with("400") || digits.starts_with("800"));
        if is_service {
            return Ok(digits.to_owned());
        }
        if b.first() == Some(&b'0') && b.get(1).is_some_and(|d| *d != b'0') {
            // Two-digit area codes (010, 02x) are Beijing and the big cities; the rest have four digits.
            let area_len = if b[1] == b'1' || b[1] == b'2' { 3 } else { 4 };
            let local = b.len().saturating_sub(area_len);
            if (7..=8).contains(&local) {
                return Ok(format!("{}-{}", &digits[..area_len], &digits[area_len..]));
            }
        }
        Err(InvalidPhoneNumber)
    }

    /// The normalised number, suitable for a `tel:` link.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

super::parsed_text_impls!(PhoneNumber, InvalidPhoneNumber);

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> String {
        PhoneNumber::parse(text).unwrap_or_else(|_| panic!("{text} should parse")).0
    }

    #[test]
    fn a_mobile_number_is_kept_as_eleven_digits() {
        assert_eq!(ok("138 1234 5678"), "13812345678");
        assert_eq!(ok("+86 138-1234-5678"), "13812345678");
        assert_eq!(ok("0086 13812345678"), "13812345678");
    }

    #[test]
    fn a_landline_gets_a_dash_after_its_area_code() {
        assert_eq!(ok("0512-66881234"), "0512-66881234");
        assert_eq!(ok("(010) 8888 6666"), "010-88886666");
        assert_eq!(ok("021 6123 4567"), "021-61234567");
        assert_eq!(ok("0755-1234567"), "0755-1234567");
    }

    #[test]
    fn a_landline_may_carry_an_extension() {
        assert_eq!(ok("0512-66881234 转 801"), "0512-66881234-801");
        assert_eq!(ok("010-88886666#12"), "010-88886666-12");
    }

    #[test]
    fn service_numbers_are_accepted() {
        assert_eq!(ok("400-820-8820"), "4008208820");
    }

    #[test]
    fn garbage_and_near_misses_are_rejected() {
        for bad in [
            "",
            "12345",
            "1381234567",
            "138123456789",
            "12812345678",
            "abc13812345678",
            "0512-123",
            "13812345678 转 801",
            "0512-66881234 转 ",
            "<script>alert(1)</script>",
            "+",
            "0000-12345678",
            "1381234567８",
        ] {
            assert_eq!(PhoneNumber::parse(bad), Err(InvalidPhoneNumber), "{bad}");
        }
    }
}
