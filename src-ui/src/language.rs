//! The current language as the domain knows it, derived from the i18n context, so domain texts
//! (service names, validation messages) follow the same toggle as the UI's own strings.

use kk_domain::text::Language;

use crate::i18n::{Locale, use_i18n};

/// Reactive: read inside a closure in `view!` to follow the toggle.
pub fn current_language() -> Language {
    match use_i18n().get_locale() {
        Locale::en => Language::En,
        Locale::id => Language::Id,
    }
}
