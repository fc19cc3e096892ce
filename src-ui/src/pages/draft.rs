//! A draft's task list: each section of the wizard with its state, computed by the same
//! `kk-domain` validation the shell and the server run (the shell adds the region checks).

use kk_domain::validation::{Issue, Severity, Step};
use kk_domain::wire::DraftView;
use leptos::prelude::*;

use crate::components::drafts_list::ErrorNotice;
use crate::components::top_bar::TopBar;
use crate::i18n::{t, use_i18n};
use crate::ipc;
use crate::language::current_language;
use crate::navigation::{Page, use_navigation};

#[component]
pub fn DraftPage(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let navigation = use_navigation();
    let draft = LocalResource::new(move || ipc::open_draft(id.clone()));
    view! {
        <TopBar />
        <main id="main" class="draft">
            <button id="back-home" type="button" class="link-button" on:click=move |_| navigation.set(Page::Home)>
                "← " {t!(i18n, back_home)}
            </button>
            {move || match draft.get() {
                None => view! { <p>{t!(i18n, loading)}</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error /> }.into_any(),
                Some(Ok(draft)) => view! { <TaskList draft /> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn TaskList(draft: DraftView) -> impl IntoView {
    let i18n = use_i18n();
    let service = draft.application.service;
    let errors_in = |step: Step, issues: &[Issue]| {
        issues
            .iter()
            .filter(|i| i.step == step && i.severity == Severity::Error)
            .count()
    };
    let sections = Step::ALL
        .into_iter()
        .map(|step| {
            let errors = errors_in(step, &draft.issues);
            view! {
                <li class="task" data-step=step_key(step)>
                    <span class="task-name">{section_name(step)}</span>
                    <TaskStatus errors />
                </li>
            }
        })
        .collect_view();
    let all_errors = draft
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .count();
    view! {
        <h1 id="draft-title">
            {move || service.map(|s| s.title().in_language(current_language()).to_owned()).unwrap_or_default()}
        </h1>
        <p class="lead">{t!(i18n, task_list_hint)}</p>
        <ol class="task-list">
            {sections}
            <li class="task" data-step="review">
                <span class="task-name">{t!(i18n, section_review)}</span>
                {if all_errors == 0 {
                    view! { <span class="status status-ready">{t!(i18n, status_review_ready)}</span> }.into_any()
                } else {
                    view! { <span class="status status-blocked">{t!(i18n, status_review_blocked)}</span> }.into_any()
                }}
            </li>
        </ol>
    }
}

#[component]
fn TaskStatus(errors: usize) -> impl IntoView {
    let i18n = use_i18n();
    if errors == 0 {
        view! { <span class="status status-complete">{t!(i18n, status_complete)}</span> }.into_any()
    } else {
        view! { <span class="status status-to-fix">{t!(i18n, status_to_fix, count = move || errors)}</span> }.into_any()
    }
}

fn section_name(step: Step) -> impl IntoView {
    let i18n = use_i18n();
    match step {
        Step::Service => t!(i18n, section_service).into_any(),
        Step::Address => t!(i18n, section_address).into_any(),
        Step::Members => t!(i18n, section_members).into_any(),
        Step::Documents => t!(i18n, section_documents).into_any(),
        Step::Pickup => t!(i18n, section_pickup).into_any(),
    }
}

fn step_key(step: Step) -> &'static str {
    match step {
        Step::Service => "service",
        Step::Address => "address",
        Step::Members => "members",
        Step::Documents => "documents",
        Step::Pickup => "pickup",
    }
}
