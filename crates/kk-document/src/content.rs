//! What an issued KK says: the header, one row per member with columns 1–17, and the footer
//! date (kk-domain.md §3). Labels are resolved to the official upper-case text here, once, so
//! the PDF, the QR claims and the content hash all read the same words.

use chrono::NaiveDate;
use kk_domain::application::Application;
use kk_domain::codes::{self, CodeList};
use kk_domain::region::{RegionCode, RegionTable};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The printed content of one KK.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KkContent {
    pub kk_number: String,
    pub head_name: String,
    pub street: String,
    pub rt: String,
    pub rw: String,
    pub postal_code: String,
    pub village: String,
    pub district: String,
    pub regency: String,
    pub province: String,
    /// The village's region code, digits only (10 digits).
    pub region_code: String,
    pub members: Vec<MemberRow>,
    pub issued_on: NaiveDate,
}

/// One member, as printed in the two member tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub full_name: String,
    pub nik: String,
    pub sex: String,
    pub birth_place: String,
    pub birth_date: String,
    pub religion: String,
    pub education: String,
    pub occupation: String,
    pub blood_type: String,
    pub marital_status: String,
    pub marriage_date: String,
    pub relationship: String,
    pub citizenship: String,
    pub passport_number: String,
    pub kitas_kitap_number: String,
    pub father_name: String,
    pub mother_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    #[error("the application has no single head of family")]
    NoHead,
    #[error("the address has no village")]
    NoVillage,
    #[error("region {0} is not in the region table")]
    UnknownRegion(String),
}

impl KkContent {
    /// The content of the KK that an approved application produces.
    pub fn from_application(
        application: &Application,
        regions: &RegionTable,
        kk_number: &str,
        issued_on: NaiveDate,
    ) -> Result<KkContent, ContentError> {
        let head = application.head().ok_or(ContentError::NoHead)?;
        let village = application
            .address
            .village
            .clone()
            .ok_or(ContentError::NoVillage)?;
        let name_of = |code: &RegionCode| {
            regions
                .find(code)
                .map(|region| region.name.to_uppercase())
                .ok_or_else(|| ContentError::UnknownRegion(code.as_str().to_owned()))
        };
        let district = village.parent().ok_or(ContentError::NoVillage)?;
        let regency = district.parent().ok_or(ContentError::NoVillage)?;
        let province = regency.parent().ok_or(ContentError::NoVillage)?;
        let address = &application.address;
        Ok(KkContent {
            kk_number: kk_number.to_owned(),
            head_name: head.full_name.trim().to_uppercase(),
            street: address.street.trim().to_uppercase(),
            rt: address.rt.trim().to_owned(),
            rw: address.rw.trim().to_owned(),
            postal_code: address.postal_code.trim().to_owned(),
            village: name_of(&village)?,
            district: name_of(&district)?,
            regency: name_of(&regency)?,
            province: name_of(&province)?,
            region_code: village.digits(),
            members: application
                .resulting_members()
                .map(|(_, member)| MemberRow::of(member))
                .collect(),
            issued_on,
        })
    }

    /// SHA-256 over the canonical CBOR of everything printed: the QR signs this, so a KK whose
    /// printed text was altered no longer matches its QR.
    pub fn sha256(&self) -> [u8; 32] {
        let mut bytes = Vec::new();
        ciborium::into_writer(self, &mut bytes).expect("writing CBOR to memory cannot fail");
        Sha256::digest(&bytes).into()
    }
}

fn official(list: &CodeList, code: Option<u8>) -> String {
    code.and_then(|code| list.get(code))
        .map(|entry| entry.official.to_owned())
        .unwrap_or_else(|| "-".to_owned())
}

fn date(value: Option<NaiveDate>) -> String {
    value
        .map(|date| date.format("%d-%m-%Y").to_string())
        .unwrap_or_else(|| "-".to_owned())
}

fn or_dash(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        "-".to_owned()
    } else {
        text.to_uppercase()
    }
}

impl MemberRow {
    fn of(member: &kk_domain::application::Member) -> MemberRow {
        MemberRow {
            full_name: or_dash(&member.full_name),
            nik: or_dash(&member.nik),
            sex: official(&codes::JENIS_KELAMIN, member.sex.map(u8::from)),
            birth_place: or_dash(&member.birth_place),
            birth_date: date(member.birth_date),
            religion: official(&codes::AGAMA, member.religion),
            education: official(&codes::PENDIDIKAN, member.education),
            occupation: official(&codes::PEKERJAAN, member.occupation),
            blood_type: official(&codes::GOLONGAN_DARAH, member.blood_type),
            marital_status: official(
                &codes::STATUS_PERKAWINAN,
                member.marital_status.map(u8::from),
            ),
            marriage_date: date(member.marriage_date),
            relationship: official(&codes::SHDK, member.relationship.map(u8::from)),
            citizenship: official(&codes::KEWARGANEGARAAN, member.citizenship.map(u8::from)),
            passport_number: or_dash(&member.passport_number),
            kitas_kitap_number: or_dash(&member.kitas_kitap_number),
            father_name: or_dash(&member.father_name),
            mother_name: or_dash(&member.mother_name),
        }
    }
}
