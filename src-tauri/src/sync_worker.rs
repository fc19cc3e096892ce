//! The background sync: on start, whenever "Kirim", "Coba lagi", a login or the window
//! regaining focus rings, at each item's next try (2 s doubling to 5 min, with jitter), and
//! every 30 s to pull status changes.
//! It sends nothing without a session; items then wait for the citizen to log in.
//! Each round ends by telling the UI (`outbox-changed`) so the list redraws, and an OS
//! notification says when an application was sent or its status changed.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use kk_domain::status::ApplicationStatus;
use kk_sync::{AccountClient, Engine, ItemOutcome, ServerClient};
use tauri::{AppHandle, Emitter, Runtime};

use crate::ShellState;

/// How often status changes are pulled when nothing else wakes the worker.
const STATUS_EVERY: Duration = Duration::from_secs(30);

pub const OUTBOX_CHANGED_EVENT: &str = "outbox-changed";

pub fn start<R: Runtime>(app: AppHandle<R>, state: &ShellState) {
    let store = Arc::clone(&state.store);
    let wakeup = Arc::clone(&state.sync_wakeup);
    let server_url = state.server_url.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            let session = store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .account_session()
                .ok()
                .flatten();
            let mut pause = STATUS_EVERY;
            if let Some(session) = session {
                let owner = session.owner();
                let engine = Engine::new(
                    Arc::clone(&store),
                    owner.clone(),
                    ServerClient::new(&server_url, &session.token),
                );
                match engine.send_due().await {
                    Ok(outcomes) => {
                        for (_, outcome) in outcomes {
                            if let ItemOutcome::Sent {
                                registration_number,
                            } = outcome
                            {
                                notify(
                                    &app,
                                    &format!(
                                        "Permohonan terkirim. Nomor registrasi: {registration_number}"
                                    ),
                                );
                            }
                        }
                    }
                    Err(error) => log_line(&format!("sending the outbox failed: {error}")),
                }
                if let Ok(changes) = engine.pull_statuses().await {
                    for change in changes {
                        let status = ApplicationStatus::from_key(&change.status)
                            .map(|status| status.title().id)
                            .unwrap_or(change.status);
                        notify(&app, &format!("{}: {status}", change.registration_number));
                    }
                }
                match engine.download_issued().await {
                    Ok(completed) => {
                        for registration_number in completed {
                            notify(
                                &app,
                                &format!("{registration_number}: KK siap dibuka di \"KK saya\""),
                            );
                        }
                    }
                    Err(error) => log_line(&format!("issued KK download paused: {error}")),
                }
                let _ = engine.refresh_trusted_keys().await;
                let _ = app.emit(OUTBOX_CHANGED_EVENT, ());
                let next = store
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .next_outbox_attempt(&owner)
                    .ok()
                    .flatten();
                if let Some(next) = next {
                    let until = (next - Utc::now())
                        .to_std()
                        .unwrap_or(Duration::from_millis(200));
                    pause = pause.min(until.max(Duration::from_millis(200)));
                }
            }
            AccountClient::new(&server_url)
                .end_sessions_left_behind(&store)
                .await;
            let _ = tokio::time::timeout(pause, wakeup.notified()).await;
        }
    });
}

/// An OS notification (libnotify on Linux, the system tray elsewhere), in Bahasa Indonesia.
/// Without a notification service (a headless machine) it is skipped; the outbox list still
/// shows the news.
fn notify<R: Runtime>(app: &AppHandle<R>, body: &str) {
    use tauri_plugin_notification::NotificationExt;
    if let Err(error) = app
        .notification()
        .builder()
        .title("KK Mandiri")
        .body(body)
        .show()
    {
        log_line(&format!("no OS notification: {error}"));
    }
}

/// The shell logs to stderr; this line never carries personal data, only the error's kind.
fn log_line(line: &str) {
    eprintln!("kk-mandiri: {line}");
}
