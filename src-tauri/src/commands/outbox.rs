//! Outbox commands: "Kirim", the list of what is on its way, "Coba lagi", and one sent
//! application's status and timeline from the server.

use chrono::Utc;
use kk_device_store::{DraftId, OutboxItem, OutboxState};
use kk_domain::api::ApplicationView;
use kk_domain::status::ApplicationStatus;
use kk_domain::wire::{OutboxEntry, OutboxEntryState};
use kk_sync::AccountClient;
use tauri::State;

use crate::{ShellError, ShellState};

/// "Kirim": queues the draft's current version and wakes the sync worker. Works offline and
/// before login; the item then waits.
#[tauri::command]
pub fn send_draft(state: State<'_, ShellState>, id: String) -> Result<OutboxEntry, ShellError> {
    let logged_in = state.store().account_session()?.is_some();
    let item = state.with_store(|store, owner| store.queue_for_sending(owner, &DraftId(id)))?;
    state.sync_wakeup.notify_one();
    Ok(entry(item, logged_in))
}

#[tauri::command]
pub fn list_outbox(state: State<'_, ShellState>) -> Result<Vec<OutboxEntry>, ShellError> {
    let logged_in = state.store().account_session()?.is_some();
    let items = state.with_store(|store, owner| store.outbox(owner))?;
    Ok(items
        .into_iter()
        .map(|item| entry(item, logged_in))
        .collect())
}

/// "Coba lagi": everything waiting is tried now.
#[tauri::command]
pub fn retry_sending(state: State<'_, ShellState>) -> Result<(), ShellError> {
    state.with_store(|store, owner| store.outbox_retry_all_now(owner, Utc::now()))?;
    state.sync_wakeup.notify_one();
    Ok(())
}

/// The server's view of a sent application: its status and timeline.
#[tauri::command]
pub async fn application_status(
    state: State<'_, ShellState>,
    id: String,
) -> Result<ApplicationView, ShellError> {
    let (item, session) = {
        let store = state.store();
        let session = store.account_session()?;
        let owner = session
            .as_ref()
            .map(|s| s.owner())
            .unwrap_or(kk_device_store::Owner::Device);
        (store.outbox_item(&owner, &DraftId(id))?, session)
    };
    let not_sent = || {
        ShellError::refused(
            "outbox.not_sent",
            "Permohonan ini belum terkirim.",
            "This application has not been sent yet.",
        )
    };
    let (Some(item), Some(session)) = (item, session) else {
        return Err(not_sent());
    };
    let server_id = item.server_id.ok_or_else(not_sent)?;
    Ok(AccountClient::new(&state.server_url)
        .application(&session.token, &server_id)
        .await?)
}

fn entry(item: OutboxItem, logged_in: bool) -> OutboxEntry {
    let registration_number = match &item.state {
        OutboxState::Sent {
            registration_number,
            ..
        } => Some(registration_number.clone()),
        _ => None,
    };
    let state = match item.state {
        OutboxState::Waiting => OutboxEntryState::Waiting {
            needs_login: !logged_in,
        },
        OutboxState::Uploading {
            bytes_done,
            bytes_total,
        } => OutboxEntryState::Uploading {
            bytes_done,
            bytes_total,
        },
        OutboxState::Sent { .. } => OutboxEntryState::Sent,
        OutboxState::Failed => OutboxEntryState::Failed,
    };
    OutboxEntry {
        draft_id: item.draft_id.0,
        service: item.application.service,
        family_name: item.application.family_name(),
        state,
        registration_number,
        server_status: item
            .server_status
            .as_deref()
            .and_then(ApplicationStatus::from_key),
        reason: item.last_error.map(|error| error.message),
    }
}
