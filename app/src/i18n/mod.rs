//! Translations: every UI string lives in `app/locales/<locale>.json`; code refers to them by key.

mod negotiate;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub use negotiate::{LANG_COOKIE, negotiate};

/// A language the UI is fully translated to. zh-CN is the default for new visitors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    /// Every supported locale, in the order the language switch lists them.
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::En];

    /// The BCP 47 tag used in `<html lang>`, the cookie and the file name.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    /// The locale for a tag written by [`Locale::tag`]; `None` for anything else.
    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.tag().eq_ignore_ascii_case(tag.trim()))
    }

    /// The language's name in itself, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::ZhCn => "中文",
            Locale::En => "English",
        }
    }
}

type Catalog = HashMap<String, String>;

fn catalog(locale: Locale) -> &'static Catalog {
    static ZH: OnceLock<Catalog> = OnceLock::new();
    static EN: OnceLock<Catalog> = OnceLock::new();
    // The files are part of the binary and checked by tests, so a parse failure can only be a build
    // defect; an empty catalog then shows keys instead of crashing.
    match locale {
        Locale::ZhCn => ZH.get_or_init(|| {
            serde_json::from_str(include_str!("../../locales/zh-CN.json")).unwrap_or_default()
        }),
        Locale::En => {
            EN.get_or_init(|| serde_json::from_str(include_str!("../../locales/en.json")).unwrap_or_default())
        }
    }
}

/// The text for `key` in `locale`. A missing key shows itself, so a gap is visible rather than blank.
pub fn tr(locale: Locale, key: &str) -> String {
    catalog(locale).get(key).cloned().unwrap_or_else(|| key.to_owned())
}

/// Like [`tr`], replacing `{name}` placeholders with the given values.
pub fn tr_with(locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
    args.iter().fold(tr(locale, key), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}

/// Whether `key` exists in `locale`'s catalog.
pub fn has_key(locale: Locale, key: &str) -> bool {
    catalog(locale).contains_key(key)
}

#[cfg(test)]
mod tests;

mod context;
pub use context::{I18n, LanguageSwitch, provide_i18n, use_i18n};
#[cfg(feature = "ssr")]
pub use context::{request_locale, request_locale_tag};
