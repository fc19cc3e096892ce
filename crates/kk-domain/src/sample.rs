//! Sample data: a complete, valid family and a small region table. Tests, benchmarks and demos
//! start from these and change one thing at a time.

use chrono::NaiveDate;

use crate::application::*;
use crate::documents::{AttachedDocument, DocumentKind, required_documents};
use crate::region::{Region, RegionCode, RegionTable};

/// Reads `YYYY-MM-DD`; panics on anything else (sample data is written by hand).
pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The "today" the sample family is valid on.
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
        register_version: None,
    })
}

/// A family of ten that passes every rule: head, wife, six children, a parent and a
/// parent-in-law, changed by a birth. The benchmark validates this.
pub fn ten_member_family() -> Application {
    let mut application = valid_family();
    let children = [
        ("Rizky Pratama Santoso", "3201011003180001", "2018-03-10"),
        ("Dewi Kartika Santoso", "3201015506160002", "2016-06-15"),
        ("Bayu Aji Santoso", "3201010209190003", "2019-09-02"),
        ("Intan Permata Santoso", "3201016101210004", "2021-01-21"),
        ("Galih Prakoso Santoso", "3201011407230005", "2023-07-14"),
    ];
    application.members.truncate(2);
    for (name, nik, birth) in children {
        let mut member = child(name, nik, birth);
        if nik.as_bytes()[6] >= b'4' {
            member.sex = Some(Sex::Female);
        }
        application.members.push(member);
    }
    application.members.push(Member {
        full_name: "Slamet Santoso".into(),
        nik: "3201010101600006".into(),
        birth_date: Some(date("1960-01-01")),
        marriage_date: Some(date("1985-02-02")),
        relationship: Some(Relationship::OrangTua),
        education: Some(3),
        occupation: Some(4),
        father_name: "Karto Santoso".into(),
        mother_name: "Sumirah Wati".into(),
        ..head()
    });
    application.members.push(Member {
        full_name: "Dewi Lestari".into(),
        nik: "3201015203620007".into(),
        sex: Some(Sex::Female),
        birth_date: Some(date("1962-03-12")),
        marital_status: Some(MaritalStatus::CeraiMati),
        marriage_certificate_number: "3201-KW-1980-0007".into(),
        marriage_date: Some(date("1984-05-05")),
        relationship: Some(Relationship::Mertua),
        education: Some(3),
        occupation: Some(2),
        father_name: "Parto Wiyono".into(),
        mother_name: "Sainem Rahayu".into(),
        ..head()
    });
    let mut newborn = child("Putri Ayu Santoso", "", "2026-10-01");
    newborn.change = MemberChange::Added;
    newborn.sex = Some(Sex::Female);
    application.members.push(newborn);
    with_required_documents(application)
}

/// The sample family as the register holds it before the birth: Budi, Siti and Rizky on KK
/// 3201012006150003. The demo register starts with it.
pub fn registered_family() -> crate::register::Family {
    let application = valid_family();
    crate::register::Family {
        kk_number: application.existing_kk_number.clone(),
        address: application.address.clone(),
        members: application.members[..3].to_vec(),
    }
}

/// A second registered family in the same village: Agus and Rina Wijaya and their daughter.
pub fn wijaya_family() -> crate::register::Family {
    let head = Member {
        full_name: "Agus Wijaya".into(),
        nik: "3201010403850001".into(),
        birth_date: Some(date("1985-03-04")),
        marriage_certificate_number: "3201-KW-12022012-0044".into(),
        marriage_date: Some(date("2012-02-12")),
        father_name: "Hadi Wijaya".into(),
        mother_name: "Tuti Lestari".into(),
        ..head()
    };
    let wife = Member {
        full_name: "Rina Marlina".into(),
        nik: "3201014507870002".into(),
        birth_date: Some(date("1987-07-05")),
        marriage_certificate_number: head.marriage_certificate_number.clone(),
        marriage_date: head.marriage_date,
        father_name: "Ujang Suparman".into(),
        mother_name: "Enok Rohaeti".into(),
        ..wife()
    };
    let daughter = Member {
        full_name: "Nabila Wijaya".into(),
        nik: "3201016209140001".into(),
        sex: Some(Sex::Female),
        father_name: head.full_name.clone(),
        mother_name: wife.full_name.clone(),
        ..child("Nabila Wijaya", "3201016209140001", "2014-09-22")
    };
    let mut address = valid_family().address;
    address.street = "Jalan Kenanga No. 12".into();
    address.rt = "002".into();
    crate::register::Family {
        kk_number: "3201011502120007".into(),
        address,
        members: vec![head, wife, daughter],
    }
}
