//! "Kiriman saya": what the citizen sent, each with its state: waiting (for a connection or a
//! login), uploading with a progress bar, sent with its registration number, or failed with the
//! server's own reason. "Coba lagi" sends everything waiting now. The list re-reads the shell
//! every 1.5 s, a local call, so progress moves without any server traffic.

use std::time::Duration;

use kk_domain::wire::{OutboxEntry, OutboxEntryState};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::error_notice::ErrorNotice;
use crate::i18n::{t_string, use_i18n};
use crate::ipc;
use crate::language::current_language;
use crate::navigation::{Page, use_navigation};

#[component]
pub fn OutboxList() -> impl IntoView {
    let i18n = use_i18n();
    let tick = RwSignal::new(0u32);
    if let Ok(handle) = set_interval_with_handle(
        move || tick.update(|t| *t += 1),
        Duration::from_millis(1500),
    ) {
        on_cleanup(move || handle.clear());
    }
    let items = LocalResource::new(move || {
        tick.track();
        ipc::list_outbox()
    });
    let retry = move |_| {
        spawn_local(async move {
            let _ = ipc::retry_sending().await;
            tick.update(|t| *t += 1);
        })
    };
    move || match items.get() {
        Some(Ok(list)) if !list.is_empty() => view! {
            <section id="outbox" class="drafts" aria-labelledby="outbox-title">
                <h2 id="outbox-title">{t_string!(i18n, outbox_title)}</h2>
                <ul class="draft-rows">
                    {list.into_iter().map(|entry| view! { <OutboxRow entry /> }).collect_view()}
                </ul>
                <button type="button" id="retry-sending" class="button secondary" on:click=retry>
                    {t_string!(i18n, outbox_retry)}
                </button>
            </section>
        }
        .into_any(),
        Some(Err(error)) => view! { <ErrorNotice error /> }.into_any(),
        _ => ().into_any(),
    }
}

#[component]
fn OutboxRow(entry: OutboxEntry) -> impl IntoView {
    let i18n = use_i18n();
    let navigation = use_navigation();
    let service = entry.service;
    let state = entry.state;
    let reason = entry.reason.clone();
    let status = entry.server_status;
    let id = entry.draft_id.clone();
    let state_text = move || match state {
        OutboxEntryState::Waiting { needs_login: true } => {
            t_string!(i18n, outbox_waiting_login).into_any()
        }
        OutboxEntryState::Waiting { needs_login: false } => {
            t_string!(i18n, outbox_waiting).into_any()
        }
        OutboxEntryState::Uploading { .. } => t_string!(i18n, outbox_uploading).into_any(),
        OutboxEntryState::Sent => match status {
            Some(status) => status
                .title()
                .in_language(current_language())
                .to_owned()
                .into_any(),
            None => t_string!(i18n, outbox_sent).into_any(),
        },
        OutboxEntryState::Failed => t_string!(i18n, outbox_failed).into_any(),
    };
    view! {
        <li class="draft-row outbox-row" data-draft=entry.draft_id.clone()>
            <p class="draft-service">
                {move || service.map(|s| s.title().in_language(current_language()).to_owned()).unwrap_or_default()}
            </p>
            <p class="draft-family">{entry.family_name.clone().unwrap_or_default()}</p>
            <p class="outbox-state">{state_text}</p>
            {match state {
                OutboxEntryState::Uploading { bytes_done, bytes_total } => Some(view! {
                    <progress class="upload-progress" max=bytes_total.max(1).to_string() value=bytes_done.to_string()
                        aria-label=format!("{} / {} KB", bytes_done / 1024, bytes_total / 1024)></progress>
                    <span class="progress-numbers">{format!("{} / {} KB", bytes_done / 1024, bytes_total / 1024)}</span>
                }),
                _ => None,
            }}
            {entry.registration_number.clone().map(|number| view! {
                <p class="registration">
                    {t_string!(i18n, outbox_registration)} ": " <strong class="registration-number">{number}</strong>
                </p>
                <button type="button" class="button secondary view-status"
                    on:click=move |_| navigation.set(Page::Status(id.clone()))>
                    {t_string!(i18n, outbox_view_status)}
                </button>
            })}
            {reason.filter(|_| !matches!(state, OutboxEntryState::Sent)).map(|reason| view! {
                <p class="outbox-reason" role="status">{move || reason.in_language(current_language()).to_owned()}</p>
            })}
        </li>
    }
}
