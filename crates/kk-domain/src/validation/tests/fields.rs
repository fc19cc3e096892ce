//! The fields of one member: required values, codes, dates, NIK and names.

use super::fixtures::*;
use crate::application::*;
use crate::validation::Severity::*;

#[test]
fn a_malformed_nik_is_an_error_at_its_field_with_the_rule_code() {
    let cases = [
        ("320101120590001", "nik.wrong_length"),
        ("0201011205900001", "nik.leading_zero"),
        ("1001011205900001", "nik.unknown_province"),
        ("3200011205900001", "nik.regency_zero"),
        ("3201001205900001", "nik.district_zero"),
        ("3201013505900001", "nik.day_out_of_range"),
        ("3201011213900001", "nik.month_out_of_range"),
        ("3201013102900001", "nik.not_a_calendar_date"),
        ("3201011205900000", "nik.serial_zero"),
        ("3201O11205900001", "nik.not_a_digit"),
        ("", "nik.empty"),
    ];
    for (nik, code) in cases {
        let mut application = valid_family();
        application.members[0].nik = nik.into();
        assert_issue(&application, Error, code, "members[0].nik");
    }
}

#[test]
fn a_newborn_may_have_no_nik_yet_but_anyone_else_needs_one() {
    let application = valid_family();
    assert_no_issue(&application, "nik.empty");
    let mut application = valid_family();
    application.members[2].nik.clear();
    assert_issue(&application, Error, "nik.empty", "members[2].nik");
}

#[test]
fn a_nik_prefix_missing_from_the_region_data_is_only_a_warning() {
    let mut application = valid_family();
    application.members[0].nik = "3201991205900001".into();
    assert_issue(
        &application,
        Warning,
        "nik.unknown_region",
        "members[0].nik",
    );
}

#[test]
fn a_nik_that_disagrees_with_the_recorded_sex_or_birth_date_is_only_a_warning() {
    let mut application = valid_family();
    application.members[0].birth_date = Some(date("1990-05-13"));
    assert_issue(
        &application,
        Warning,
        "nik.birth_date_mismatch",
        "members[0].nik",
    );
    let mut application = valid_family();
    application.members[2].sex = Some(Sex::Female);
    assert_issue(&application, Warning, "nik.sex_mismatch", "members[2].nik");
}

#[test]
fn required_member_fields_are_reported_one_by_one() {
    let mut application = valid_family();
    let member = &mut application.members[2];
    member.sex = None;
    member.birth_place.clear();
    member.birth_date = None;
    member.religion = None;
    member.education = None;
    member.occupation = None;
    member.blood_type = None;
    member.marital_status = None;
    member.relationship = None;
    member.citizenship = None;
    for (code, field) in [
        ("member.sex.required", "sex"),
        ("member.birth_place.required", "birth_place"),
        ("member.birth_date.required", "birth_date"),
        ("member.agama.required", "religion"),
        ("member.pendidikan.required", "education"),
        ("member.pekerjaan.required", "occupation"),
        ("member.golongan_darah.required", "blood_type"),
        ("member.marital_status.required", "marital_status"),
        ("member.relationship.required", "relationship"),
        ("member.citizenship.required", "citizenship"),
    ] {
        assert_issue(&application, Error, code, &format!("members[2].{field}"));
    }
}

#[test]
fn a_code_outside_its_official_list_is_rejected() {
    let mut application = valid_family();
    application.members[0].occupation = Some(90);
    application.members[0].religion = Some(8);
    application.members[0].blood_type = Some(14);
    assert_issue(
        &application,
        Error,
        "member.pekerjaan.unknown_code",
        "members[0].occupation",
    );
    assert_issue(
        &application,
        Error,
        "member.agama.unknown_code",
        "members[0].religion",
    );
    assert_issue(
        &application,
        Error,
        "member.golongan_darah.unknown_code",
        "members[0].blood_type",
    );
}

#[test]
fn a_birth_date_in_the_future_or_over_130_years_ago_is_rejected() {
    let mut application = valid_family();
    application.members[3].birth_date = Some(date("2026-11-24"));
    assert_issue(
        &application,
        Error,
        "member.birth_date.future",
        "members[3].birth_date",
    );
    application.members[3].birth_date = Some(date("1890-01-01"));
    assert_issue(
        &application,
        Error,
        "member.birth_date.implausible",
        "members[3].birth_date",
    );
}

#[test]
fn someone_never_married_has_no_marriage_or_divorce_data() {
    let mut application = valid_family();
    application.members[2].marriage_date = Some(date("2020-01-01"));
    application.members[2].divorce_certificate_number = "AC-1".into();
    assert_issue(
        &application,
        Error,
        "member.marital.unmarried_with_marriage_data",
        "members[2].marriage_date",
    );
    assert_issue(
        &application,
        Error,
        "member.marital.unmarried_with_marriage_data",
        "members[2].divorce_certificate_number",
    );
}

#[test]
fn someone_married_has_no_divorce_data() {
    let mut application = valid_family();
    application.members[0].divorce_date = Some(date("2020-01-01"));
    assert_issue(
        &application,
        Error,
        "member.marital.married_with_divorce_data",
        "members[0].divorce_date",
    );
}

#[test]
fn a_registered_marriage_needs_its_certificate_number_and_date() {
    let mut application = valid_family();
    application.members[0].marriage_certificate_number.clear();
    application.members[0].marriage_date = None;
    assert_issue(
        &application,
        Error,
        "member.marriage_certificate_number.required",
        "members[0].marriage_certificate_number",
    );
    assert_issue(
        &application,
        Error,
        "member.marriage_date.required",
        "members[0].marriage_date",
    );
}

#[test]
fn an_unregistered_marriage_needs_no_certificate_but_an_sptjm() {
    let mut application = valid_family();
    for member in &mut application.members[0..2] {
        member.marital_status = Some(MaritalStatus::KawinBelumTercatat);
        member.marriage_certificate_number.clear();
    }
    assert_no_issue(&application, "member.marriage_certificate_number.required");
    assert_issue(&application, Error, "documents.missing", "documents");
}

#[test]
fn a_divorce_before_the_marriage_is_rejected() {
    let mut application = valid_family();
    application.members[0].marital_status = Some(MaritalStatus::CeraiHidupTercatat);
    application.members[0].divorce_date = Some(date("2014-01-01"));
    assert_issue(
        &application,
        Error,
        "member.divorce_date.before_marriage",
        "members[0].divorce_date",
    );
}

#[test]
fn marrying_under_19_after_october_2019_gets_a_warning() {
    let mut application = valid_family();
    application.members[0].marriage_date = Some(date("2008-06-20"));
    application.members[1].marriage_date = Some(date("2008-06-20"));
    // The wife was 15 in 2008 (under 16); the husband 18 (under 19).
    assert_issue(
        &application,
        Warning,
        "member.marriage_age.below_minimum",
        "members[1].marriage_date",
    );
    assert_issue(
        &application,
        Warning,
        "member.marriage_age.below_minimum",
        "members[0].marriage_date",
    );

    let mut before_the_law = valid_family();
    before_the_law.members[1].birth_date = Some(date("1992-08-17"));
    before_the_law.members[0].marriage_date = Some(date("2009-09-01"));
    before_the_law.members[1].marriage_date = Some(date("2009-09-01"));
    // At 17 in 2009 a woman was above the old minimum of 16; the husband, at 19, too.
    assert_no_issue(&before_the_law, "member.marriage_age.below_minimum");

    let mut after_the_law = valid_family();
    after_the_law.members[1].birth_date = Some(date("2002-08-17"));
    after_the_law.members[1].nik = "3201015708020002".into();
    after_the_law.members[0].marriage_date = Some(date("2020-01-10"));
    after_the_law.members[1].marriage_date = Some(date("2020-01-10"));
    // At 17 in 2020 she is under the new minimum of 19 for both sexes.
    assert_issue(
        &after_the_law,
        Warning,
        "member.marriage_age.below_minimum",
        "members[1].marriage_date",
    );
}

#[test]
fn a_marriage_in_the_future_or_before_birth_is_rejected() {
    let mut application = valid_family();
    application.members[0].marriage_date = Some(date("2027-01-01"));
    assert_issue(
        &application,
        Error,
        "member.marriage_date.future",
        "members[0].marriage_date",
    );
    application.members[0].marriage_date = Some(date("1980-01-01"));
    assert_issue(
        &application,
        Error,
        "member.marriage_date.before_birth",
        "members[0].marriage_date",
    );
}

#[test]
fn a_foreigner_needs_a_passport_a_kitas_kitap_number_and_a_kitap_document() {
    let mut application = valid_family();
    application.members[1].citizenship = Some(Citizenship::Wna);
    assert_issue(
        &application,
        Error,
        "member.passport_number.required",
        "members[1].passport_number",
    );
    assert_issue(
        &application,
        Error,
        "member.kitas_kitap_number.required",
        "members[1].kitas_kitap_number",
    );
    assert_issue(&application, Error, "documents.missing", "documents");
}

#[test]
fn a_kepercayaan_believer_is_asked_for_the_organisation_as_a_warning() {
    let mut application = valid_family();
    application.members[0].religion = Some(7);
    assert_issue(
        &application,
        Warning,
        "member.belief_organisation.recommended",
        "members[0].belief_organisation",
    );
    application.members[0].belief_organisation = "Sapta Darma".into();
    assert_no_issue(&application, "member.belief_organisation.recommended");
}

#[test]
fn a_newborns_name_must_follow_permendagri_73_2022() {
    let cases = [
        ("Putri 2 Santoso", "name.has_digit"),
        ("Putri A. Santoso", "name.has_punctuation"),
        (
            "Putri Ayu Santoso Wijaya Kusuma Ningrum Dewi Lestari Anggraini",
            "name.too_long",
        ),
        ("Putri 阿玉", "name.not_latin"),
    ];
    for (name, code) in cases {
        let mut application = valid_family();
        application.members[3].full_name = name.into();
        assert_issue(&application, Error, code, "members[3].full_name");
    }
}

#[test]
fn an_existing_name_that_breaks_the_2022_rules_is_only_a_warning() {
    let mut application = valid_family();
    application.members[0].full_name = "H. Budi Santoso".into();
    assert_issue(
        &application,
        Warning,
        "name.has_punctuation",
        "members[0].full_name",
    );
}

#[test]
fn a_single_word_name_is_a_warning_even_for_a_newborn() {
    let mut application = valid_family();
    application.members[3].full_name = "Putri".into();
    assert_issue(
        &application,
        Warning,
        "name.single_word",
        "members[3].full_name",
    );
    application.members[3].full_name = "Élodie Santoso".into();
    assert_no_issue(&application, "name.not_latin");
}

#[test]
fn a_missing_parent_name_is_a_warning() {
    let mut application = valid_family();
    application.members[2].mother_name.clear();
    assert_issue(
        &application,
        Warning,
        "member.mother_name.missing",
        "members[2].mother_name",
    );
}

#[test]
fn a_toddler_with_schooling_or_a_job_gets_a_warning() {
    let mut application = valid_family();
    application.members[3].education = Some(3);
    application.members[3].occupation = Some(15);
    assert_issue(
        &application,
        Warning,
        "member.education.implausible_for_age",
        "members[3].education",
    );
    assert_issue(
        &application,
        Warning,
        "member.occupation.implausible_for_age",
        "members[3].occupation",
    );
}

#[test]
fn a_degree_before_19_gets_a_warning() {
    let mut application = valid_family();
    application.members[2].birth_date = Some(date("2009-03-10"));
    application.members[2].nik = "3201011003090001".into();
    application.members[2].education = Some(8);
    assert_issue(
        &application,
        Warning,
        "member.education.degree_too_young",
        "members[2].education",
    );
}

#[test]
fn a_member_who_leaves_needs_only_a_name_and_nik() {
    let mut application = valid_family();
    application.service = Some(Service::Change(ChangeReason::Death));
    application.members[3].change = MemberChange::Unchanged;
    application.members[3].nik = "3201014110260001".into();
    application.members.push(Member {
        full_name: "Slamet Santoso".into(),
        nik: "3201010101500001".into(),
        change: MemberChange::Removed,
        ..Member::default()
    });
    let application = with_required_documents(application);
    let issues = issues_of(&application);
    assert!(issues.is_empty(), "{}", describe(&issues));
}
