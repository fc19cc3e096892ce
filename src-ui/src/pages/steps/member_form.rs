//! One member's form: the KK columns 1–17, with what the NIK says shown as it is typed, and
//! the fields that only apply (marriage, divorce, foreigners' documents) shown when they do.

use chrono::NaiveDate;
use kk_domain::application::{
    Application, Citizenship, MaritalStatus, Member, MemberChange, Relationship, Service, Sex,
};
use kk_domain::codes;
use kk_domain::nik::Nik;
use kk_domain::region::province_name;
use kk_domain::text::indonesian_date;
use kk_domain::validation::{FieldPath, Step};
use leptos::prelude::*;

use crate::i18n::{t, use_i18n};
use crate::ipc;
use crate::wizard::choice_fields::{CodeSelect, DateField};
use crate::wizard::fields::{ErrorSummary, SaveIndicator, TextField};
use crate::wizard::state::use_draft;

const STEP: Step = Step::Members;

#[component]
pub fn MemberForm(index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let member = move || {
        state
            .application
            .with(|a| a.members.get(index).cloned().unwrap_or_default())
    };
    let field = move |name: &str| FieldPath::member(index, name).to_string();
    let is_change = move || {
        state
            .application
            .with(|a| matches!(a.service, Some(Service::Change(_))))
    };
    let ever_married = move || {
        member()
            .marital_status
            .is_some_and(|s| s != MaritalStatus::BelumKawin)
    };
    let divorced = move || {
        matches!(
            member().marital_status,
            Some(MaritalStatus::CeraiHidupTercatat | MaritalStatus::CeraiHidupBelumTercatat)
        )
    };
    view! {
        <ErrorSummary step=STEP />
        <SaveIndicator />
        <h1 id="step-title">{t!(i18n, members_title)} " " {index + 1}</h1>
        <TextField step=STEP field=field("full_name") label=move || t!(i18n, full_name)
            hint=move || t!(i18n, full_name_hint)
            value=text(index, |m| &m.full_name) set=put_text(index, |m| &mut m.full_name) />
        <TextField step=STEP field=field("nik") label=move || t!(i18n, nik) hint=move || t!(i18n, nik_hint)
            value=text(index, |m| &m.nik) set=put_text(index, |m| &mut m.nik) input_mode="numeric" />
        <NikDecoded nik=Signal::derive(move || member().nik) />
        <CodeSelect step=STEP field=field("relationship") label=move || t!(i18n, relationship) list=&codes::SHDK
            value=code(index, |m| m.relationship.map(Relationship::code))
            set=put_code(index, |m, c| m.relationship = c.and_then(Relationship::from_code)) />
        <CodeSelect step=STEP field=field("sex") label=move || t!(i18n, sex) list=&codes::JENIS_KELAMIN
            value=code(index, |m| m.sex.map(Sex::code))
            set=put_code(index, |m, c| m.sex = c.and_then(Sex::from_code)) />
        <TextField step=STEP field=field("birth_place") label=move || t!(i18n, birth_place)
            value=text(index, |m| &m.birth_place) set=put_text(index, |m| &mut m.birth_place) />
        <DateField step=STEP field=field("birth_date") label=move || t!(i18n, birth_date)
            value=date(index, |m| m.birth_date) set=put_date(index, |m, d| m.birth_date = d) />
        <CodeSelect step=STEP field=field("religion") label=move || t!(i18n, religion) list=&codes::AGAMA
            value=code(index, |m| m.religion) set=put_code(index, |m, c| m.religion = c) />
        <Show when=move || member().religion == Some(7)>
            <TextField step=STEP field=field("belief_organisation") label=move || t!(i18n, belief_organisation)
                value=text(index, |m| &m.belief_organisation) set=put_text(index, |m| &mut m.belief_organisation) />
        </Show>
        <CodeSelect step=STEP field=field("education") label=move || t!(i18n, education) list=&codes::PENDIDIKAN
            value=code(index, |m| m.education) set=put_code(index, |m, c| m.education = c) />
        <CodeSelect step=STEP field=field("occupation") label=move || t!(i18n, occupation) list=&codes::PEKERJAAN
            value=code(index, |m| m.occupation) set=put_code(index, |m, c| m.occupation = c) />
        <CodeSelect step=STEP field=field("blood_type") label=move || t!(i18n, blood_type) list=&codes::GOLONGAN_DARAH
            value=code(index, |m| m.blood_type) set=put_code(index, |m, c| m.blood_type = c) />
        <CodeSelect step=STEP field=field("marital_status") label=move || t!(i18n, marital_status)
            list=&codes::STATUS_PERKAWINAN
            value=code(index, |m| m.marital_status.map(MaritalStatus::code))
            set=put_code(index, |m, c| m.marital_status = c.and_then(MaritalStatus::from_code)) />
        <Show when=ever_married>
            <TextField step=STEP field=field("marriage_certificate_number") label=move || t!(i18n, marriage_certificate_number)
                value=text(index, |m| &m.marriage_certificate_number)
                set=put_text(index, |m| &mut m.marriage_certificate_number) />
            <DateField step=STEP field=field("marriage_date") label=move || t!(i18n, marriage_date)
                value=date(index, |m| m.marriage_date) set=put_date(index, |m, d| m.marriage_date = d) />
        </Show>
        <Show when=divorced>
            <TextField step=STEP field=field("divorce_certificate_number") label=move || t!(i18n, divorce_certificate_number)
                value=text(index, |m| &m.divorce_certificate_number)
                set=put_text(index, |m| &mut m.divorce_certificate_number) />
            <DateField step=STEP field=field("divorce_date") label=move || t!(i18n, divorce_date)
                value=date(index, |m| m.divorce_date) set=put_date(index, |m, d| m.divorce_date = d) />
        </Show>
        <CodeSelect step=STEP field=field("citizenship") label=move || t!(i18n, citizenship) list=&codes::KEWARGANEGARAAN
            value=code(index, |m| m.citizenship.map(Citizenship::code))
            set=put_code(index, |m, c| m.citizenship = c.and_then(Citizenship::from_code)) />
        <Show when=move || member().citizenship == Some(Citizenship::Wna)>
            <TextField step=STEP field=field("passport_number") label=move || t!(i18n, passport_number)
                value=text(index, |m| &m.passport_number) set=put_text(index, |m| &mut m.passport_number) />
            <TextField step=STEP field=field("kitas_kitap_number") label=move || t!(i18n, kitas_kitap_number)
                value=text(index, |m| &m.kitas_kitap_number) set=put_text(index, |m| &mut m.kitas_kitap_number) />
        </Show>
        <TextField step=STEP field=field("father_name") label=move || t!(i18n, father_name)
            value=text(index, |m| &m.father_name) set=put_text(index, |m| &mut m.father_name) />
        <TextField step=STEP field=field("mother_name") label=move || t!(i18n, mother_name)
            value=text(index, |m| &m.mother_name) set=put_text(index, |m| &mut m.mother_name) />
        <Show when=is_change>
            <ChangeChoice index />
        </Show>
        <div class="step-actions">
            <button id="member-done" type="button" class="button" on:click=move |_| {
                state.mark_attempted(STEP);
                state.editing_member.set(None);
            }>
                {t!(i18n, member_done)}
            </button>
        </div>
    }
}

/// What the NIK encodes, shown under the field as soon as it parses: sex, birth date, and the
/// district where it was first registered, by name once the shell has looked it up.
#[component]
fn NikDecoded(nik: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let parsed = Memo::new(move |_| Nik::parse(&nik.get()).ok());
    let district_code = Memo::new(move |_| parsed.get().map(|nik| nik.region_code()));
    let place_names = LocalResource::new(move || {
        // District, then regency; the province name is known without asking.
        let codes: Vec<String> = district_code
            .get()
            .into_iter()
            .flat_map(|district| [district.parent(), Some(district)])
            .flatten()
            .rev()
            .map(|code| code.to_string())
            .collect();
        ipc::region_names(codes)
    });
    move || {
        parsed.get().map(|nik| {
            let sex = match nik.sex() {
                Sex::Male => t!(i18n, male_word).into_any(),
                Sex::Female => t!(i18n, female_word).into_any(),
            };
            let birth = indonesian_date(nik.birth_date(crate::clock::today()));
            let mut place: Vec<String> = place_names
                .get()
                .and_then(Result::ok)
                .unwrap_or_default()
                .into_iter()
                .flatten()
                .collect();
            place.extend(province_name(nik.province_digits()).map(str::to_owned));
            let place = format!("{} ({})", place.join(", "), nik.region_code());
            view! {
                <p class="nik-decoded" id="nik-decoded">
                    {t!(i18n, nik_decoded)} ": " {sex} ", " {t!(i18n, born_on)} " " {birth} ", "
                    {t!(i18n, first_registered)} " " {place}
                </p>
            }
        })
    }
}

#[component]
fn ChangeChoice(index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let current = move || {
        state
            .application
            .with(|a| a.members.get(index).map(|m| m.change).unwrap_or_default())
    };
    let choices = [
        (MemberChange::Unchanged, "unchanged"),
        (MemberChange::Added, "added"),
        (MemberChange::Removed, "removed"),
        (MemberChange::Corrected, "corrected"),
    ]
    .into_iter()
    .map(|(change, key)| {
        let id = format!("member-{index}-change-{key}");
        let label = move || match change {
            MemberChange::Unchanged => t!(i18n, change_unchanged).into_any(),
            MemberChange::Added => t!(i18n, change_added).into_any(),
            MemberChange::Removed => t!(i18n, change_removed).into_any(),
            MemberChange::Corrected => t!(i18n, change_corrected).into_any(),
        };
        view! {
            <div class="radio">
                <input type="radio" name=format!("member-{index}-change") id=id.clone()
                    prop:checked=move || current() == change
                    on:change=move |_| state.application.update(|a| {
                        if let Some(member) = a.members.get_mut(index) {
                            member.change = change;
                        }
                    }) />
                <label for=id>{label}</label>
            </div>
        }
    })
    .collect_view();
    view! {
        <fieldset class="fieldset">
            <legend class="legend">{t!(i18n, member_change)}</legend>
            <div class="radios">{choices}</div>
        </fieldset>
    }
}

// Accessors for one member's field, as the field components take them.

fn text(
    index: usize,
    get: fn(&Member) -> &String,
) -> impl Fn(&Application) -> String + Send + Sync + 'static {
    move |a| {
        a.members
            .get(index)
            .map(|m| get(m).clone())
            .unwrap_or_default()
    }
}

fn put_text(
    index: usize,
    get: fn(&mut Member) -> &mut String,
) -> impl Fn(&mut Application, String) + Send + Sync + 'static {
    move |a, typed| {
        if let Some(member) = a.members.get_mut(index) {
            *get(member) = typed;
        }
    }
}

fn code(
    index: usize,
    get: fn(&Member) -> Option<u8>,
) -> impl Fn(&Application) -> Option<u8> + Send + Sync + 'static {
    move |a| a.members.get(index).and_then(get)
}

fn put_code(
    index: usize,
    put: fn(&mut Member, Option<u8>),
) -> impl Fn(&mut Application, Option<u8>) + Send + Sync + 'static {
    move |a, chosen| {
        if let Some(member) = a.members.get_mut(index) {
            put(member, chosen);
        }
    }
}

fn date(
    index: usize,
    get: fn(&Member) -> Option<NaiveDate>,
) -> impl Fn(&Application) -> Option<NaiveDate> + Send + Sync + 'static {
    move |a| a.members.get(index).and_then(get)
}

fn put_date(
    index: usize,
    put: fn(&mut Member, Option<NaiveDate>),
) -> impl Fn(&mut Application, Option<NaiveDate>) + Send + Sync + 'static {
    move |a, chosen| {
        if let Some(member) = a.members.get_mut(index) {
            put(member, chosen);
        }
    }
}
