//! Step "Anggota keluarga": the list of members with their problems, add, change and remove
//! (remove asks first). One member's form is `member_form.rs`.

use kk_domain::application::{Member, MemberChange, Relationship, Service};
use kk_domain::codes::SHDK;
use kk_domain::validation::{Severity, Step};
use leptos::prelude::*;

use crate::components::family_diagram::FamilyDiagram;
use crate::i18n::{t, use_i18n};
use crate::language::current_language;
use crate::pages::steps::member_form::MemberForm;
use crate::wizard::fields::{ContinueButton, ErrorSummary, SaveIndicator};
use crate::wizard::state::use_draft;

#[component]
pub fn MembersStep() -> impl IntoView {
    let state = use_draft();
    move || match state.editing_member.get() {
        Some(index) => view! { <MemberForm index /> }.into_any(),
        None => view! { <MemberList /> }.into_any(),
    }
}

#[component]
fn MemberList() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let add = move |_| {
        let service = state.application.with_untracked(|a| a.service);
        state
            .application
            .update(|a| a.members.push(new_member(service, a.members.is_empty())));
        let index = state.application.with_untracked(|a| a.members.len() - 1);
        state.editing_member.set(Some(index));
    };
    let rows = move || {
        let count = state.application.with(|a| a.members.len());
        (0..count)
            .map(|index| view! { <MemberRow index /> })
            .collect_view()
    };
    view! {
        <ErrorSummary step=Step::Members />
        <SaveIndicator />
        <h1 id="step-title">{t!(i18n, members_title)}</h1>
        <p class="lead">{t!(i18n, members_hint)}</p>
        <FamilyDiagram />
        <ul class="member-rows">{rows}</ul>
        <button id="add-member" type="button" class="button secondary" on:click=add>
            "+ " {t!(i18n, add_member)}
        </button>
        <ContinueButton step=Step::Members />
    }
}

#[component]
fn MemberRow(index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let confirming = RwSignal::new(false);
    let member = move || {
        state
            .application
            .with(|a| a.members.get(index).cloned().unwrap_or_default())
    };
    let errors = Memo::new(move |_| {
        state.issues.with(|issues| {
            issues
                .iter()
                .filter(|i| i.severity == Severity::Error && i.field.member_index() == Some(index))
                .count()
        })
    });
    let relationship = move || {
        member()
            .relationship
            .and_then(|r| SHDK.get(r.code()))
            .map(|entry| {
                if current_language() == kk_domain::text::Language::En {
                    entry.en
                } else {
                    entry.id
                }
            })
            .unwrap_or_default()
    };
    // A member who is on the family's current KK cannot just vanish: removing them marks them
    // as leaving, which the officer sees; anyone else is deleted from the draft.
    let remove = move |_| {
        state.application.update(|a| {
            let recorded = a.register_version.is_some();
            match a.members.get_mut(index) {
                Some(member) if recorded && member.change != MemberChange::Added => {
                    member.change = MemberChange::Removed;
                }
                Some(_) => {
                    a.members.remove(index);
                }
                None => {}
            }
        });
        confirming.set(false);
    };
    let stay = move |_| {
        state.application.update(|a| {
            if let Some(member) = a.members.get_mut(index) {
                member.change = MemberChange::Unchanged;
            }
        });
    };
    let leaving_reason = move || {
        state.application.with(|a| {
            let reason = a.service.map(Service::leaving_reason);
            reason.map(|text| text.in_language(current_language()).to_owned())
        })
    };
    let change_pill = move || {
        let (class, label) = match member().change {
            MemberChange::Unchanged => return None,
            MemberChange::Added => (
                "pill change-added",
                t!(i18n, member_change_added).into_any(),
            ),
            MemberChange::Removed => {
                let reason = leaving_reason();
                (
                    "pill change-leaving",
                    view! {
                        {t!(i18n, member_change_removed)} ": "
                        <span class="leaving-reason">{reason}</span>
                    }
                    .into_any(),
                )
            }
            MemberChange::Corrected => (
                "pill change-corrected",
                t!(i18n, member_change_corrected).into_any(),
            ),
        };
        Some(view! { <span class=class>{label}</span> })
    };
    let leaving = move || member().change == MemberChange::Removed;
    view! {
        <li class="member-row" data-member=index>
            <div class="member-facts">
                <strong class="member-name">
                    {move || {
                        let name = member().full_name.trim().to_owned();
                        if name.is_empty() { t!(i18n, member_unnamed).into_any() } else { name.into_any() }
                    }}
                </strong>
                <span class="member-relationship">{relationship}</span>
                <span class="member-nik">{move || member().nik}</span>
                {change_pill}
                {move || (errors.get() > 0).then(|| view! {
                    <span class="pill pill-errors">{t!(i18n, member_issues, count = move || errors.get())}</span>
                })}
            </div>
            <div class="draft-actions">
                <button type="button" class="button edit-member" on:click=move |_| state.editing_member.set(Some(index))>
                    {t!(i18n, edit)}
                </button>
                <Show when=leaving>
                    <button type="button" class="button secondary stay-member" on:click=stay>
                        {t!(i18n, member_stay)}
                    </button>
                </Show>
                <Show
                    when=move || confirming.get() && !leaving()
                    fallback=move || (!leaving()).then(|| view! {
                        <button type="button" class="button warning remove-member" on:click=move |_| confirming.set(true)>
                            {t!(i18n, remove)}
                        </button>
                    })
                >
                    <span class="confirm" role="alert">{t!(i18n, confirm_remove)}</span>
                    <button type="button" class="button warning confirm-remove" on:click=remove>
                        {t!(i18n, confirm_remove_yes)}
                    </button>
                    <button type="button" class="button secondary" on:click=move |_| confirming.set(false)>
                        {t!(i18n, cancel)}
                    </button>
                </Show>
            </div>
        </li>
    }
}

/// A new member: the first one is the head; a birth adds the baby as a child joining the KK.
fn new_member(service: Option<Service>, first: bool) -> Member {
    let birth = service == Some(Service::Change(kk_domain::application::ChangeReason::Birth));
    Member {
        relationship: if first {
            Some(Relationship::KepalaKeluarga)
        } else if birth {
            Some(Relationship::Anak)
        } else {
            None
        },
        change: if birth && !first {
            MemberChange::Added
        } else {
            MemberChange::Unchanged
        },
        ..Member::default()
    }
}
