//! The fields of one member: required values, codes, dates, the NIK (§1.4 with R18), marital
//! data (R7, R10), foreigners' documents (R14), kepercayaan (R15) and plausibility (R17).

use super::FieldPath;
use super::dates::age_on;
use super::names::{NameRecord, check_name};
use super::{Findings, ValidationContext, member_field};
use crate::application::{ChangeReason, Citizenship, MaritalStatus, Member, MemberChange, Service};
use crate::codes::{self, CodeList};
use crate::nik::{Nik, NikMismatch, Sex};
use crate::text::Text;
use crate::text::indonesian_date as indonesian;

/// The oldest age the app believes without a second look.
const MAX_PLAUSIBLE_AGE: i32 = 130;
/// UU 16/2019 raised the minimum marriage age to 19 for both sexes from this date (R7).
const MARRIAGE_AGE_LAW_CHANGE: (i32, u32, u32) = (2019, 10, 15);

pub(super) fn check_member(
    service: Option<Service>,
    index: usize,
    member: &Member,
    context: &ValidationContext,
    findings: &mut Findings,
) {
    let field = |name: &str| member_field(index, name);
    // A baby added by a birth application is recorded for the first time: no NIK yet, and the
    // name rules apply in full.
    let newborn = service == Some(Service::Change(ChangeReason::Birth))
        && member.change == MemberChange::Added;
    let record = if newborn {
        NameRecord::New
    } else {
        NameRecord::Existing
    };
    check_name(
        &member.full_name,
        &field("full_name"),
        ("Nama lengkap", "Full name"),
        record,
        findings,
    );
    check_nik(member, newborn, &field("nik"), context, findings);
    if member.change == MemberChange::Removed {
        return; // Only who leaves matters; the rest of their record is not reissued.
    }

    if member.sex.is_none() {
        findings.error(
            "member.sex.required",
            field("sex"),
            Text::new("Pilih jenis kelamin.", "Choose the sex."),
        );
    }
    if member.birth_place.trim().is_empty() {
        findings.error(
            "member.birth_place.required",
            field("birth_place"),
            Text::new("Isi tempat lahir.", "Enter the place of birth."),
        );
    }
    check_birth_date(member, &field("birth_date"), context, findings);
    check_code(
        &codes::AGAMA,
        member.religion,
        &field("religion"),
        ("agama", "religion"),
        findings,
    );
    if member.religion == Some(7) && member.belief_organisation.trim().is_empty() {
        findings.warning(
            "member.belief_organisation.recommended",
            field("belief_organisation"),
            Text::new(
                "Sebaiknya isi nama organisasi kepercayaan terhadap Tuhan YME.",
                "Consider entering the name of the belief organisation.",
            ),
        );
    }
    check_code(
        &codes::PENDIDIKAN,
        member.education,
        &field("education"),
        ("pendidikan", "education"),
        findings,
    );
    check_code(
        &codes::PEKERJAAN,
        member.occupation,
        &field("occupation"),
        ("pekerjaan", "occupation"),
        findings,
    );
    check_code(
        &codes::GOLONGAN_DARAH,
        member.blood_type,
        &field("blood_type"),
        (
            "golongan darah (boleh \"Tidak tahu\")",
            "blood type (\"Unknown\" is allowed)",
        ),
        findings,
    );
    if member.relationship.is_none() {
        findings.error(
            "member.relationship.required",
            field("relationship"),
            Text::new(
                "Pilih hubungan dalam keluarga.",
                "Choose the relationship to the head of the family.",
            ),
        );
    }
    check_marital_data(member, index, context, findings);
    check_citizenship(member, index, findings);
    for (name, value, what) in [
        (
            "father_name",
            &member.father_name,
            ("Nama ayah", "Father's name"),
        ),
        (
            "mother_name",
            &member.mother_name,
            ("Nama ibu", "Mother's name"),
        ),
    ] {
        if value.trim().is_empty() {
            findings.warning(
                &format!("member.{name}.missing"),
                field(name),
                Text::new(
                    format!("{} sebaiknya diisi; kolom ini tercetak di KK.", what.0),
                    format!("{} should be filled in; it is printed on the KK.", what.1),
                ),
            );
        } else {
            check_name(value, &field(name), what, NameRecord::Existing, findings);
        }
    }
    check_plausibility(member, index, context, findings);
}

fn check_nik(
    member: &Member,
    newborn: bool,
    field: &FieldPath,
    context: &ValidationContext,
    findings: &mut Findings,
) {
    if member.nik.trim().is_empty() && newborn {
        return;
    }
    let nik = match Nik::parse(&member.nik) {
        Ok(nik) => nik,
        Err(error) => {
            findings.error(error.code(), field, error.text());
            return;
        }
    };
    if let Some(regions) = context.regions
        && regions.find(&nik.region_code()).is_none()
    {
        findings.warning(
            "nik.unknown_region",
            field,
            Text::new(
                format!("Kode wilayah NIK ({}) tidak ada dalam data wilayah 2025. NIK lama dari sebelum pemekaran wilayah tetap berlaku; periksa saja penulisannya.", nik.region_code()),
                format!("The NIK's region code ({}) is not in the 2025 region data. NIKs issued before a region split stay valid; just check the digits.", nik.region_code()),
            ),
        );
    }
    // R18: a corrected sex or birth date keeps the old NIK (Permendagri 108/2019 Ps.15(3)).
    for mismatch in nik.mismatches_with(member.sex, member.birth_date) {
        let (code, id, en) = match mismatch {
            NikMismatch::Sex => (
                "nik.sex_mismatch",
                "Jenis kelamin berbeda dengan yang tersirat di NIK. Ini boleh jika data pernah diubah; periksa lagi.",
                "The sex differs from the one the NIK encodes. This is allowed after a correction; please check.",
            ),
            NikMismatch::BirthDate => (
                "nik.birth_date_mismatch",
                "Tanggal lahir berbeda dengan yang tersirat di NIK. Ini boleh jika data pernah diubah; periksa lagi.",
                "The birth date differs from the one the NIK encodes. This is allowed after a correction; please check.",
            ),
        };
        findings.warning(code, field, Text::new(id, en));
    }
}

fn check_birth_date(
    member: &Member,
    field: &FieldPath,
    context: &ValidationContext,
    findings: &mut Findings,
) {
    let Some(birth_date) = member.birth_date else {
        findings.error(
            "member.birth_date.required",
            field,
            Text::new("Isi tanggal lahir.", "Enter the date of birth."),
        );
        return;
    };
    if birth_date > context.today {
        findings.error(
            "member.birth_date.future",
            field,
            Text::new(
                "Tanggal lahir tidak boleh di masa depan.",
                "The date of birth cannot be in the future.",
            ),
        );
    } else if age_on(birth_date, context.today) > MAX_PLAUSIBLE_AGE {
        findings.error(
            "member.birth_date.implausible",
            field,
            Text::new(
                format!("Tanggal lahir {} berarti usia lebih dari {MAX_PLAUSIBLE_AGE} tahun. Periksa tahunnya.", indonesian(birth_date)),
                format!("A birth date of {} means an age over {MAX_PLAUSIBLE_AGE}. Check the year.", indonesian(birth_date)),
            ),
        );
    }
}

fn check_code(
    list: &CodeList,
    code: Option<u8>,
    field: &FieldPath,
    what: (&str, &str),
    findings: &mut Findings,
) {
    match code {
        None => findings.error(
            &format!("member.{}.required", list.key),
            field,
            Text::new(
                format!("Pilih {}.", what.0),
                format!("Choose the {}.", what.1),
            ),
        ),
        Some(code) if !list.contains(code) => findings.error(
            &format!("member.{}.unknown_code", list.key),
            field,
            Text::new(
                format!("Kode {code} tidak ada dalam daftar {}.", list.key),
                format!("Code {code} is not in the {} list.", list.key),
            ),
        ),
        Some(_) => {}
    }
}

/// R10 (field dependencies of the marital status) and R7 (marriage age).
fn check_marital_data(
    member: &Member,
    index: usize,
    context: &ValidationContext,
    findings: &mut Findings,
) {
    let field = |name: &str| member_field(index, name);
    let Some(status) = member.marital_status else {
        findings.error(
            "member.marital_status.required",
            field("marital_status"),
            Text::new("Pilih status perkawinan.", "Choose the marital status."),
        );
        return;
    };
    let marriage_data = [
        (
            "marriage_certificate_number",
            !member.marriage_certificate_number.trim().is_empty(),
        ),
        ("marriage_date", member.marriage_date.is_some()),
    ];
    let divorce_data = [
        (
            "divorce_certificate_number",
            !member.divorce_certificate_number.trim().is_empty(),
        ),
        ("divorce_date", member.divorce_date.is_some()),
    ];
    if status == MaritalStatus::BelumKawin {
        for (name, _) in marriage_data
            .iter()
            .chain(&divorce_data)
            .filter(|(_, present)| *present)
        {
            findings.error(
                "member.marital.unmarried_with_marriage_data",
                field(name),
                Text::new(
                    "Status \"Belum kawin\" tidak boleh memiliki data perkawinan atau perceraian.",
                    "Someone never married cannot have marriage or divorce data.",
                ),
            );
        }
        return;
    }
    if status.is_married() {
        for (name, _) in divorce_data.iter().filter(|(_, present)| *present) {
            findings.error(
                "member.marital.married_with_divorce_data",
                field(name),
                Text::new(
                    "Status \"Kawin\" tidak boleh memiliki data perceraian.",
                    "Someone currently married cannot have divorce data.",
                ),
            );
        }
    }
    if status == MaritalStatus::KawinTercatat {
        if member.marriage_certificate_number.trim().is_empty() {
            findings.error(
                "member.marriage_certificate_number.required",
                field("marriage_certificate_number"),
                Text::new(
                    "Isi nomor akta perkawinan / buku nikah untuk perkawinan tercatat.",
                    "Enter the marriage certificate number for a registered marriage.",
                ),
            );
        }
        if member.marriage_date.is_none() {
            findings.error(
                "member.marriage_date.required",
                field("marriage_date"),
                Text::new("Isi tanggal perkawinan.", "Enter the date of marriage."),
            );
        }
    }
    if let Some(marriage_date) = member.marriage_date {
        check_marriage_date(
            member,
            marriage_date,
            &field("marriage_date"),
            context,
            findings,
        );
    }
    if let (Some(marriage_date), Some(divorce_date)) = (member.marriage_date, member.divorce_date)
        && divorce_date < marriage_date
    {
        findings.error(
            "member.divorce_date.before_marriage",
            field("divorce_date"),
            Text::new(
                "Tanggal perceraian tidak boleh sebelum tanggal perkawinan.",
                "The divorce date cannot be before the marriage date.",
            ),
        );
    }
}

fn check_marriage_date(
    member: &Member,
    marriage_date: chrono::NaiveDate,
    field: &FieldPath,
    context: &ValidationContext,
    findings: &mut Findings,
) {
    if marriage_date > context.today {
        findings.error(
            "member.marriage_date.future",
            field,
            Text::new(
                "Tanggal perkawinan tidak boleh di masa depan.",
                "The date of marriage cannot be in the future.",
            ),
        );
        return;
    }
    let Some(birth_date) = member.birth_date else {
        return;
    };
    if marriage_date <= birth_date {
        findings.error(
            "member.marriage_date.before_birth",
            field,
            Text::new(
                "Tanggal perkawinan harus setelah tanggal lahir.",
                "The date of marriage must be after the date of birth.",
            ),
        );
        return;
    }
    let (year, month, day) = MARRIAGE_AGE_LAW_CHANGE;
    let law_change = chrono::NaiveDate::from_ymd_opt(year, month, day).expect("a real date");
    let minimum_age = match (marriage_date >= law_change, member.sex) {
        (true, _) => 19,
        (false, Some(Sex::Female)) => 16,
        (false, _) => 19,
    };
    let age = age_on(birth_date, marriage_date);
    if age < minimum_age {
        findings.warning(
            "member.marriage_age.below_minimum",
            field,
            Text::new(
                format!("Usia saat menikah {age} tahun, di bawah batas minimal {minimum_age} tahun (UU 16/2019). Lampirkan dispensasi pengadilan jika ada."),
                format!("Age at marriage was {age}, below the minimum of {minimum_age} (Law 16/2019). Attach the court dispensation if there is one."),
            ),
        );
    }
}

/// R14: a foreigner needs a passport number and a KITAS/KITAP number.
fn check_citizenship(member: &Member, index: usize, findings: &mut Findings) {
    match member.citizenship {
        None => findings.error(
            "member.citizenship.required",
            member_field(index, "citizenship"),
            Text::new("Pilih kewarganegaraan.", "Choose the citizenship."),
        ),
        Some(Citizenship::Wna) => {
            for (name, id, en) in [
                (
                    "passport_number",
                    "Isi nomor paspor untuk warga negara asing.",
                    "Enter the passport number for a foreign national.",
                ),
                (
                    "kitas_kitap_number",
                    "Isi nomor KITAS/KITAP untuk warga negara asing.",
                    "Enter the KITAS/KITAP number for a foreign national.",
                ),
            ] {
                let value = if name == "passport_number" {
                    &member.passport_number
                } else {
                    &member.kitas_kitap_number
                };
                if value.trim().is_empty() {
                    findings.error(
                        &format!("member.{name}.required"),
                        member_field(index, name),
                        Text::new(id, en),
                    );
                }
            }
        }
        Some(Citizenship::Wni) => {}
    }
}

/// R17: education and occupation that are unlikely at the member's age (warnings only).
fn check_plausibility(
    member: &Member,
    index: usize,
    context: &ValidationContext,
    findings: &mut Findings,
) {
    const TODDLER_AGE: i32 = 5;
    const NO_SCHOOLING: u8 = 1;
    const NOT_WORKING: u8 = 1;
    const FIRST_DEGREE_OR_HIGHER: u8 = 8;
    let Some(birth_date) = member.birth_date else {
        return;
    };
    let age = age_on(birth_date, context.today);
    if age < 0 {
        return;
    }
    if age < TODDLER_AGE && member.education.is_some_and(|code| code != NO_SCHOOLING) {
        findings.warning(
            "member.education.implausible_for_age",
            member_field(index, "education"),
            Text::new(
                format!("Anak berusia {age} tahun biasanya berpendidikan \"Tidak/belum sekolah\"."),
                format!("A child aged {age} usually has \"No schooling yet\"."),
            ),
        );
    }
    if age < TODDLER_AGE && member.occupation.is_some_and(|code| code != NOT_WORKING) {
        findings.warning(
            "member.occupation.implausible_for_age",
            member_field(index, "occupation"),
            Text::new(
                format!("Anak berusia {age} tahun biasanya berpekerjaan \"Belum/tidak bekerja\"."),
                format!("A child aged {age} is usually \"Not working\"."),
            ),
        );
    }
    if age < 19
        && member
            .education
            .is_some_and(|code| code >= FIRST_DEGREE_OR_HIGHER)
    {
        findings.warning(
            "member.education.degree_too_young",
            member_field(index, "education"),
            Text::new(
                format!("Gelar D-IV/S1 atau lebih tinggi pada usia {age} tahun tidak lazim. Periksa lagi."),
                format!("A bachelor's degree or higher at age {age} is unusual. Please check."),
            ),
        );
    }
}
