//! Free-text fields: what people type into forms, cleaned the same way everywhere.

/// Why a free-text field was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Nothing but whitespace.
    #[error("required")]
    Required,
    /// More characters than the field holds.
    #[error("too long")]
    TooLong,
}

impl TextError {
    /// The translation key of the message shown next to the field.
    pub fn code(self) -> &'static str {
        match self {
            Self::Required => "error.required",
            Self::TooLong => "error.too_long",
        }
    }
}

/// Trims the text, turns control characters (other than line breaks and tabs) into spaces and enforces a
/// length in characters (not bytes: Chinese text counts one per character).
///
/// HTML is kept as typed: it is data, and every view escapes it.
pub fn clean_text(raw: &str, max_chars: usize, required: bool) -> Result<String, TextError> {
    let cleaned: String =
        raw.trim().chars().map(|c| if c.is_control() && c != '\n' && c != '\t' { ' ' } else { c }).collect();
    if required && cleaned.is_empty() {
        return Err(TextError::Required);
    }
    if cleaned.chars().count() > max_chars {
        return Err(TextError::TooLong);
    }
    Ok(cleaned)
}

/// Like [`clean_text`] for an optional field: empty input gives `None`.
pub fn clean_optional(raw: &str, max_chars: usize) -> Result<Option<String>, TextError> {
    clean_text(raw, max_chars, false).map(|s| (!s.is_empty()).then_some(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_only_text_is_missing_when_required() {
        assert_eq!(clean_text(" \n\t ", 10, true), Err(TextError::Required));
        assert_eq!(clean_optional("   ", 10), Ok(None));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert_eq!(clean_text("设备无法开机", 6, true).as_deref(), Ok("设备无法开机"));
        assert_eq!(clean_text("设备无法开机了", 6, true), Err(TextError::TooLong));
    }

    #[test]
    fn control_characters_become_spaces_but_line_breaks_stay() {
        assert_eq!(clean_text("a\u{0}b\nc", 10, true).as_deref(), Ok("a b\nc"));
    }

    #[test]
    fn markup_is_kept_verbatim() {
        assert_eq!(clean_text("<b>x</b>", 20, true).as_deref(), Ok("<b>x</b>"));
    }
}
