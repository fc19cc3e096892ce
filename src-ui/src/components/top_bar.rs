//! The green bar on every page: the app's name, the language toggle, and on a kiosk "Selesai",
//! which ends the session and wipes it.

use leptos::prelude::*;

use crate::components::kiosk::{finish_session, is_kiosk};
use crate::components::language_toggle::LanguageToggle;
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn TopBar() -> impl IntoView {
    let i18n = use_i18n();
    let is_kiosk = is_kiosk();
    view! {
        <header class="top-bar">
            <span class="brand">{t!(i18n, app_name)}</span>
            <LanguageToggle />
            {is_kiosk.then(|| view! {
                <button id="kiosk-finish" type="button" class="button finish" on:click=move |_| finish_session()>
                    {t_string!(i18n, kiosk_finish)}
                </button>
            })}
        </header>
    }
}
