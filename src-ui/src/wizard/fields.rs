//! Field components in the GOV.UK pattern: a real label, a hint, the field's own messages under
//! it (errors and warnings look different), and an error summary at the top that links to each
//! field.

use kk_domain::application::Application;
use kk_domain::validation::{Issue, Severity, Step};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{t, use_i18n};
use crate::language::current_language;
use crate::wizard::state::{SaveState, Screen, use_draft};

/// A one-line text answer bound to one field of the application. `field` is the field's path
/// as validation names it (`address.street`, `members[2].nik`); it is also the input's id.
#[component]
pub fn TextField(
    step: Step,
    #[prop(into)] field: String,
    #[prop(into)] label: ViewFn,
    #[prop(optional, into)] hint: Option<ViewFn>,
    value: impl Fn(&Application) -> String + Send + Sync + 'static,
    set: impl Fn(&mut Application, String) + Send + Sync + 'static,
    #[prop(default = "text")] input_mode: &'static str,
) -> impl IntoView {
    let state = use_draft();
    let path = StoredValue::new(field.clone());
    let has_error = move || {
        path.with_value(|field| state.visible_issues(step, field))
            .iter()
            .any(|issue| issue.severity == Severity::Error)
    };
    view! {
        <div class="field" class:field-has-error=has_error>
            <label for=field.clone()>{label.run()}</label>
            {hint.map(|hint| view! { <p class="field-hint">{hint.run()}</p> })}
            <FieldMessages step field=field.clone() />
            <input
                id=field.clone()
                name=field.clone()
                type="text"
                inputmode=input_mode
                autocomplete="off"
                aria-describedby=format!("{field}-messages")
                aria-invalid=move || has_error().to_string()
                prop:value=move || state.application.with(&value)
                on:input=move |event| {
                    let typed = event_target_value(&event);
                    state.application.update(|application| set(application, typed));
                }
            />
        </div>
    }
}

/// The messages of one field, errors first.
#[component]
pub fn FieldMessages(step: Step, #[prop(into)] field: String) -> impl IntoView {
    let state = use_draft();
    let messages_id = format!("{field}-messages");
    view! {
        <div class="field-messages" id=messages_id>
            {move || {
                let mut issues = state.visible_issues(step, &field);
                issues.sort_by_key(|issue| issue.severity);
                issues.into_iter().map(message_line).collect_view()
            }}
        </div>
    }
}

fn message_line(issue: Issue) -> impl IntoView {
    let class = match issue.severity {
        Severity::Error => "field-error",
        Severity::Warning => "field-warning",
    };
    view! {
        <p class=class data-code=issue.code.clone()>
            {move || issue.message.in_language(current_language()).to_owned()}
        </p>
    }
}

/// "Ada yang perlu diperbaiki": every error of the step, each a link to its field. It appears
/// once the citizen has pressed "Lanjutkan" on this step.
#[component]
pub fn ErrorSummary(step: Step) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let errors = move || {
        if state.was_attempted(step) {
            state.errors_in(step)
        } else {
            Vec::new()
        }
    };
    move || {
        let errors = errors();
        (!errors.is_empty()).then(|| {
            view! {
                <div class="error-summary" id="error-summary" role="alert" tabindex="-1">
                    <h2>{t!(i18n, error_summary_title)}</h2>
                    <ul>
                        {errors
                            .into_iter()
                            .map(|issue| {
                                let field = issue.field.clone();
                                view! {
                                    <li>
                                        <a href=format!("#{field}") on:click=move |event| {
                                            event.prevent_default();
                                            // A member's field is inside that member's form.
                                            if let Some(index) = field.member_index() {
                                                state.editing_member.set(Some(index));
                                            }
                                            let field = field.clone();
                                            request_animation_frame(move || focus(field.as_str()));
                                        }>
                                            {move || issue.message.in_language(current_language()).to_owned()}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// "Lanjutkan": back to the task list when the step has no errors; otherwise show the summary.
#[component]
pub fn ContinueButton(step: Step) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let proceed = move |_| {
        state.mark_attempted(step);
        if state.errors_in(step).is_empty() {
            state.screen.set(Screen::Tasks);
        } else {
            request_animation_frame(focus_summary_unless_typing);
        }
    };
    view! {
        <div class="step-actions">
            <button id="continue" type="button" class="button" on:click=proceed>
                {t!(i18n, continue_label)}
            </button>
            <button id="back-to-tasks" type="button" class="link-button" on:click=move |_| state.screen.set(Screen::Tasks)>
                {t!(i18n, back_to_tasks)}
            </button>
        </div>
    }
}

/// "Tersimpan" / "Menyimpan…" / why saving failed.
#[component]
pub fn SaveIndicator() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    view! {
        <p id="save-state" class="save-state" aria-live="polite"
            data-state=move || match state.save_state.get() {
                SaveState::Saved => "saved",
                SaveState::Saving => "saving",
                SaveState::Failed(_) => "failed",
            }>
            {move || match state.save_state.get() {
                SaveState::Saved => t!(i18n, saved).into_any(),
                SaveState::Saving => t!(i18n, saving).into_any(),
                SaveState::Failed(error) => view! {
                    <span class="field-error">{move || error.message.in_language(current_language()).to_owned()}</span>
                }
                .into_any(),
            }}
        </p>
    }
}

/// Moves the focus to the error summary on the next frame, unless the citizen is already
/// typing in a field by then: their keystrokes must not land on the summary. (An end-to-end
/// test that typed at once lost its second keystroke this way.)
fn focus_summary_unless_typing() {
    let typing = document().active_element().is_some_and(|element| {
        matches!(
            element.tag_name().to_ascii_lowercase().as_str(),
            "input" | "select" | "textarea"
        )
    });
    if !typing {
        focus("error-summary");
    }
}

fn focus(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
