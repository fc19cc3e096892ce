//! Draft commands: the wizard's autosave and the drafts list. Drafts belong to this device
//! before login and to the account after it (`ShellState::owner`).

use kk_device_store::{Draft, DraftId};
use kk_domain::application::{Application, Service};
use kk_domain::validation::{self, Issue, Severity, ValidationContext};
use kk_domain::wire::{DraftSummary, DraftView};
use tauri::State;

use crate::{ShellError, ShellState};

#[tauri::command]
pub fn create_draft(
    state: State<'_, ShellState>,
    service: Service,
) -> Result<DraftView, ShellError> {
    let application = Application {
        service: Some(service),
        ..Application::default()
    };
    let draft = state.with_store(|store, owner| store.create_draft(owner, &application))?;
    Ok(view_of(&state, draft))
}

#[tauri::command]
pub fn open_draft(state: State<'_, ShellState>, id: String) -> Result<DraftView, ShellError> {
    let draft = state.with_store(|store, owner| store.draft(owner, &DraftId(id)))?;
    Ok(view_of(&state, draft))
}

/// Saves a new version and returns it with its issues.
#[tauri::command]
pub fn save_draft(
    state: State<'_, ShellState>,
    id: String,
    application: Application,
) -> Result<DraftView, ShellError> {
    // Runs on every autosave: answer from what was just written rather than reading it back.
    let revision = state
        .with_store(|store, owner| store.save_draft(owner, &DraftId(id.clone()), &application))?;
    let issues = issues_of(&state, &id, &application);
    Ok(DraftView {
        id,
        revision,
        application,
        issues,
    })
}

/// Validates a draft as it is being typed, without saving it: the UI asks on every change, so
/// the kk-domain rules (region table included) run here rather than ship inside the wasm bundle.
#[tauri::command]
pub fn check_draft(
    state: State<'_, ShellState>,
    id: String,
    application: Application,
) -> Result<Vec<Issue>, ShellError> {
    Ok(issues_of(&state, &id, &application))
}

#[tauri::command]
pub fn list_drafts(state: State<'_, ShellState>) -> Result<Vec<DraftSummary>, ShellError> {
    let drafts = state.with_store(|store, owner| store.drafts(owner))?;
    Ok(drafts
        .into_iter()
        .map(|draft| summarise(&state, draft))
        .collect())
}

#[tauri::command]
pub fn duplicate_draft(
    state: State<'_, ShellState>,
    id: String,
) -> Result<DraftSummary, ShellError> {
    let copy = state.with_store(|store, owner| store.duplicate_draft(owner, &DraftId(id)))?;
    Ok(summarise(&state, copy))
}

#[tauri::command]
pub fn delete_draft(state: State<'_, ShellState>, id: String) -> Result<(), ShellError> {
    state.with_store(|store, owner| store.delete_draft(owner, &DraftId(id)))?;
    Ok(())
}

fn view_of(state: &ShellState, draft: Draft) -> DraftView {
    let issues = issues_of(state, &draft.id.0, &draft.application);
    DraftView {
        id: draft.id.0,
        revision: draft.revision,
        application: draft.application,
        issues,
    }
}

fn summarise(state: &ShellState, draft: Draft) -> DraftSummary {
    let issues = validation::validate(&draft.application, &context(state));
    let count = |severity| {
        issues
            .iter()
            .filter(|issue| issue.severity == severity)
            .count()
    };
    DraftSummary {
        family_name: draft.application.family_name(),
        service: draft.application.service,
        updated_at: draft.updated_at,
        error_count: count(Severity::Error),
        warning_count: count(Severity::Warning),
        id: draft.id.0,
    }
}

/// Every issue of a draft: the rules with the full region table, plus what the server said
/// (a refusal's field errors, or an officer's reasons for a return) until the next "Kirim".
fn issues_of(state: &ShellState, id: &str, application: &Application) -> Vec<Issue> {
    let mut issues = validation::validate(application, &context(state));
    let from_server = state
        .with_store(|store, owner| store.server_issues(owner, &DraftId(id.to_owned())))
        .unwrap_or_default();
    issues.extend(from_server);
    issues
}

fn context(state: &ShellState) -> ValidationContext<'_> {
    ValidationContext::new(state.today(), Some(&state.regions))
}
