//! Draft commands: the wizard's autosave and the drafts list. Drafts belong to this device
//! before login and to the account after it (`ShellState::owner`).

use kk_device_store::{Draft, DraftId};
use kk_domain::api::FamilyView;
use kk_domain::application::{Application, Service};
use kk_domain::register::starts_from_register;
use kk_domain::validation::{self, Issue, Severity, ValidationContext};
use kk_domain::wire::{DraftSummary, DraftView};
use tauri::State;

use crate::{ShellError, ShellState};

/// A new application: prefilled from the family's current KK when the service starts from
/// one and the device has it (the KK number, the address and every member as recorded, and
/// the register's version, so an outdated start is caught at approval).
fn starting_point(service: Service, family: Option<&FamilyView>) -> Application {
    let mut application = Application {
        service: Some(service),
        ..Application::default()
    };
    if let Some(view) = family.filter(|_| starts_from_register(service)) {
        application.existing_kk_number = view.family.kk_number.clone();
        application.address = view.family.address.clone();
        application.members = view.family.members_as_recorded();
        application.register_version = Some(view.version);
    }
    application
}

/// Creates a draft for `service`, prefilled from the family kept on the device if it applies.
#[tauri::command]
pub fn create_draft(
    state: State<'_, ShellState>,
    service: Service,
) -> Result<DraftView, ShellError> {
    let draft = state.with_store(|store, owner| {
        let family = store.family(owner)?;
        let application = starting_point(service, family.as_ref());
        store.create_draft(owner, &application)
    })?;
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

#[cfg(test)]
mod tests {
    use kk_domain::application::{ChangeReason, NewKkReason};
    use kk_domain::sample;

    use super::*;

    #[test]
    fn a_change_starts_from_the_kept_family_and_a_new_family_from_nothing() {
        let view = FamilyView {
            family: sample::registered_family(),
            version: 3,
        };
        let birth = starting_point(Service::Change(ChangeReason::Birth), Some(&view));
        assert_eq!(birth.existing_kk_number, "3201012006150003");
        assert_eq!(birth.members.len(), 3);
        assert_eq!(birth.register_version, Some(3));
        let married = starting_point(Service::NewKk(NewKkReason::NewlyMarried), Some(&view));
        assert!(married.members.is_empty());
        assert_eq!(married.register_version, None);
        let offline_first = starting_point(Service::Change(ChangeReason::Birth), None);
        assert!(offline_first.members.is_empty());
    }
}
