//! Answers that are not free text: a code from an official list, and a date written the
//! Indonesian way (DD-MM-YYYY).

use chrono::NaiveDate;
use kk_domain::application::Application;
use kk_domain::codes::{CodeEntry, CodeList};
use kk_domain::text::{Language, indonesian_date};
use kk_domain::validation::Step;
use leptos::prelude::*;

use crate::i18n::{t, use_i18n};
use crate::language::current_language;
use crate::wizard::fields::FieldMessages;
use crate::wizard::state::use_draft;

/// A `<select>` of one official code list (§4), labelled in the current language.
#[component]
pub fn CodeSelect(
    step: Step,
    #[prop(into)] field: String,
    #[prop(into)] label: ViewFn,
    list: &'static CodeList,
    value: impl Fn(&Application) -> Option<u8> + Send + Sync + 'static,
    set: impl Fn(&mut Application, Option<u8>) + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let current = Memo::new(move |_| state.application.with(&value));
    let options = list
        .entries
        .iter()
        .map(|entry| {
            view! {
                <option value=entry.code.to_string() prop:selected=move || current.get() == Some(entry.code)>
                    {move || entry_label(entry, current_language())}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=field.clone()>{label.run()}</label>
            <FieldMessages step field=field.clone() />
            <select
                id=field
                on:change=move |event| {
                    let code = event_target_value(&event).parse::<u8>().ok();
                    state.application.update(|application| set(application, code));
                }
            >
                <option value="" prop:selected=move || current.get().is_none()>{t!(i18n, choose_one)}</option>
                {options}
            </select>
        </div>
    }
}

fn entry_label(entry: &CodeEntry, language: Language) -> &'static str {
    match language {
        Language::Id => entry.id,
        Language::En => entry.en,
    }
}

/// A date typed as DD-MM-YYYY (also with `/` or `.`). What cannot be read is said at once and
/// leaves the answer empty, so validation asks for it too.
#[component]
pub fn DateField(
    step: Step,
    #[prop(into)] field: String,
    #[prop(into)] label: ViewFn,
    value: impl Fn(&Application) -> Option<NaiveDate> + Send + Sync + 'static,
    set: impl Fn(&mut Application, Option<NaiveDate>) + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let initial = state.application.with_untracked(&value);
    let text = RwSignal::new(initial.map(indonesian_date).unwrap_or_default());
    let unreadable =
        move || text.with(|typed| !typed.trim().is_empty() && parse_date(typed).is_none());
    view! {
        <div class="field" class:field-has-error=unreadable>
            <label for=field.clone()>{label.run()}</label>
            <p class="field-hint">{t!(i18n, date_hint)}</p>
            <Show when=unreadable>
                <p class="field-error" data-code="date.unreadable">{t!(i18n, date_unreadable)}</p>
            </Show>
            <FieldMessages step field=field.clone() />
            <input
                id=field
                type="text"
                inputmode="numeric"
                autocomplete="off"
                placeholder="HH-BB-TTTT"
                prop:value=move || text.get()
                on:input=move |event| {
                    let typed = event_target_value(&event);
                    let date = parse_date(&typed);
                    text.set(typed);
                    state.application.update(|application| set(application, date));
                }
            />
        </div>
    }
}

/// Reads DD-MM-YYYY (or with `/` or `.`); the year must have four digits, so "12-05-90" is not
/// silently the year 90.
fn parse_date(typed: &str) -> Option<NaiveDate> {
    let mut parts = typed.trim().split(['-', '/', '.']);
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}
