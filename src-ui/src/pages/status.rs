//! One sent application as the server sees it: the registration number, large enough to copy
//! or write down, the current status, and the whole timeline with the officer's reasons.

use kk_domain::api::ApplicationView;
use leptos::prelude::*;

use crate::components::back_home::BackHome;
use crate::components::error_notice::ErrorNotice;
use crate::components::top_bar::TopBar;
use crate::i18n::{t_string, use_i18n};
use crate::ipc;
use crate::language::current_language;

#[component]
pub fn StatusPage(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let view_of = LocalResource::new(move || ipc::application_status(id.clone()));
    let body = move || match view_of.get() {
        Some(Ok(application)) => timeline(application).into_any(),
        Some(Err(error)) => view! { <ErrorNotice error /> }.into_any(),
        None => ().into_any(),
    };
    view! {
        <TopBar />
        <main id="main" class="status-page">
            <BackHome />
            <h1 id="status-title">{t_string!(i18n, status_title)}</h1>
            {body}
        </main>
    }
}

fn timeline(application: ApplicationView) -> impl IntoView {
    let i18n = use_i18n();
    let status = application.status;
    view! {
        <p class="big-number" id="status-registration-number">{application.registration_number.to_string()}</p>
        <p class="hint">{t_string!(i18n, status_registration_hint)}</p>
        <p>{t_string!(i18n, status_current)} ": "
            <strong id="status-current">{move || status.title().in_language(current_language()).to_owned()}</strong>
        </p>
        <h2>{t_string!(i18n, status_timeline)}</h2>
        <ol id="status-timeline" class="timeline">
            {application.timeline.into_iter().map(|event| {
                let status = event.status;
                view! {
                    <li>
                        <strong>{move || status.title().in_language(current_language()).to_owned()}</strong>
                        " · " {event.at.replace('T', " ").chars().take(16).collect::<String>()} " UTC · "
                        {t_string!(i18n, status_revision)} " " {event.revision}
                        {event.reason.map(|reason| view! { <p class="status-reason">{t_string!(i18n, status_reason)} ": " {reason}</p> })}
                        <ul>
                            {event.field_reasons.into_iter().map(|reason| view! {
                                <li class="field-reason"><code>{reason.field.to_string()}</code> ": " {reason.reason}</li>
                            }).collect_view()}
                        </ul>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
