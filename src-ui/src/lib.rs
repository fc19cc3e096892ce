//! The KK Mandiri UI: Leptos 0.8, client-side rendered, compiled to wasm32 and hosted by the
//! Tauri shell. This file holds only the app root; pages live under `pages/`, shared pieces
//! under `components/`, and every call to the shell goes through `ipc`.
//!
//! Architecture invariant: the UI never touches the network or the disk. It asks the shell.

// Translations load from locales/*.json at compile time. leptos_i18n 0.6 prefers a build.rs
// generator (leptos_i18n_build), but that pulls in ICU's data exporter, which doubles the UI's
// cold build; the macro generates the same module.
#[allow(deprecated)]
mod translations {
    leptos_i18n::load_locales!();
}
use translations::i18n;

mod components;
mod ipc;
mod language;
mod navigation;
mod pages;
mod wizard;

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::i18n::I18nContextProvider;
use crate::navigation::{Page, provide_navigation};
use crate::pages::draft::DraftPage;
use crate::pages::home::HomePage;
use crate::pages::my_kk::MyKkPage;
use crate::pages::status::StatusPage;
use crate::pages::verify::VerifyPage;

/// Entry point called by `boot.js` once the wasm module has loaded.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    let page = provide_navigation();
    view! {
        <I18nContextProvider>
            {move || match page.get() {
                Page::Home => view! { <HomePage /> }.into_any(),
                Page::Draft(id) => view! { <DraftPage id /> }.into_any(),
                Page::Status(id) => view! { <StatusPage id /> }.into_any(),
                Page::MyKk => view! { <MyKkPage /> }.into_any(),
                Page::VerifyKk => view! { <VerifyPage /> }.into_any(),
            }}
        </I18nContextProvider>
    }
}
