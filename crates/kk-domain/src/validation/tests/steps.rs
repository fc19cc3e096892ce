//! The service, address and pickup steps, and properties of the report as a whole.

use super::fixtures::*;
use crate::application::*;
use crate::validation::{
    Severity::*, Step, ValidationContext, has_errors, validate, validate_step,
};

#[test]
fn the_valid_family_has_no_issues_at_all() {
    let issues = issues_of(&valid_family());
    assert!(issues.is_empty(), "{}", describe(&issues));
}

#[test]
fn every_problem_is_reported_at_once_across_steps() {
    let mut application = valid_family();
    application.existing_kk_number = "12".into();
    application.address.rt.clear();
    application.members[0].nik = "3201011205900000".into();
    application.members[1].full_name.clear();
    application.documents.clear();
    let codes: Vec<String> = issues_of(&application)
        .into_iter()
        .map(|i| i.code)
        .collect();
    for expected in [
        "nomor_kk.wrong_length",
        "address.rt.required",
        "nik.serial_zero",
        "name.required",
        "documents.missing",
    ] {
        assert!(
            codes.contains(&expected.to_owned()),
            "{expected} missing from {codes:?}"
        );
    }
}

#[test]
fn a_step_reports_only_its_own_issues() {
    let mut application = valid_family();
    application.address.rt.clear();
    application.members[0].nik.clear();
    let context = ValidationContext::new(date(TODAY), None);
    let address = validate_step(&application, Step::Address, &context);
    assert!(
        address
            .iter()
            .all(|i| i.field.as_str().starts_with("address.")),
        "{}",
        describe(&address)
    );
    assert!(has_errors(&address));
    assert!(validate_step(&application, Step::Pickup, &context).is_empty());
}

#[test]
fn without_a_service_the_first_step_asks_for_one() {
    let application = Application::default();
    assert_issue(&application, Error, "service.required", "service");
}

#[test]
fn a_change_needs_the_current_kk_number() {
    let mut application = valid_family();
    application.existing_kk_number.clear();
    assert_issue(&application, Error, "nomor_kk.empty", "existing_kk_number");
    application.existing_kk_number = "0201012006150003".into();
    assert_issue(
        &application,
        Error,
        "nomor_kk.leading_zero",
        "existing_kk_number",
    );
    application.existing_kk_number = "3201 0120 0615 0003".into();
    assert_no_issue(&application, "nomor_kk.leading_zero");
}

#[test]
fn a_newly_married_couple_needs_no_kk_number() {
    let mut application = valid_family();
    application.service = Some(Service::NewKk(NewKkReason::NewlyMarried));
    application.existing_kk_number.clear();
    application.members.truncate(2);
    let application = with_required_documents(application);
    let issues = issues_of(&application);
    assert!(issues.is_empty(), "{}", describe(&issues));
}

#[test]
fn a_kk_number_from_an_unknown_district_is_only_a_warning() {
    let mut application = valid_family();
    application.existing_kk_number = "3201992006150003".into();
    assert_issue(
        &application,
        Warning,
        "nomor_kk.unknown_region",
        "existing_kk_number",
    );
    assert_no_issue(&application, "nomor_kk.wrong_length");
}

#[test]
fn the_address_needs_every_level_of_the_region_chain() {
    let mut application = valid_family();
    application.address.village = None;
    assert_issue(
        &application,
        Error,
        "address.village.required",
        "address.village",
    );
}

#[test]
fn a_village_outside_the_chosen_district_is_rejected() {
    let mut application = valid_family();
    application.address.village = Some(crate::region::RegionCode::parse("32.01.02.1001").unwrap());
    assert_issue(
        &application,
        Error,
        "address.village.not_in_chain",
        "address.village",
    );
}

#[test]
fn a_region_code_missing_from_the_2025_data_is_rejected() {
    let mut application = valid_family();
    application.address.village = Some(crate::region::RegionCode::parse("32.01.01.1999").unwrap());
    assert_issue(
        &application,
        Error,
        "address.village.unknown",
        "address.village",
    );
}

#[test]
fn rt_and_rw_are_required_and_should_be_up_to_three_digits() {
    let mut application = valid_family();
    application.address.rw.clear();
    assert_issue(&application, Error, "address.rw.required", "address.rw");
    application.address.rt = "3A".into();
    assert_issue(&application, Warning, "address.rt.format", "address.rt");
    application.address.rt = "0003".into();
    assert_issue(&application, Warning, "address.rt.format", "address.rt");
}

#[test]
fn the_postal_code_has_five_digits_and_may_differ_from_the_list_with_a_warning() {
    let mut application = valid_family();
    application.address.postal_code = "1691".into();
    assert_issue(
        &application,
        Error,
        "address.postal_code.format",
        "address.postal_code",
    );
    application.address.postal_code = "06913".into();
    assert_issue(
        &application,
        Error,
        "address.postal_code.format",
        "address.postal_code",
    );
    application.address.postal_code = "16911".into();
    assert_issue(
        &application,
        Warning,
        "address.postal_code.differs",
        "address.postal_code",
    );
}

#[test]
fn a_representative_needs_a_name_and_a_valid_nik() {
    let mut application = valid_family();
    application.pickup.method = PickupMethod::ByRepresentative;
    application.pickup.representative_nik = "123".into();
    assert_issue(
        &application,
        Error,
        "pickup.representative_name.required",
        "pickup.representative_name",
    );
    assert_issue(
        &application,
        Error,
        "nik.wrong_length",
        "pickup.representative_nik",
    );
}

#[test]
fn posting_the_kk_needs_an_address() {
    let mut application = valid_family();
    application.pickup.method = PickupMethod::Post;
    assert_issue(
        &application,
        Error,
        "pickup.postal_address.required",
        "pickup.postal_address",
    );
}

#[test]
fn without_region_data_the_region_checks_are_skipped_not_failed() {
    let mut application = valid_family();
    application.address.village = Some(crate::region::RegionCode::parse("32.01.01.1999").unwrap());
    let issues = validate(&application, &ValidationContext::new(date(TODAY), None));
    assert!(issues.is_empty(), "{}", describe(&issues));
}

#[test]
fn an_issue_travels_as_json_with_severity_code_field_and_both_languages() {
    let issue = issues_of(&Application::default()).remove(0);
    let json = serde_json::to_value(&issue).unwrap();
    assert_eq!(json["step"], "service");
    assert_eq!(json["severity"], "error");
    assert_eq!(json["code"], "service.required");
    assert_eq!(json["field"], "service");
    assert_eq!(json["message"]["id"], "Pilih layanan yang Anda butuhkan.");
    assert_eq!(json["message"]["en"], "Choose the service you need.");
}

#[test]
fn every_service_has_a_distinct_key_and_titles_in_both_languages() {
    let mut keys: Vec<&str> = Service::ALL.iter().map(|service| service.key()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), Service::ALL.len());
    for service in Service::ALL {
        let title = service.title();
        assert!(!title.id.is_empty() && !title.en.is_empty() && title.id != title.en);
        let json = serde_json::to_string(&service).unwrap();
        assert_eq!(serde_json::from_str::<Service>(&json).unwrap(), service);
    }
}

#[test]
fn the_ten_member_sample_family_has_no_issues_at_all() {
    let application = crate::sample::ten_member_family();
    assert_eq!(application.members.len(), 10);
    let issues = issues_of(&application);
    assert!(issues.is_empty(), "{}", describe(&issues));
}

#[test]
fn a_field_path_names_the_step_that_shows_it() {
    use crate::validation::{FieldPath, Step};
    for (field, step) in [
        ("members[1].birth_date", Step::Members),
        ("address.village", Step::Address),
        ("documents[0]", Step::Documents),
        ("documents", Step::Documents),
        ("pickup.representative_name", Step::Pickup),
        ("existing_kk_number", Step::Service),
    ] {
        assert_eq!(FieldPath::new(field).step(), step, "{field}");
    }
}
