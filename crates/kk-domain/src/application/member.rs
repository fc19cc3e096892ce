//! A member of the family as the citizen types it in: the KK columns 1–17 (kk-domain.md §3.4).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Citizenship, MaritalStatus, Relationship, Sex};

/// One person on the KK. Text fields are as typed (possibly empty); code fields hold SIAK codes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Member {
    /// Nama Lengkap (1).
    pub full_name: String,
    /// NIK (2), as typed. A newborn has none yet.
    pub nik: String,
    /// Jenis Kelamin (3).
    pub sex: Option<Sex>,
    /// Tempat Lahir (4).
    pub birth_place: String,
    /// Tanggal Lahir (5).
    #[serde(with = "super::iso_date")]
    pub birth_date: Option<NaiveDate>,
    /// Agama (6): a code of [`crate::codes::AGAMA`].
    pub religion: Option<u8>,
    /// Nama organisasi kepercayaan, when the religion code is 7 (R15).
    pub belief_organisation: String,
    /// Pendidikan (7): a code of [`crate::codes::PENDIDIKAN`].
    pub education: Option<u8>,
    /// Jenis Pekerjaan (8): a code of [`crate::codes::PEKERJAAN`].
    pub occupation: Option<u8>,
    /// Golongan Darah (9): a code of [`crate::codes::GOLONGAN_DARAH`].
    pub blood_type: Option<u8>,
    /// Status Perkawinan (10).
    pub marital_status: Option<MaritalStatus>,
    pub marriage_certificate_number: String,
    /// Tanggal Perkawinan (11).
    #[serde(with = "super::iso_date")]
    pub marriage_date: Option<NaiveDate>,
    pub divorce_certificate_number: String,
    #[serde(with = "super::iso_date")]
    pub divorce_date: Option<NaiveDate>,
    /// Status Hubungan Dalam Keluarga (12).
    pub relationship: Option<Relationship>,
    /// Kewarganegaraan (13).
    pub citizenship: Option<Citizenship>,
    /// No. Paspor (14), for a foreigner.
    pub passport_number: String,
    /// No. KITAS/KITAP (15), for a foreigner.
    pub kitas_kitap_number: String,
    /// Nama Ayah (16).
    pub father_name: String,
    /// Nama Ibu (17).
    pub mother_name: String,
    /// What this application does to the member, for a change of an existing KK.
    pub change: MemberChange,
}

/// What a change application does to one member of the existing KK.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberChange {
    /// Stays on the KK as recorded (every member of a new KK or a reprint).
    #[default]
    Unchanged,
    /// Joins the KK: a newborn, a spouse, someone moving in.
    Added,
    /// Leaves the KK: a death, a move out, a divorce.
    Removed,
    /// Stays, with corrected data.
    Corrected,
}
