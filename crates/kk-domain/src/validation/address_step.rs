//! Step "Alamat": the region chain (R19), street, RT/RW (R20) and postal code (§8).

use super::{Findings, ValidationContext};
use crate::application::Application;
use crate::region::{RegionCode, RegionLevel};
use crate::text::{Text, capitalise};

pub(super) fn check(
    application: &Application,
    context: &ValidationContext,
    findings: &mut Findings,
) {
    let address = &application.address;
    let chain = [
        (
            "address.province",
            RegionLevel::Province,
            &address.province,
            "provinsi",
            "province",
        ),
        (
            "address.regency",
            RegionLevel::Regency,
            &address.regency,
            "kabupaten/kota",
            "regency or city",
        ),
        (
            "address.district",
            RegionLevel::District,
            &address.district,
            "kecamatan",
            "district",
        ),
        (
            "address.village",
            RegionLevel::Village,
            &address.village,
            "desa/kelurahan",
            "village",
        ),
    ];
    let mut parent: Option<&RegionCode> = None;
    for (field, level, code, name_id, name_en) in chain {
        let Some(code) = code else {
            findings.error(
                &format!("{field}.required"),
                field,
                Text::new(
                    format!("Pilih {name_id}."),
                    format!("Choose the {name_en}."),
                ),
            );
            parent = None;
            continue;
        };
        let wrong_level = code.level() != level;
        let outside_parent = parent.is_some_and(|parent| code.parent().as_ref() != Some(parent));
        if wrong_level || outside_parent {
            findings.error(
                &format!("{field}.not_in_chain"),
                field,
                Text::new(
                    format!(
                        "{} ({code}) tidak berada di wilayah yang dipilih di atasnya.",
                        capitalise(name_id)
                    ),
                    format!("The {name_en} ({code}) is not inside the region chosen above it."),
                ),
            );
        } else if let Some(regions) = context.regions
            && regions.find(code).is_none()
        {
            findings.error(
                &format!("{field}.unknown"),
                field,
                Text::new(
                    format!("Kode {name_id} {code} tidak ada dalam data wilayah 2025."),
                    format!("The {name_en} code {code} is not in the 2025 region data."),
                ),
            );
        }
        parent = Some(code);
    }

    if address.street.trim().is_empty() {
        findings.error(
            "address.street.required",
            "address.street",
            Text::new(
                "Isi alamat (jalan, nomor rumah, dusun).",
                "Enter the street address.",
            ),
        );
    }
    for (field, label) in [("address.rt", "RT"), ("address.rw", "RW")] {
        let value = if field == "address.rt" {
            &address.rt
        } else {
            &address.rw
        };
        let value = value.trim();
        if value.is_empty() {
            findings.error(
                &format!("{field}.required"),
                field,
                Text::new(
                    format!("Isi nomor {label}."),
                    format!("Enter the {label} number."),
                ),
            );
        } else if value.len() > 3 || !value.bytes().all(|b| b.is_ascii_digit()) {
            findings.warning(
                &format!("{field}.format"),
                field,
                Text::new(
                    format!("{label} biasanya berupa angka sampai 3 digit, misalnya 003."),
                    format!("The {label} is usually a number of up to 3 digits, such as 003."),
                ),
            );
        }
    }
    check_postal_code(application, context, findings);
}

fn check_postal_code(
    application: &Application,
    context: &ValidationContext,
    findings: &mut Findings,
) {
    let postal_code = application.address.postal_code.trim();
    let field = "address.postal_code";
    if postal_code.is_empty() {
        findings.error(
            "address.postal_code.required",
            field,
            Text::new("Isi kode pos.", "Enter the postal code."),
        );
        return;
    }
    let well_formed = postal_code.len() == 5
        && postal_code.bytes().all(|b| b.is_ascii_digit())
        && !postal_code.starts_with('0');
    if !well_formed {
        findings.error(
            "address.postal_code.format",
            field,
            Text::new(
                "Kode pos terdiri dari 5 angka dan tidak diawali 0.",
                "A postal code has 5 digits and does not start with 0.",
            ),
        );
        return;
    }
    let listed = context
        .regions
        .zip(application.address.village.as_ref())
        .and_then(|(regions, village)| regions.find(village))
        .and_then(|village| village.postal_code.clone());
    if let Some(listed) = listed
        && listed != postal_code
    {
        findings.warning(
            "address.postal_code.differs",
            field,
            Text::new(
                format!("Kode pos desa/kelurahan ini tercatat {listed}. Periksa lagi; satu desa bisa memiliki lebih dari satu kode pos."),
                format!("This village's listed postal code is {listed}. Check it; a village can span more than one postal code."),
            ),
        );
    }
}
