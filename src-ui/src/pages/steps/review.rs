//! "Periksa & kirim": every answer on one page, each with an "Ubah" link back to its step, the
//! documents still missing, what blocks sending, and the warnings that do not. An application
//! that starts from the family's current KK also shows what it changes on it.

use kk_domain::application::Relationship;
use kk_domain::codes::SHDK;
use kk_domain::documents::required_documents;
use kk_domain::text::Language;
use kk_domain::validation::{Severity, Step};
use kk_domain::wire::ErrorBody;
use leptos::prelude::*;

use crate::components::error_notice::ErrorNotice;
use crate::i18n::{t, use_i18n};
use crate::ipc;
use crate::language::current_language;
use crate::navigation::{Page, use_navigation};
use crate::pages::steps::pickup::pickup_method_label;
use crate::pages::steps::review_changes::FamilyChanges;
use crate::wizard::state::{Screen, use_draft};

#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let application = move || state.application.get();
    let count = move |severity| {
        state
            .issues
            .with(|issues| issues.iter().filter(|i| i.severity == severity).count())
    };
    let errors = move || count(Severity::Error);
    let warnings = move || {
        state.issues.with(|issues| {
            issues
                .iter()
                .filter(|i| i.severity == Severity::Warning)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let region_codes = move || {
        let address = state.application.with(|a| a.address.clone());
        [
            address.village,
            address.district,
            address.regency,
            address.province,
        ]
        .into_iter()
        .flatten()
        .map(|code| code.to_string())
        .collect::<Vec<_>>()
    };
    let region_names = LocalResource::new(move || ipc::region_names(region_codes()));
    let address = move || {
        let a = application().address;
        let names: Vec<String> = region_names
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .flatten()
            .collect();
        let mut parts = vec![a.street.clone()];
        if !a.rt.trim().is_empty() || !a.rw.trim().is_empty() {
            parts.push(format!("RT {} / RW {}", a.rt.trim(), a.rw.trim()));
        }
        parts.extend(names);
        parts.push(a.postal_code.clone());
        parts.retain(|part| !part.trim().is_empty());
        parts.join(", ")
    };
    let documents = move || {
        let application = application();
        required_documents(&application)
            .into_iter()
            .map(|requirement| {
                let attached = requirement.is_met_by(&application.documents);
                let title = requirement.title();
                view! {
                    <li class="document" data-attached=attached.to_string()>
                        {move || title.in_language(current_language()).to_owned()} " — "
                        {if attached { t!(i18n, document_attached).into_any() } else { t!(i18n, document_missing).into_any() }}
                    </li>
                }
            })
            .collect_view()
    };
    let members = move || {
        application()
            .members
            .into_iter()
            .enumerate()
            .map(|(index, member)| {
                let relationship = member.relationship.map(Relationship::code).and_then(|c| SHDK.get(c));
                let number = format!("{}.", index + 1);
                view! {
                    <SummaryRow key=move || number.clone() target=Screen::Step(Step::Members) member=index>
                        {member.full_name.clone()} " · " {member.nik.clone()} " · "
                        {move || relationship.map(|e| if current_language() == Language::En { e.en } else { e.id }).unwrap_or_default()}
                    </SummaryRow>
                }
            })
            .collect_view()
    };
    view! {
        <h1 id="step-title">{t!(i18n, review_title)}</h1>
        {move || if errors() > 0 {
            view! { <p class="error-notice" id="review-status">{t!(i18n, review_blocked, count = move || errors())}</p> }.into_any()
        } else {
            view! { <p class="ready-notice" id="review-status">{t!(i18n, review_ready)}</p> }.into_any()
        }}
        <h2>{t!(i18n, section_service)}</h2>
        <dl class="summary">
            <SummaryRow key=t!(i18n, service_label) target=Screen::Step(Step::Service)>
                {move || application().service.map(|s| s.title().in_language(current_language()).to_owned()).unwrap_or_default()}
            </SummaryRow>
            <SummaryRow key=t!(i18n, existing_kk_number) target=Screen::Step(Step::Service)>
                {move || or_not_given(application().existing_kk_number)}
            </SummaryRow>
        </dl>
        <h2>{t!(i18n, section_address)}</h2>
        <dl class="summary">
            <SummaryRow key=t!(i18n, address_label) target=Screen::Step(Step::Address)>
                {move || or_not_given(address())}
            </SummaryRow>
        </dl>
        <h2>{t!(i18n, section_members)}</h2>
        <dl class="summary">{members}</dl>
        <FamilyChanges />
        <h2>{t!(i18n, documents_required)}</h2>
        <ul class="documents">{documents}</ul>
        <h2>{t!(i18n, section_pickup)}</h2>
        <dl class="summary">
            <SummaryRow key=t!(i18n, pickup_label) target=Screen::Step(Step::Pickup)>
                {move || pickup_method_label(application().pickup.method)}
            </SummaryRow>
        </dl>
        <Show when=move || !warnings().is_empty()>
            <h2>{t!(i18n, review_warnings)}</h2>
            <ul class="review-warnings">
                {move || warnings().into_iter().map(|issue| view! {
                    <li class="field-warning">{move || issue.message.in_language(current_language()).to_owned()}</li>
                }).collect_view()}
            </ul>
        </Show>
        <Show when=move || errors() == 0>
            <SendButton />
        </Show>
        <button type="button" class="link-button" on:click=move |_| state.screen.set(Screen::Tasks)>
            {t!(i18n, back_to_tasks)}
        </button>
    }
}

/// "Kirim": the draft goes to the outbox, which sends it when it can; back to the home page,
/// where the submission shows with its state.
#[component]
fn SendButton() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let navigation = use_navigation();
    let failure = RwSignal::new(None::<ErrorBody>);
    let send = move |_| {
        let id = state.id.get_value();
        leptos::task::spawn_local(async move {
            match ipc::send_draft(id).await {
                Ok(_) => navigation.set(Page::Home),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    view! {
        <p class="hint">{t!(i18n, send_hint)}</p>
        <button type="button" id="send-application" class="button" on:click=send>{t!(i18n, send_application)}</button>
        {move || failure.get().map(|error| view! { <ErrorNotice error /> })}
    }
}

/// One answer: what it is, the answer, and "Ubah" back to where it was given.
#[component]
fn SummaryRow(
    #[prop(into)] key: ViewFn,
    target: Screen,
    #[prop(optional)] member: Option<usize>,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let change = move |_| {
        state.editing_member.set(member);
        state.screen.set(target);
    };
    view! {
        <div class="summary-row">
            <dt>{key.run()}</dt>
            <dd>{children()}</dd>
            <dd><button type="button" class="link-button change-answer" on:click=change>{t!(i18n, edit)}</button></dd>
        </div>
    }
}

/// The answer, or "Belum diisi" when there is none yet.
fn or_not_given(answer: String) -> AnyView {
    if answer.trim().is_empty() {
        let i18n = use_i18n();
        view! { <span class="not-given">{t!(i18n, not_given)}</span> }.into_any()
    } else {
        answer.into_any()
    }
}
