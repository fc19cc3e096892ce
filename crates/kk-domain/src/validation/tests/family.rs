//! The registrar rules across the family (kk-domain.md §9), and what each change must do.

use super::fixtures::*;
use crate::application::*;
use crate::validation::Severity::*;

#[test]
fn a_family_without_a_head_is_rejected() {
    let mut application = valid_family();
    application.members[0].relationship = Some(Relationship::FamiliLain);
    assert_issue(&application, Error, "family.no_head", "members");
}

#[test]
fn a_family_with_two_heads_is_rejected_at_the_second() {
    let mut application = valid_family();
    application.members[2].relationship = Some(Relationship::KepalaKeluarga);
    assert_issue(
        &application,
        Error,
        "family.several_heads",
        "members[2].relationship",
    );
}

#[test]
fn a_head_who_leaves_does_not_count_as_the_head() {
    let mut application = valid_family();
    application.service = Some(Service::Change(ChangeReason::MoveOut));
    application.members[0].change = MemberChange::Removed;
    application.members[3].change = MemberChange::Unchanged;
    assert_issue(&application, Error, "family.no_head", "members");
}

#[test]
fn a_nik_may_appear_only_once_in_the_kk() {
    let mut application = valid_family();
    application.members[2].nik = "3201-0112-0590-0001".into();
    assert_issue(
        &application,
        Error,
        "family.duplicate_nik",
        "members[2].nik",
    );
}

#[test]
fn the_head_of_a_split_kk_is_at_least_17_or_has_married() {
    let mut application = valid_family();
    application.service = Some(Service::NewKk(NewKkReason::SplitFromKk));
    application.members = vec![Member {
        birth_date: Some(date("2010-01-15")),
        nik: "3201011501100001".into(),
        marital_status: Some(MaritalStatus::BelumKawin),
        marriage_certificate_number: String::new(),
        marriage_date: None,
        ..head()
    }];
    let application = with_required_documents(application);
    assert_issue(
        &application,
        Error,
        "family.split_head_too_young",
        "members[0].birth_date",
    );

    let mut seventeen = application.clone();
    seventeen.members[0].birth_date = Some(date("2009-11-23"));
    seventeen.members[0].nik = "3201012311090001".into();
    assert_no_issue(&seventeen, "family.split_head_too_young");

    let mut divorced = application.clone();
    divorced.members[0].marital_status = Some(MaritalStatus::CeraiHidupTercatat);
    assert_no_issue(&divorced, "family.split_head_too_young");
}

#[test]
fn a_husband_must_be_male_and_a_wife_female() {
    let mut application = valid_family();
    application.members[1].sex = Some(Sex::Male);
    assert_issue(&application, Error, "family.spouse_sex", "members[1].sex");
    assert_issue(
        &application,
        Error,
        "family.spouse_same_sex_as_head",
        "members[1].relationship",
    );
}

#[test]
fn a_wife_and_the_head_she_is_married_to_must_both_be_married() {
    let mut application = valid_family();
    application.members[1].marital_status = Some(MaritalStatus::CeraiMati);
    assert_issue(
        &application,
        Error,
        "family.spouse_not_married",
        "members[1].marital_status",
    );

    let mut application = valid_family();
    application.members[0].marital_status = Some(MaritalStatus::CeraiHidupBelumTercatat);
    application.members[0].marriage_certificate_number.clear();
    assert_issue(&application, Error, "family.head_not_married", "members");
}

#[test]
fn spouses_with_different_marriage_dates_get_a_warning() {
    let mut application = valid_family();
    application.members[1].marriage_date = Some(date("2015-06-21"));
    assert_issue(
        &application,
        Warning,
        "family.marriage_date_differs",
        "members[1].marriage_date",
    );
}

#[test]
fn a_second_wife_is_a_warning_not_an_error() {
    let mut application = valid_family();
    application.members.push(Member {
        full_name: "Rina Marlina".into(),
        nik: "3201014402930003".into(),
        birth_date: Some(date("1993-02-04")),
        ..wife()
    });
    assert_issue(&application, Warning, "family.several_wifes", "members");
}

#[test]
fn a_child_born_before_a_parent_is_rejected() {
    let mut application = valid_family();
    application.members[2].birth_date = Some(date("1989-01-01"));
    application.members[2].nik = "3201010101890001".into();
    assert_issue(
        &application,
        Error,
        "family.child_not_younger_than_parent",
        "members[2].birth_date",
    );
}

#[test]
fn a_parent_less_than_12_years_older_than_a_child_gets_a_warning() {
    let mut application = valid_family();
    application.members[2].birth_date = Some(date("2001-01-01"));
    application.members[2].nik = "3201010101010001".into();
    application.members[2].education = Some(5);
    application.members[2].occupation = Some(3);
    assert_issue(
        &application,
        Warning,
        "family.parent_child_gap_small",
        "members[2].birth_date",
    );
}

#[test]
fn a_child_naming_another_father_gets_a_warning() {
    let mut application = valid_family();
    application.members[2].father_name = "Joko Widodo".into();
    assert_issue(
        &application,
        Warning,
        "family.parent_name_differs",
        "members[2].father_name",
    );
    application.members[2].father_name = "  budi   SANTOSO ".into();
    assert_no_issue(&application, "family.parent_name_differs");
}

#[test]
fn a_parent_of_the_head_younger_than_the_head_gets_a_warning() {
    let mut application = valid_family();
    application.members.push(Member {
        full_name: "Slamet Santoso".into(),
        nik: "3201010101950001".into(),
        birth_date: Some(date("1995-01-01")),
        relationship: Some(Relationship::OrangTua),
        ..head()
    });
    assert_issue(
        &application,
        Warning,
        "family.elder_not_older",
        "members[4].birth_date",
    );
}

#[test]
fn a_grandchild_older_than_a_child_gets_a_warning() {
    let mut application = valid_family();
    application.members.push(Member {
        relationship: Some(Relationship::Cucu),
        ..child("Dimas Aditya Putra", "3201010101170001", "2017-01-01")
    });
    assert_issue(
        &application,
        Warning,
        "family.grandchild_not_younger",
        "members[4].birth_date",
    );
}

#[test]
fn a_birth_must_add_a_member() {
    let mut application = valid_family();
    application.members[3].change = MemberChange::Unchanged;
    application.members[3].nik = "3201014110260001".into();
    assert_issue(&application, Error, "change.birth.no_new_member", "members");
}

#[test]
fn a_death_must_remove_a_member_and_not_the_head() {
    let mut application = valid_family();
    application.service = Some(Service::Change(ChangeReason::Death));
    application.members[3].change = MemberChange::Unchanged;
    application.members[3].nik = "3201014110260001".into();
    assert_issue(
        &application,
        Error,
        "change.death.no_removed_member",
        "members",
    );
    application.members[0].change = MemberChange::Removed;
    assert_issue(&application, Error, "change.death.head_died", "service");
}

#[test]
fn each_change_must_change_someone() {
    let cases = [
        (ChangeReason::MoveIn, "change.move_in.no_new_member"),
        (ChangeReason::MoveOut, "change.move_out.no_removed_member"),
        (ChangeReason::Marriage, "change.marriage.no_change"),
        (ChangeReason::Divorce, "change.divorce.no_change"),
        (
            ChangeReason::Correction,
            "change.correction.no_corrected_member",
        ),
    ];
    for (reason, code) in cases {
        let mut application = valid_family();
        application.service = Some(Service::Change(reason));
        application.members[3].change = MemberChange::Unchanged;
        application.members[3].nik = "3201014110260001".into();
        assert_issue(&application, Error, code, "members");
    }
}

#[test]
fn a_reprint_or_a_new_kk_changes_no_member() {
    for service in [
        Service::Reprint(ReprintReason::Lost),
        Service::NewKk(NewKkReason::NewHeadAfterDeath),
    ] {
        let mut application = valid_family();
        application.service = Some(service);
        assert_issue(
            &application,
            Error,
            "service.member_change_not_allowed",
            "members[3].change",
        );
    }
}

#[test]
fn a_newly_married_couple_lists_the_spouse() {
    let mut application = valid_family();
    application.service = Some(Service::NewKk(NewKkReason::NewlyMarried));
    application.members.truncate(1);
    assert_issue(
        &application,
        Error,
        "new_kk.newly_married.no_spouse",
        "members",
    );
}

#[test]
fn a_family_without_members_is_asked_for_them() {
    let mut application = valid_family();
    application.members.clear();
    assert_issue(&application, Error, "family.no_members", "members");
}
