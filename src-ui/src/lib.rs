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

mod clock;
mod components;
mod ipc;
mod language;
mod lazy_pages;
mod navigation;
mod pages;
mod wizard;

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;

use kk_domain::wire::{AppInfo, ErrorBody};

use crate::components::error_notice::ErrorNotice;
use crate::components::kiosk::KioskGuard;
use crate::components::top_bar::TopBar;
use crate::i18n::{I18nContextProvider, t_string, use_i18n};
use crate::lazy_pages::lazy_page;
use crate::navigation::{Page, provide_navigation};
use crate::pages::home::HomePage;

/// Entry point called by `boot.js` once the wasm module has loaded.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
    lazy_pages::preload_the_wizard_soon();
}

#[component]
pub fn App() -> impl IntoView {
    let page = provide_navigation();
    // What the shell says about itself decides the frame: a kiosk, or a problem to show.
    let info = LocalResource::new(ipc::app_info);
    let pages = move || match page.get() {
        Page::Home => view! { <HomePage /> }.into_any(),
        Page::Draft(id) => lazy_page(lazy_pages::draft_page(id)),
        Page::Status(id) => lazy_page(lazy_pages::status_page(id)),
        Page::MyKk => lazy_page(lazy_pages::my_kk_page()),
        Page::VerifyKk => lazy_page(lazy_pages::verify_page()),
    };
    view! {
        <I18nContextProvider>
            {move || info.get().map(|info| match info {
                Ok(AppInfo { startup_problem: Some(error), .. }) => {
                    view! { <StartupProblem error /> }.into_any()
                }
                Ok(info) => {
                    let kiosk = info.kiosk;
                    provide_context(info);
                    view! {
                        {kiosk.map(|timing| view! { <KioskGuard timing /> })}
                        {pages}
                    }
                    .into_any()
                }
                Err(_) => pages.into_any(),
            })}
        </I18nContextProvider>
    }
}

/// Shown instead of everything else when the shell cannot use the app's data.
#[component]
fn StartupProblem(error: ErrorBody) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TopBar />
        <main id="main" class="startup-problem">
            <h1 id="startup-problem-title">{t_string!(i18n, startup_problem_title)}</h1>
            <ErrorNotice error />
        </main>
    }
}
