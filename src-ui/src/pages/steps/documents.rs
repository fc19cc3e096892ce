//! Step "Dokumen": each document this application needs, what is attached for it (with a
//! thumbnail), and a file picker per acceptable kind. The shell checks every file by its content.

use kk_domain::documents::{AttachedDocument, DocumentKind, Requirement, required_documents};
use kk_domain::validation::Step;
use kk_domain::wire::ErrorBody;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::components::error_notice::ErrorNotice;
use crate::i18n::{t, use_i18n};
use crate::ipc;
use crate::language::current_language;
use crate::wizard::fields::{ContinueButton, ErrorSummary, SaveIndicator};
use crate::wizard::state::use_draft;

const ACCEPTED: &str = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";

#[component]
pub fn DocumentsStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let requirements = move || state.application.with(required_documents);
    view! {
        <ErrorSummary step=Step::Documents />
        <SaveIndicator />
        <h1 id="step-title">{t!(i18n, documents_title)}</h1>
        <p class="lead">{t!(i18n, documents_hint)}</p>
        {move || {
            requirements()
                .into_iter()
                .enumerate()
                .map(|(index, requirement)| view! { <RequirementCard index requirement /> })
                .collect_view()
        }}
        <ContinueButton step=Step::Documents />
    }
}

#[component]
fn RequirementCard(index: usize, requirement: Requirement) -> impl IntoView {
    let state = use_draft();
    let kinds = requirement.any_of.clone();
    let title = requirement.title();
    let attached = move || {
        let kinds = kinds.clone();
        state.application.with(|a| {
            a.documents
                .iter()
                .filter(|d| kinds.contains(&d.kind))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="requirement" data-requirement=index>
            <h2>{move || title.in_language(current_language()).to_owned()}</h2>
            <ul class="attached">
                {move || attached().into_iter().map(|document| view! { <AttachedRow document /> }).collect_view()}
            </ul>
            {requirement.any_of.into_iter().map(|kind| view! { <FilePicker kind /> }).collect_view()}
        </section>
    }
}

#[component]
fn FilePicker(kind: DocumentKind) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ErrorBody>);
    // The serde name, e.g. `kk_lama`, which the tests and the shell also use.
    let key = serde_wasm_bindgen::to_value(&kind)
        .ok()
        .and_then(|value| value.as_string())
        .unwrap_or_default();
    let (id, label_for) = (format!("attach-{key}"), format!("attach-{key}"));
    let on_change = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        busy.set(true);
        spawn_local(async move {
            match ipc::attach_document(kind, file).await {
                Ok(attached) => {
                    failure.set(None);
                    state.application.update(|a| {
                        a.documents
                            .retain(|d| !(d.kind == kind && d.sha256 == attached.document.sha256));
                        a.documents.push(attached.document);
                    });
                }
                Err(error) => failure.set(Some(error)),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="file-picker" data-kind=key>
            // The native input is hidden behind its label: WebKit would otherwise show its own
            // untranslated "Choose File" button next to ours.
            <input id=id type="file" class="file-input" accept=ACCEPTED on:change=on_change />
            <label for=label_for class="button secondary">
                {t!(i18n, attach)} ": " {move || kind.title().in_language(current_language()).to_owned()}
            </label>
            <Show when=move || busy.get()>
                <p class="busy" role="status">{t!(i18n, attaching)}</p>
            </Show>
            {move || failure.get().map(|error| view! { <ErrorNotice error /> })}
        </div>
    }
}

#[component]
fn AttachedRow(document: AttachedDocument) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let sha256 = document.sha256.clone();
    let thumbnail = LocalResource::new(move || ipc::document_thumbnail(sha256.clone()));
    let (kind, key) = (document.kind, document.sha256.clone());
    let remove = move |_| {
        state
            .application
            .update(|a| a.documents.retain(|d| !(d.kind == kind && d.sha256 == key)))
    };
    view! {
        <li class="attached-document">
            {move || match thumbnail.get() {
                Some(Ok(Some(url))) => view! { <img class="thumbnail" src=url alt="" /> }.into_any(),
                // A PDF has no thumbnail; while a photo's is loading, the box stays blank.
                Some(Ok(None)) => view! { <span class="thumbnail file-icon" aria-hidden="true">"PDF"</span> }.into_any(),
                _ => view! { <span class="thumbnail file-icon" aria-hidden="true"></span> }.into_any(),
            }}
            <span class="attached-name">
                {t!(i18n, attached_as)} ": " {document.file_name.clone()} " (" {format!("{} KB", (document.size_bytes + 512) / 1024)} ")"
            </span>
            <button type="button" class="button warning remove-document" on:click=remove>{t!(i18n, remove)}</button>
        </li>
    }
}
