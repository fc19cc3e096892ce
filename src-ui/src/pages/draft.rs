//! A draft being edited: its task list, and the step page the citizen opened from it. The
//! task list's states come from the same `kk-domain` validation the shell and the server run.

use kk_domain::validation::{Severity, Step};
use leptos::prelude::*;

use crate::components::back_home::BackHome;
use crate::components::error_notice::ErrorNotice;
use crate::components::top_bar::TopBar;
use crate::i18n::{t, use_i18n};
use crate::ipc;
use crate::language::current_language;
use crate::pages::steps::address::AddressStep;
use crate::pages::steps::documents::DocumentsStep;
use crate::pages::steps::members::MembersStep;
use crate::pages::steps::pickup::PickupStep;
use crate::pages::steps::review::ReviewPage;
use crate::pages::steps::service::ServiceStep;
use crate::wizard::autosave::start_autosave;
use crate::wizard::state::{DraftState, Screen, use_draft};

#[component]
pub fn DraftPage(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let draft = LocalResource::new(move || ipc::open_draft(id.clone()));
    view! {
        <TopBar />
        <main id="main" class="draft">
            <BackHome />
            {move || match draft.get() {
                None => view! { <p>{t!(i18n, loading)}</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error /> }.into_any(),
                Some(Ok(draft)) => {
                    let state = DraftState::new(draft);
                    provide_context(state);
                    start_autosave(state);
                    view! { <Editor /> }.into_any()
                }
            }}
        </main>
    }
}

#[component]
fn Editor() -> impl IntoView {
    let state = use_draft();
    move || match state.screen.get() {
        Screen::Tasks => view! { <TaskList /> }.into_any(),
        Screen::Step(Step::Service) => view! { <ServiceStep /> }.into_any(),
        Screen::Step(Step::Address) => view! { <AddressStep /> }.into_any(),
        Screen::Step(Step::Members) => view! { <MembersStep /> }.into_any(),
        Screen::Step(Step::Pickup) => view! { <PickupStep /> }.into_any(),
        Screen::Step(Step::Documents) => view! { <DocumentsStep /> }.into_any(),
        Screen::Review => view! { <ReviewPage /> }.into_any(),
    }
}

#[component]
fn TaskList() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let service = move || state.application.with(|a| a.service);
    let sections = Step::ALL
        .into_iter()
        .map(|step| {
            let errors = move || state.errors_in(step).len();
            let name = view! {
                <button type="button" class="link-button task-name" on:click=move |_| state.screen.set(Screen::Step(step))>
                    {section_name(step)}
                </button>
            };
            view! {
                <li class="task" data-step=step_key(step)>
                    {name}
                    {move || task_status(errors())}
                </li>
            }
        })
        .collect_view();
    let all_errors = move || {
        state
            .issues
            .with(|issues| issues.iter().any(|i| i.severity == Severity::Error))
    };
    view! {
        <h1 id="draft-title">
            {move || service().map(|s| s.title().in_language(current_language()).to_owned()).unwrap_or_default()}
        </h1>
        <p class="lead">{t!(i18n, task_list_hint)}</p>
        <ol class="task-list">
            {sections}
            <li class="task" data-step="review">
                <button type="button" class="link-button task-name" on:click=move |_| state.screen.set(Screen::Review)>
                    {t!(i18n, section_review)}
                </button>
                {move || if all_errors() {
                    view! { <span class="status status-blocked">{t!(i18n, status_review_blocked)}</span> }.into_any()
                } else {
                    view! { <span class="status status-ready">{t!(i18n, status_review_ready)}</span> }.into_any()
                }}
            </li>
        </ol>
    }
}

fn task_status(errors: usize) -> impl IntoView {
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
