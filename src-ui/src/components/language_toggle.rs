//! The ID/EN switch in the top bar. Bahasa Indonesia is the default; the button names the other
//! language in that language, so someone who cannot read the current one still finds it.

use leptos::prelude::*;

use crate::i18n::{Locale, t, use_i18n};

#[component]
pub fn LanguageToggle() -> impl IntoView {
    let i18n = use_i18n();
    let switch = move |_| {
        let next = match i18n.get_locale() {
            Locale::id => Locale::en,
            Locale::en => Locale::id,
        };
        i18n.set_locale(next);
    };
    view! {
        <button
            id="language-toggle"
            class="language-toggle"
            type="button"
            on:click=switch
            // The visible name is the accessible name (WCAG 2.5.3); the title explains it.
            title=move || t_string_label(i18n)
            lang=move || match i18n.get_locale() {
                Locale::id => "en",
                Locale::en => "id",
            }
        >
            {t!(i18n, language_toggle)}
        </button>
    }
}

fn t_string_label(i18n: leptos_i18n::I18nContext<Locale>) -> &'static str {
    crate::i18n::t_string!(i18n, language_toggle_label)
}
