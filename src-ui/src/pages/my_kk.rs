//! "KK saya": the family's current KK from the register ([`MyFamily`]), then the issued KKs
//! on this device. Each downloads in the background (progress shows
//! here); once complete, the PIN from the SMS opens it. The PIN lives in this page's memory
//! only, for printing, and is gone when the page closes. The preview is rendered pages; the
//! official document is the PDF, which "Simpan PDF" saves and "Cetak" sends to the printer.

use std::time::Duration;

use kk_domain::wire::{ErrorBody, IssuedKkEntry};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::back_home::BackHome;
use crate::components::error_notice::ErrorNotice;
use crate::components::kiosk::is_kiosk;
use crate::components::top_bar::TopBar;
use crate::i18n::{t_string, use_i18n};
use crate::ipc;
use crate::pages::my_family::MyFamily;

#[component]
pub fn MyKkPage() -> impl IntoView {
    let i18n = use_i18n();
    let tick = RwSignal::new(0u32);
    let entries = LocalResource::new(move || {
        tick.track();
        ipc::list_issued_kks()
    });
    // Re-read while a KK is still coming; once every KK is whole, stop, so an opened KK (and
    // the PIN typed for it) stays on screen.
    let still_coming = move || match entries.get_untracked() {
        Some(Ok(list)) => list.is_empty() || list.iter().any(|e| e.downloaded_bytes < e.pdf_bytes),
        _ => true,
    };
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if still_coming() {
                tick.update(|t| *t += 1)
            }
        },
        Duration::from_millis(2000),
    ) {
        on_cleanup(move || handle.clear());
    }
    let list = move || match entries.get() {
        Some(Ok(list)) if list.is_empty() => {
            view! { <p id="kk-none" class="hint">{t_string!(i18n, kk_none)}</p> }.into_any()
        }
        Some(Ok(list)) => list
            .into_iter()
            .map(|entry| view! { <IssuedKk entry /> })
            .collect_view()
            .into_any(),
        Some(Err(error)) => view! { <ErrorNotice error /> }.into_any(),
        None => ().into_any(),
    };
    view! {
        <TopBar />
        <main id="main" class="my-kk">
            <BackHome />
            <h1 id="my-kk-title">{t_string!(i18n, kk_title)}</h1>
            <MyFamily />
            {list}
        </main>
    }
}

#[component]
fn IssuedKk(entry: IssuedKkEntry) -> impl IntoView {
    let i18n = use_i18n();
    let complete = entry.downloaded_bytes == entry.pdf_bytes;
    let heading = view! {
        <h2 class="kk-number">{t_string!(i18n, kk_number)} " " <span id="kk-number">{entry.kk_number.clone()}</span></h2>
        <p class="hint">{t_string!(i18n, outbox_registration)} ": " {entry.registration_number.clone()}</p>
    };
    if !complete {
        return view! {
            <section class="kk-card">
                {heading}
                <p id="kk-downloading">{t_string!(i18n, kk_downloading)}</p>
                <progress max=entry.pdf_bytes.to_string() value=entry.downloaded_bytes.to_string()></progress>
            </section>
        }
        .into_any();
    }
    view! { <section class="kk-card">{heading}<PinPanel server_id=entry.server_id /></section> }
        .into_any()
}

#[component]
fn PinPanel(server_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let pin = RwSignal::new(String::new());
    let pages = RwSignal::new(Vec::<String>::new());
    let problem = RwSignal::new(None::<ErrorBody>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = StoredValue::new(server_id);
    let open = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        busy.set(true);
        spawn_local(async move {
            let result = ipc::open_issued_kk(id.get_value(), pin.get_untracked()).await;
            busy.set(false);
            match result {
                Ok(opened) => {
                    problem.set(None);
                    pages.set(opened.pages);
                }
                Err(error) => problem.set(Some(error)),
            }
        });
    };
    let print = move |_| {
        done.set(None);
        spawn_local(async move {
            match ipc::print_issued_kk(id.get_value(), pin.get_untracked()).await {
                Ok(job) => done.set(Some(job)),
                Err(error) => problem.set(Some(error)),
            }
        });
    };
    let is_kiosk = is_kiosk();
    let save = move |_| {
        done.set(None);
        spawn_local(async move {
            match ipc::save_issued_kk(id.get_value()).await {
                Ok(path) => done.set(Some(path)),
                Err(error) => problem.set(Some(error)),
            }
        });
    };
    view! {
        <form class="pin-form" on:submit=open>
            <label for="kk-pin">{t_string!(i18n, kk_pin_label)}</label>
            <p class="hint" id="kk-pin-hint">{t_string!(i18n, kk_pin_hint)}</p>
            <input id="kk-pin" type="text" autocomplete="off" autocapitalize="characters"
                spellcheck="false" maxlength="24" aria-describedby="kk-pin-hint"
                prop:value=move || pin.get()
                on:input=move |event| pin.set(event_target_value(&event)) />
            <button id="kk-open" type="submit" class="button" disabled=move || busy.get()>
                {t_string!(i18n, kk_open)}
            </button>
        </form>
        <div id="kk-problem">{move || problem.get().map(|error| view! { <ErrorNotice error /> })}</div>
        {move || (!pages.get().is_empty()).then(|| view! {
            <p class="notice">{t_string!(i18n, kk_preview_note)}</p>
            <div class="kk-actions">
                <button id="kk-print" type="button" class="button" on:click=print>{t_string!(i18n, kk_print)}</button>
                // A kiosk keeps nothing of a citizen, so it offers no "Simpan PDF".
                {(!is_kiosk).then(|| view! {
                    <button id="kk-save" type="button" class="button secondary" on:click=save>{t_string!(i18n, kk_save)}</button>
                })}
            </div>
            <p id="kk-done" role="status">{move || done.get()}</p>
            <div id="kk-preview">
                {pages.get().into_iter().enumerate().map(|(index, source)| view! {
                    <img class="kk-page" src=source alt=format!("{} {}", t_string!(i18n, kk_page), index + 1) />
                }).collect_view()}
            </div>
        })}
    }
}
