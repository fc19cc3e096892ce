//! "Draf saya": every draft on this device with its service, family name, last change and a
//! pill saying whether it is ready, with resume, duplicate and delete (which asks first).

use kk_domain::wire::{DraftSummary, ErrorBody};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::error_notice::ErrorNotice;
use crate::i18n::{t, use_i18n};
use crate::ipc;
use crate::language::current_language;
use crate::navigation::{Page, use_navigation};

#[component]
pub fn DraftsList() -> impl IntoView {
    let i18n = use_i18n();
    let refresh = RwSignal::new(0u32);
    let failure = RwSignal::new(None::<ErrorBody>);
    let drafts = LocalResource::new(move || {
        refresh.track();
        ipc::list_drafts()
    });
    let list = move || {
        match drafts.get() {
        Some(Ok(list)) if !list.is_empty() => view! {
            <section id="my-drafts" class="drafts" aria-labelledby="my-drafts-title">
                <h2 id="my-drafts-title">{t!(i18n, my_drafts)}</h2>
                <ul class="draft-rows">
                    {list.into_iter().map(|draft| view! { <DraftRow draft refresh failure /> }).collect_view()}
                </ul>
            </section>
        }
        .into_any(),
        Some(Err(error)) => view! { <ErrorNotice error /> }.into_any(),
        _ => ().into_any(),
    }
    };
    view! {
        {list}
        {move || failure.get().map(|error| view! { <ErrorNotice error /> })}
    }
}

#[component]
fn DraftRow(
    draft: DraftSummary,
    refresh: RwSignal<u32>,
    failure: RwSignal<Option<ErrorBody>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigation = use_navigation();
    let confirming = RwSignal::new(false);
    let id = draft.id.clone();
    let service = draft.service;
    let errors = draft.error_count;
    let family_name = draft.family_name.clone();
    // After a duplicate or a delete: show what went wrong, if anything, and reload the list.
    let finish = move |result: Result<(), ErrorBody>| {
        failure.set(result.err());
        refresh.update(|count| *count += 1);
    };
    let (resume_id, duplicate_id, delete_id) = (id.clone(), id.clone(), id.clone());
    view! {
        <li class="draft-row" data-draft=id.clone()>
            <div class="draft-facts">
                <strong class="draft-service">
                    {move || service.map(|s| s.title().in_language(current_language()).to_owned()).unwrap_or_default()}
                </strong>
                <span class="draft-family">
                    {match family_name {
                        Some(name) => name.into_any(),
                        None => t!(i18n, draft_unnamed).into_any(),
                    }}
                </span>
                <span class="draft-changed">{t!(i18n, draft_changed)} " " {local_time(&draft.updated_at)}</span>
                {if errors == 0 {
                    view! { <span class="pill pill-ready">{t!(i18n, pill_ready)}</span> }.into_any()
                } else {
                    view! { <span class="pill pill-errors">{t!(i18n, pill_errors, count = move || errors)}</span> }.into_any()
                }}
            </div>
            <div class="draft-actions">
                <button type="button" class="button resume" on:click=move |_| navigation.set(Page::Draft(resume_id.clone()))>
                    {t!(i18n, resume)}
                </button>
                <button type="button" class="button secondary duplicate" on:click=move |_| {
                    let id = duplicate_id.clone();
                    spawn_local(async move { finish(ipc::duplicate_draft(id).await.map(|_| ())) });
                }>
                    {t!(i18n, duplicate)}
                </button>
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" class="button warning delete" on:click=move |_| confirming.set(true)>
                            {t!(i18n, delete)}
                        </button>
                    }
                >
                    <span class="confirm" role="alert">{t!(i18n, confirm_delete)}</span>
                    <button type="button" class="button warning confirm-delete" on:click={
                        let delete_id = delete_id.clone();
                        move |_| {
                            let id = delete_id.clone();
                            spawn_local(async move { finish(ipc::delete_draft(id).await) });
                        }
                    }>
                        {t!(i18n, confirm_delete_yes)}
                    </button>
                    <button type="button" class="button secondary cancel-delete" on:click=move |_| confirming.set(false)>
                        {t!(i18n, cancel)}
                    </button>
                </Show>
            </div>
        </li>
    }
}

/// `2026-11-23T06:10:00Z` as the device's local `23-11-2026 13.10`.
fn local_time(rfc3339: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    format!(
        "{:02}-{:02}-{} {:02}.{:02}",
        date.get_date(),
        date.get_month() + 1,
        date.get_full_year(),
        date.get_hours(),
        date.get_minutes()
    )
}
