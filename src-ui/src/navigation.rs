//! Which page is showing. Two pages need no router yet; the wizard's step pages will bring
//! leptos_router and real URLs.

use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Home,
    /// The task list of one draft, by id.
    Draft(String),
    /// The server's status of a sent application, by draft id.
    Status(String),
    /// "KK saya": the issued KKs, opened with their PIN.
    MyKk,
    /// "Verifikasi KK": check any KK's QR code offline.
    VerifyKk,
}

/// The app-wide page signal, provided by the root.
pub fn provide_navigation() -> RwSignal<Page> {
    let page = RwSignal::new(Page::Home);
    provide_context(page);
    page
}

pub fn use_navigation() -> RwSignal<Page> {
    expect_context::<RwSignal<Page>>()
}
