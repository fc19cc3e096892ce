//! Autosave: every change is validated at once by the shell (the kk-domain rules with the region
//! table, kept out of the wasm bundle) and saved 250 ms after the last keystroke, so a killed app
//! loses at most that quarter second.

use std::time::Duration;

use kk_domain::application::Application;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::wizard::state::{DraftState, SaveState};

const SAVE_DELAY: Duration = Duration::from_millis(250);

pub fn start_autosave(state: DraftState) {
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
        let handle = set_timeout_with_handle(move || save_now(state, changes), SAVE_DELAY).ok();
        pending.set_value(handle);
    });
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
fn save_now(state: DraftState, changes: StoredValue<u64>) {
    let application = state.application.get_untracked();
    let saving = changes.get_value();
    let id = state.id.get_value();
    spawn_local(async move {
        match ipc::save_draft(id, application).await {
            Ok(saved) => {
                if saved.revision > state.saved_revision.get_untracked() {
                    state.saved_revision.set(saved.revision);
                }
                if changes.get_value() == saving {
                    state.issues.set(saved.issues);
                    state.save_state.set(SaveState::Saved);
                }
            }
            Err(error) => state.save_state.set(SaveState::Failed(error)),
        }
    });
}
