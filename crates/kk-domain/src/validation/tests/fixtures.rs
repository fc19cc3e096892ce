//! A valid family and the helpers the rule tests share.

use chrono::NaiveDate;

use crate::application::*;
use crate::documents::{AttachedDocument, DocumentKind, required_documents};
use crate::region::{Region, RegionCode, RegionTable};
use crate::validation::{Issue, Severity, ValidationContext, validate};

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub const TODAY: &str = "2026-11-23";

fn code(text: &str) -> Option<RegionCode> {
    Some(RegionCode::parse(text).unwrap())
}

/// A tiny region table: one chain down to two villages of Cibinong, Kabupaten Bogor.
pub fn regions() -> RegionTable {
    let region = |code: &str, name: &str, postal: Option<&str>| Region {
        code: RegionCode::parse(code).unwrap(),
        name: name.to_owned(),
        postal_code: postal.map(str::to_owned),
    };
    RegionTable::from_regions([
        region("32", "Jawa Barat", None),
        region("32.01", "Kabupaten Bogor", None),
        region("32.01.01", "Cibinong", None),
        region("32.01.01.1001", "Cibinong", Some("16911")),
        region("32.01.01.1002", "Karadenan", Some("16913")),
    ])
    .unwrap()
}

pub fn head() -> Member {
    Member {
        full_name: "Budi Santoso".into(),
        nik: "3201011205900001".into(),
        sex: Some(Sex::Male),
        birth_place: "Bogor".into(),
        birth_date: Some(date("1990-05-12")),
        religion: Some(1),
        education: Some(8),
        occupation: Some(15),
        blood_type: Some(4),
        marital_status: Some(MaritalStatus::KawinTercatat),
        marriage_certificate_number: "3201-KW-06062015-0012".into(),
        marriage_date: Some(date("2015-06-20")),
        relationship: Some(Relationship::KepalaKeluarga),
        citizenship: Some(Citizenship::Wni),
        father_name: "Slamet Santoso".into(),
        mother_name: "Sri Wahyuni".into(),
        ..Member::default()
    }
}

pub fn wife() -> Member {
    Member {
        full_name: "Siti Aminah".into(),
        nik: "3201015708920002".into(),
        sex: Some(Sex::Female),
        birth_place: "Jakarta".into(),
        birth_date: Some(date("1992-08-17")),
        education: Some(5),
        occupation: Some(2),
        relationship: Some(Relationship::Istri),
        father_name: "Ahmad Yani".into(),
        mother_name: "Dewi Lestari".into(),
        ..head()
    }
}

pub fn child(name: &str, nik: &str, birth_date: &str) -> Member {
    Member {
        full_name: name.into(),
        nik: nik.into(),
        birth_date: Some(date(birth_date)),
        education: Some(1),
        occupation: Some(1),
        marital_status: Some(MaritalStatus::BelumKawin),
        marriage_certificate_number: String::new(),
        marriage_date: None,
        relationship: Some(Relationship::Anak),
        father_name: "Budi Santoso".into(),
        mother_name: "Siti Aminah".into(),
        ..head()
    }
}

pub fn attach(kind: DocumentKind) -> AttachedDocument {
    AttachedDocument {
        kind,
        file_name: "scan.pdf".into(),
        media_type: "application/pdf".into(),
        size_bytes: 120_000,
        sha256: "0".repeat(64),
    }
}

/// Attaches the first choice of every document the application needs.
pub fn with_required_documents(mut application: Application) -> Application {
    application.documents = required_documents(&application)
        .iter()
        .map(|requirement| attach(requirement.any_of[0]))
        .collect();
    application
}

/// A complete, valid application: a birth added to a family of three.
pub fn valid_family() -> Application {
    let mut newborn = child("Putri Ayu Santoso", "", "2026-10-01");
    newborn.change = MemberChange::Added;
    newborn.sex = Some(Sex::Female);
    with_required_documents(Application {
        service: Some(Service::Change(ChangeReason::Birth)),
        existing_kk_number: "3201012006150003".into(),
        address: Address {
            province: code("32"),
            regency: code("32.01"),
            district: code("32.01.01"),
            village: code("32.01.01.1002"),
            street: "Jalan Mawar No. 7".into(),
            rt: "003".into(),
            rw: "009".into(),
            postal_code: "16913".into(),
        },
        members: vec![
            head(),
            wife(),
            child("Rizky Pratama Santoso", "3201011003180001", "2018-03-10"),
            newborn,
        ],
        documents: Vec::new(),
        pickup: Pickup::default(),
    })
}

/// Validates with today's date and the tiny region table.
pub fn issues_of(application: &Application) -> Vec<Issue> {
    let regions = regions();
    validate(
        application,
        &ValidationContext::new(date(TODAY), Some(&regions)),
    )
}

/// Asserts that an issue with this severity, code and field is among the issues.
#[track_caller]
pub fn assert_issue(application: &Application, severity: Severity, code: &str, field: &str) {
    let issues = issues_of(application);
    assert!(
        issues
            .iter()
            .any(|i| i.severity == severity && i.code == code && i.field == field),
        "expected {severity:?} {code} at {field}, got:\n{}",
        describe(&issues)
    );
}

/// Asserts that no issue has this code.
#[track_caller]
pub fn assert_no_issue(application: &Application, code: &str) {
    let issues = issues_of(application);
    assert!(
        !issues.iter().any(|i| i.code == code),
        "expected no {code}, got:\n{}",
        describe(&issues)
    );
}

pub fn describe(issues: &[Issue]) -> String {
    issues
        .iter()
        .map(|i| {
            format!(
                "  {:?} {} at {}: {}",
                i.severity, i.code, i.field, i.message.en
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
