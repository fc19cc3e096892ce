//! The date rules at fixed dates that catch off-by-one mistakes: a birthday on the day itself,
//! 29 February, and the turn of the year. Nothing here reads the clock.

use super::fixtures::*;
use crate::application::Application;
use crate::nik::Nik;
use crate::validation::dates::age_on;
use crate::validation::{Issue, ValidationContext, validate};

fn issues_on(application: &Application, today: &str) -> Vec<Issue> {
    let regions = regions();
    validate(
        application,
        &ValidationContext::new(date(today), Some(&regions)),
    )
}

fn has(issues: &[Issue], code: &str, field: &str) -> bool {
    issues
        .iter()
        .any(|issue| issue.code == code && issue.field == field)
}

#[test]
fn a_birthday_counts_on_the_day_itself() {
    assert_eq!(age_on(date("2000-05-12"), date("2019-05-11")), 18);
    assert_eq!(age_on(date("2000-05-12"), date("2019-05-12")), 19);
}

#[test]
fn someone_born_on_29_february_has_a_birthday_on_1_march_in_a_common_year() {
    let born = date("2000-02-29");
    assert_eq!(age_on(born, date("2019-02-28")), 18);
    assert_eq!(age_on(born, date("2019-03-01")), 19);
    assert_eq!(age_on(born, date("2020-02-28")), 19);
    assert_eq!(age_on(born, date("2020-02-29")), 20);
}

#[test]
fn a_year_of_age_turns_between_31_december_and_1_january() {
    let born = date("2008-01-01");
    assert_eq!(age_on(born, date("2026-12-31")), 18);
    assert_eq!(age_on(born, date("2027-01-01")), 19);
}

#[test]
fn the_century_of_a_nik_turns_at_new_year() {
    // Born 1 January of a year ending in 27: 1927 until the year 2027 begins.
    let nik = Nik::parse("3201010101270001").unwrap();
    assert_eq!(nik.birth_date(date("2026-12-31")), date("1927-01-01"));
    assert_eq!(nik.birth_date(date("2027-01-01")), date("2027-01-01"));
    // A woman's NIK (day + 40) born on 29 February 2028.
    let leap = Nik::parse("3201016902280001").unwrap();
    assert_eq!(leap.birth_date(date("2028-02-29")), date("2028-02-29"));
}

#[test]
fn a_newborn_born_today_is_accepted_and_one_born_tomorrow_is_not() {
    let mut application = valid_family();
    let newborn = application.members.len() - 1;
    let field = format!("members[{newborn}].birth_date");
    application.members[newborn].birth_date = Some(date("2026-12-31"));
    assert!(!has(
        &issues_on(&application, "2026-12-31"),
        "member.birth_date.future",
        &field
    ));
    application.members[newborn].birth_date = Some(date("2027-01-01"));
    assert!(has(
        &issues_on(&application, "2026-12-31"),
        "member.birth_date.future",
        &field
    ));
    assert!(!has(
        &issues_on(&application, "2027-01-01"),
        "member.birth_date.future",
        &field
    ));
}

#[test]
fn a_marriage_on_the_19th_birthday_is_of_age_and_the_day_before_is_not() {
    let mut application = valid_family();
    application.members[0].birth_date = Some(date("2001-02-28"));
    application.members[0].marriage_date = Some(date("2020-02-28"));
    let on_the_birthday = issues_on(&application, "2026-11-23");
    assert!(!has(
        &on_the_birthday,
        "member.marriage_age.below_minimum",
        "members[0].marriage_date"
    ));
    application.members[0].marriage_date = Some(date("2020-02-27"));
    assert!(has(
        &issues_on(&application, "2026-11-23"),
        "member.marriage_age.below_minimum",
        "members[0].marriage_date"
    ));
}

#[test]
fn a_marriage_dated_today_is_accepted_and_one_dated_tomorrow_is_not() {
    let mut application = valid_family();
    application.members[0].marriage_date = Some(date("2028-02-29"));
    let field = "members[0].marriage_date";
    assert!(!has(
        &issues_on(&application, "2028-02-29"),
        "member.marriage_date.future",
        field
    ));
    assert!(has(
        &issues_on(&application, "2028-02-28"),
        "member.marriage_date.future",
        field
    ));
}
