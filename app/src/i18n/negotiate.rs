use super::Locale;

/// The cookie that remembers a browser's language choice.
pub const LANG_COOKIE: &str = "afterdesk_lang";

/// Picks the UI language for a request: the remembered choice in the cookie header first, then the
/// best-weighted supported language of `Accept-Language`, then zh-CN.
pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Locale {
    if let Some(locale) = cookie_header.and_then(from_cookie) {
        return locale;
    }
    accept_language.and_then(from_accept_language).unwrap_or_default()
}

fn from_cookie(header: &str) -> Option<Locale> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| Locale::from_tag(value))
}

fn from_accept_language(header: &str) -> Option<Locale> {
    let mut best: Option<(f32, Locale)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let quality = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        let locale = if tag == "zh" || tag.starts_with("zh-") {
            Locale::ZhCn
        } else if tag == "en" || tag.starts_with("en-") {
            Locale::En
        } else {
            continue;
        };
        if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, locale));
        }
    }
    best.map(|(_, locale)| locale)
}
