//! "← Beranda": the way back to the home page, at the top of every page opened from it.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};
use crate::navigation::{Page, use_navigation};

#[component]
pub fn BackHome() -> impl IntoView {
    let i18n = use_i18n();
    let navigation = use_navigation();
    view! {
        <button id="back-home" type="button" class="link-button" on:click=move |_| navigation.set(Page::Home)>
            "← " {t!(i18n, back_home)}
        </button>
    }
}
