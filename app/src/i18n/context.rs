//! The reactive side of translations: the current locale as a signal, and the language switch.

use leptos::prelude::*;

use super::{LANG_COOKIE, Locale, tr, tr_with};

/// The current UI language. Copy it into closures and call [`I18n::t`] inside reactive code so text
/// follows a language switch without a reload.
#[derive(Clone, Copy)]
pub struct I18n {
    pub locale: RwSignal<Locale>,
}

impl I18n {
    /// The translation of `key` in the current locale (tracks the locale).
    pub fn t(&self, key: &str) -> String {
        tr(self.locale.get(), key)
    }

    /// Like [`I18n::t`], filling `{name}` placeholders.
    pub fn t_with(&self, key: &str, args: &[(&str, &str)]) -> String {
        tr_with(self.locale.get(), key, args)
    }
}

/// The [`I18n`] provided by [`provide_i18n`] at the top of the app.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n { locale: RwSignal::new(Locale::default()) })
}

/// Makes the request's language (server) or the language the page was rendered in (browser) the
/// app's current locale.
pub fn provide_i18n() -> I18n {
    let i18n = I18n { locale: RwSignal::new(initial_locale()) };
    provide_context(i18n);
    i18n
}

/// The locale of the request being rendered: the language cookie, then `Accept-Language`.
#[cfg(feature = "ssr")]
pub fn request_locale() -> Locale {
    use http::header::{ACCEPT_LANGUAGE, COOKIE};
    let Some(parts) = use_context::<http::request::Parts>() else {
        return Locale::default();
    };
    let header = |name| parts.headers.get(name).and_then(|v| v.to_str().ok());
    super::negotiate(header(COOKIE), header(ACCEPT_LANGUAGE))
}

#[cfg(feature = "ssr")]
fn initial_locale() -> Locale {
    request_locale()
}

/// In the browser the server already chose: it wrote the locale into `<html lang>`.
#[cfg(not(feature = "ssr"))]
fn initial_locale() -> Locale {
    document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|tag| Locale::from_tag(&tag))
        .unwrap_or_default()
}

/// Buttons that switch the UI language at once and remember the choice in this browser for a year.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let choose = move |locale: Locale| {
        i18n.locale.set(locale);
        remember(locale);
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || i18n.t("nav.language")>
            {Locale::ALL
                .into_iter()
                .map(|locale| {
                    view! {
                        <button
                            type="button"
                            lang=locale.tag()
                            aria-pressed=move || (i18n.locale.get() == locale).to_string()
                            on:click=move |_| choose(locale)
                        >
                            {locale.native_name()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[cfg(not(feature = "ssr"))]
fn remember(locale: Locale) {
    use wasm_bindgen::JsCast;
    let doc = document();
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("lang", locale.tag());
    }
    if let Ok(html_doc) = doc.dyn_into::<web_sys::HtmlDocument>() {
        let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", locale.tag());
        let _ = html_doc.set_cookie(&cookie);
    }
}

#[cfg(feature = "ssr")]
fn remember(_locale: Locale) {
    let _ = LANG_COOKIE;
}

/// The `lang` tag for the document being rendered (server only).
#[cfg(feature = "ssr")]
pub fn request_locale_tag() -> &'static str {
    request_locale().tag()
}
