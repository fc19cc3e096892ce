//! The Nomor KK, the family card's 16-digit number (kk-domain.md §2).
//!
//! Only the region prefix is confirmed: digits 1–6 are the district that issued the number.
//! The rest is said to be a recording date and a serial, but that is unconfirmed, so it is not
//! checked: no +40 rule and no date check.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::nik::strip_separators;
use crate::region::{self, RegionCode};
use crate::text::Text;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NomorKk(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NomorKkError {
    #[error("KK number is empty")]
    Empty,
    #[error("KK number contains a character that is not a digit or a separator: {found:?}")]
    NotADigit { found: char },
    #[error("KK number must have 16 digits, found {found}")]
    WrongLength { found: usize },
    #[error("KK number must not start with 0 (a temporary number)")]
    LeadingZero,
    #[error("KK number province code {code} is not a province")]
    UnknownProvince { code: String },
    #[error("KK number regency or district code is 00")]
    RegionPartIsZero,
}

impl NomorKk {
    /// Parses a KK number, accepting spaces, dots and dashes as separators.
    pub fn parse(input: &str) -> Result<NomorKk, NomorKkError> {
        let digits = strip_separators(input).map_err(|found| NomorKkError::NotADigit { found })?;
        if digits.is_empty() {
            return Err(NomorKkError::Empty);
        }
        if digits.len() != 16 {
            return Err(NomorKkError::WrongLength {
                found: digits.len(),
            });
        }
        if digits.starts_with('0') {
            return Err(NomorKkError::LeadingZero);
        }
        if region::province_name(&digits[0..2]).is_none() {
            return Err(NomorKkError::UnknownProvince {
                code: digits[0..2].to_owned(),
            });
        }
        if &digits[2..4] == "00" || &digits[4..6] == "00" {
            return Err(NomorKkError::RegionPartIsZero);
        }
        Ok(NomorKk(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The district that issued the number, e.g. `32.01.01`.
    pub fn region_code(&self) -> RegionCode {
        RegionCode::from_nik_prefix(&self.0[0..6])
    }
}

impl NomorKkError {
    pub fn code(&self) -> &'static str {
        match self {
            NomorKkError::Empty => "nomor_kk.empty",
            NomorKkError::NotADigit { .. } => "nomor_kk.not_a_digit",
            NomorKkError::WrongLength { .. } => "nomor_kk.wrong_length",
            NomorKkError::LeadingZero => "nomor_kk.leading_zero",
            NomorKkError::UnknownProvince { .. } => "nomor_kk.unknown_province",
            NomorKkError::RegionPartIsZero => "nomor_kk.region_zero",
        }
    }

    pub fn text(&self) -> Text {
        match self {
            NomorKkError::Empty => Text::new("Nomor KK wajib diisi.", "The KK number is required."),
            NomorKkError::NotADigit { found } => Text::new(
                format!("Nomor KK hanya boleh berisi angka; \"{found}\" bukan angka."),
                format!("A KK number contains only digits; \"{found}\" is not a digit."),
            ),
            NomorKkError::WrongLength { found } => Text::new(
                format!("Nomor KK harus 16 digit; yang diisi {found} digit."),
                format!("A KK number has 16 digits; this one has {found}."),
            ),
            NomorKkError::LeadingZero => Text::new(
                "Nomor KK tidak boleh diawali angka 0. Nomor yang diawali 0 adalah nomor sementara.",
                "A KK number cannot start with 0. Numbers starting with 0 are temporary.",
            ),
            NomorKkError::UnknownProvince { code } => Text::new(
                format!("Dua digit pertama nomor KK ({code}) bukan kode provinsi."),
                format!("The first two digits of the KK number ({code}) are not a province code."),
            ),
            NomorKkError::RegionPartIsZero => Text::new(
                "Digit 3–6 nomor KK (kode kabupaten/kota dan kecamatan) tidak boleh 00.",
                "Digits 3–6 of the KK number (regency and district codes) cannot be 00.",
            ),
        }
    }
}

impl fmt::Display for NomorKk {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl TryFrom<String> for NomorKk {
    type Error = NomorKkError;
    fn try_from(value: String) -> Result<NomorKk, NomorKkError> {
        NomorKk::parse(&value)
    }
}

impl From<NomorKk> for String {
    fn from(number: NomorKk) -> String {
        number.0
    }
}
