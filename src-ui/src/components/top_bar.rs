//! The green bar on every page: the app's name and the language toggle.

use leptos::prelude::*;

use crate::components::language_toggle::LanguageToggle;
use crate::i18n::{t, use_i18n};

#[component]
pub fn TopBar() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="top-bar">
            <span class="brand">{t!(i18n, app_name)}</span>
            <LanguageToggle />
        </header>
    }
}
