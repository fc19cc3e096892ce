//! The draft being edited, shared by the task list and every step page through context.

use kk_domain::application::Application;
use kk_domain::validation::{Issue, IssueOrigin, Severity, Step};
use kk_domain::wire::{DraftView, ErrorBody};
use leptos::prelude::*;

/// Where autosave stands, shown near the top of each page.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    Saved,
    Saving,
    Failed(ErrorBody),
}

/// The screens of a draft: its task list, one step's page, or the check-answers page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Tasks,
    Step(Step),
    Review,
}

/// All signals, so the struct is `Copy` and closures can take it freely.
#[derive(Clone, Copy)]
pub struct DraftState {
    pub id: StoredValue<String>,
    pub application: RwSignal<Application>,
    /// The latest issues, from the shell: checked on every change, and again after each save.
    pub issues: RwSignal<Vec<Issue>>,
    /// The newest revision the shell has confirmed; older answers are ignored.
    pub saved_revision: RwSignal<i64>,
    pub save_state: RwSignal<SaveState>,
    /// What the draft page shows.
    pub screen: RwSignal<Screen>,
    /// On the members step: the member whose form is open (`None` shows the list).
    pub editing_member: RwSignal<Option<usize>>,
    /// Steps where the citizen pressed "Lanjutkan" (or finished a member). Only these show
    /// messages, as GOV.UK does: a fresh page is not a wall of red, and no message appears
    /// when a field is left, which would move the button under a finger mid-tap.
    pub attempted: RwSignal<Vec<Step>>,
}

impl DraftState {
    pub fn new(draft: DraftView) -> DraftState {
        DraftState {
            id: StoredValue::new(draft.id),
            application: RwSignal::new(draft.application),
            issues: RwSignal::new(draft.issues),
            saved_revision: RwSignal::new(draft.revision),
            save_state: RwSignal::new(SaveState::Saved),
            screen: RwSignal::new(Screen::Tasks),
            editing_member: RwSignal::new(None),
            attempted: RwSignal::new(Vec::new()),
        }
    }

    /// The issues of one field that the citizen should see now. An officer's reason for a
    /// return shows at once: it is why the citizen is here.
    pub fn visible_issues(&self, step: Step, field: &str) -> Vec<Issue> {
        let attempted = self.was_attempted(step);
        self.issues.with(|issues| {
            issues
                .iter()
                .filter(|issue| issue.field == field)
                .filter(|issue| attempted || issue.origin == IssueOrigin::Officer)
                .cloned()
                .collect()
        })
    }

    pub fn errors_in(&self, step: Step) -> Vec<Issue> {
        self.issues.with(|issues| {
            issues
                .iter()
                .filter(|issue| issue.step == step && issue.severity == Severity::Error)
                .cloned()
                .collect()
        })
    }

    pub fn was_attempted(&self, step: Step) -> bool {
        self.attempted.with(|steps| steps.contains(&step))
    }

    pub fn mark_attempted(&self, step: Step) {
        if !self.was_attempted(step) {
            self.attempted.update(|steps| steps.push(step));
        }
    }
}

pub fn use_draft() -> DraftState {
    expect_context::<DraftState>()
}
