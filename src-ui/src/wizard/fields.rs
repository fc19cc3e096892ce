//! Field components in the GOV.UK pattern: a real label, a hint, the field's own messages under
//! it (errors and warnings look different), and an error summary at the top that links to each
//! field.

use kk_domain::application::Application;
use kk_domain::validation::{Issue, Severity, Step};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{t, use_i18n};
use crate::language::current_language;
use crate::wizard::state::{SaveState, use_draft};

/// A one-line text answer bound to one field of the application.
#[component]
pub fn TextField(
    step: Step,
    field: &'static str,
    #[prop(into)] label: ViewFn,
    #[prop(optional, into)] hint: Option<ViewFn>,
    value: fn(&Application) -> String,
    set: fn(&mut Application, String),
    #[prop(default = "text")] input_mode: &'static str,
) -> impl IntoView {
    let state = use_draft();
    let has_error = move || {
        state
            .visible_issues(step, field)
            .iter()
            .any(|issue| issue.severity == Severity::Error)
    };
    view! {
        <div class="field" class:field-has-error=has_error>
            <label for=field>{label.run()}</label>
            {hint.map(|hint| view! { <p class="field-hint">{hint.run()}</p> })}
            <FieldMessages step field />
            <input
                id=field
                name=field
                type="text"
                inputmode=input_mode
                autocomplete="off"
                aria-describedby=format!("{field}-messages")
                aria-invalid=move || has_error().to_string()
                prop:value=move || state.application.with(value)
                on:input=move |event| {
                    let typed = event_target_value(&event);
                    state.application.update(|application| set(application, typed));
                }
                on:blur=move |_| state.touch(field)
            />
        </div>
    }
}

/// The messages of one field, errors first.
#[component]
pub fn FieldMessages(step: Step, field: &'static str) -> impl IntoView {
    let state = use_draft();
    view! {
        <div class="field-messages" id=format!("{field}-messages")>
            {move || {
                let mut issues = state.visible_issues(step, field);
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
        if state.attempted.with(|steps| steps.contains(&step)) {
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
                                            focus(&field);
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
        if !state.attempted.with(|steps| steps.contains(&step)) {
            state.attempted.update(|steps| steps.push(step));
        }
        if state.errors_in(step).is_empty() {
            state.step.set(None);
        } else {
            request_animation_frame(|| focus("error-summary"));
        }
    };
    view! {
        <div class="step-actions">
            <button id="continue" type="button" class="button" on:click=proceed>
                {t!(i18n, continue_label)}
            </button>
            <button type="button" class="link-button" on:click=move |_| state.step.set(None)>
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
        <p id="save-state" class="save-state" aria-live="polite">
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

fn focus(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
