//! On "Periksa & kirim", for an application that starts from the family's current KK (kept on
//! the device): what it changes on that KK, person by person. Who stays, who joins, who leaves,
//! each corrected field as "before → after" (form F-1.06's "Semula → Menjadi"), and anyone left
//! off without a reason, so the citizen sees the change, not only the final list.

use kk_domain::register::{DiffRow, MemberDiff, diff};
use leptos::prelude::*;

use crate::i18n::{t, use_i18n};
use crate::ipc;
use crate::language::current_language;
use crate::wizard::state::use_draft;

#[component]
pub fn FamilyChanges() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let kept = LocalResource::new(ipc::my_family);
    let rows = move || {
        let view = kept.get().and_then(Result::ok).flatten()?;
        state.application.with(|application| {
            (application.existing_kk_digits() == view.family.kk_number)
                .then(|| diff(&view.family, application))
        })
    };
    move || {
        rows().map(|rows| {
            view! {
                <h2>{t!(i18n, changes_title)}</h2>
                <ul id="family-changes" class="family-changes">
                    {rows.into_iter().map(change_row).collect_view()}
                </ul>
            }
        })
    }
}

fn change_row(row: DiffRow) -> impl IntoView {
    let i18n = use_i18n();
    let (class, label) = match &row.change {
        MemberDiff::Unchanged => ("change-unchanged", t!(i18n, change_unchanged).into_any()),
        MemberDiff::Added => ("change-added", t!(i18n, change_added).into_any()),
        MemberDiff::Leaving(reason) => {
            let reason = reason.clone();
            (
            "change-leaving",
            view! {
                {t!(i18n, change_leaving)} " ("
                <span class="leaving-reason">{move || reason.in_language(current_language()).to_owned()}</span>
                ")"
            }
            .into_any(),
            )
        }
        MemberDiff::Corrected(_) => ("change-corrected", t!(i18n, change_corrected).into_any()),
        MemberDiff::Omitted => ("change-omitted", t!(i18n, change_omitted).into_any()),
    };
    let fields = match row.change {
        MemberDiff::Corrected(fields) => fields,
        _ => Vec::new(),
    };
    view! {
        <li class=class>
            <strong>{row.name}</strong> " — " {label}
            {(!fields.is_empty()).then(|| view! {
                <ul>
                    {fields.into_iter().map(|field| {
                        let name = field.label;
                        view! {
                            <li>
                                {move || name.in_language(current_language()).to_owned()} ": "
                                <del>{field.before}</del> " → " <ins>{field.after}</ins>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </li>
    }
}
