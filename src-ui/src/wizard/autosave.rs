//! Autosave: every change is validated at once by the shell (the kk-domain rules with the region
//! table, kept out of the wasm bundle) and saved 250 ms after the last keystroke, so a killed app
//! loses at most that quarter second.
//!
//! A save still waiting is made at once on every way out of the page: leaving the draft (back,
//! home, a send: the page's cleanup runs before the next page shows), and the window losing
//! focus or being hidden (another app, a locked phone, the app closing). Text typed just
//! before tapping "← Beranda" used to be lost with the page.

use std::time::Duration;

use kk_domain::application::Application;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::wizard::state::{DraftState, SaveState};

const SAVE_DELAY: Duration = Duration::from_millis(250);

/// The delay after the last keystroke: [`SAVE_DELAY`], unless the shell says otherwise.
fn save_delay() -> Duration {
    use_context::<kk_domain::wire::AppInfo>()
        .and_then(|info| info.save_delay_ms)
        .map_or(SAVE_DELAY, Duration::from_millis)
}

pub fn start_autosave(state: DraftState) {
    let delay = save_delay();
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // Counts the changes: an answer about an older version is known by its count.
    let changes = StoredValue::new(0_u64);
    Effect::new(move |previous: Option<()>| {
        let application = state.application.get();
        if previous.is_none() {
            return; // The first run only subscribes; the loaded draft is already saved.
        }
        changes.update_value(|count| *count += 1);
        check_now(state, application, changes);
        state.save_state.set(SaveState::Saving);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                pending.try_set_value(None);
                save_now(state, changes);
            },
            delay,
        )
        .ok();
        pending.set_value(handle);
    });
    let flush = move || flush_pending(state, pending, changes);
    let blur = window_event_listener(leptos::ev::blur, move |_| flush());
    let hidden = window_event_listener_untyped("visibilitychange", move |_| flush());
    let closing = window_event_listener(leptos::ev::pagehide, move |_| flush());
    on_cleanup(move || {
        flush();
        blur.remove();
        hidden.remove();
        closing.remove();
    });
}

/// Makes a save that is waiting for its delay now.
fn flush_pending(
    state: DraftState,
    pending: StoredValue<Option<TimeoutHandle>>,
    changes: StoredValue<u64>,
) {
    if let Some(Some(handle)) = pending.try_get_value() {
        handle.clear();
        pending.try_set_value(None);
        save_now(state, changes);
    }
}

/// Asks the shell for the issues of this version at once; an answer about an older version
/// (overtaken by a newer keystroke) is dropped.
fn check_now(state: DraftState, application: Application, changes: StoredValue<u64>) {
    let checked = changes.get_value();
    let id = state.id.get_value();
    spawn_local(async move {
        if let Ok(issues) = ipc::check_draft(id, application).await
            && changes.get_value() == checked
        {
            state.issues.set(issues);
        }
    });
}

/// Saves the current version. "Saved" shows only when no change came after it: a newer
/// keystroke is still waiting for its own save, and until then the citizen sees "Saving".
///
/// It may run as the page goes away, so it reads what it needs at once and, once the shell
/// has answered, updates the page only if it is still there.
fn save_now(state: DraftState, changes: StoredValue<u64>) {
    let (Some(application), Some(id)) = (
        state.application.try_get_untracked(),
        state.id.try_get_value(),
    ) else {
        return;
    };
    let saving = changes.try_get_value().unwrap_or_default();
    spawn_local(async move {
        match ipc::save_draft(id, application).await {
            Ok(saved) => {
                if state
                    .saved_revision
                    .try_get_untracked()
                    .is_some_and(|known| saved.revision > known)
                {
                    state.saved_revision.try_set(saved.revision);
                }
                if changes.try_get_value() == Some(saving) {
                    state.issues.try_set(saved.issues);
                    state.save_state.try_set(SaveState::Saved);
                }
            }
            Err(error) => {
                state.save_state.try_set(SaveState::Failed(error));
            }
        }
    });
}
