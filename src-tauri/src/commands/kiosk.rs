//! The kiosk's commands: a sign that a person is still there, and the end of a session
//! ("Selesai", or the idle warning running out).

use tauri::{AppHandle, Manager, Runtime, State};

use crate::{ShellError, ShellState};

/// The UI saw a touch, a key or a click (it reports at most every few seconds).
#[tauri::command]
pub fn kiosk_activity(state: State<'_, ShellState>) {
    if let Some(kiosk) = &state.kiosk {
        kiosk.note_activity();
    }
}

/// Wipes the session: its database file and key, and whatever the WebView held. The UI then
/// reloads itself to the home screen.
#[tauri::command]
pub fn end_kiosk_session<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, ShellState>,
) -> Result<(), ShellError> {
    state.wipe_kiosk_session()?;
    if let Some(window) = app.get_webview_window("main") {
        // The WebView is incognito in kiosk mode; this also empties its memory caches.
        let _ = window.clear_all_browsing_data();
    }
    Ok(())
}
