//! The NIK (Nomor Induk Kependudukan), parsed once at the edge (kk-domain.md §1).
//!
//! Layout: `PP KK CC DD MM YY SSSS`: province, regency/city and district of first registration,
//! day of birth (plus 40 for a woman), month, two-digit year, and a serial from 0001.
//! [`Nik::parse`] applies every *error* rule of §1.4; the *warnings* (unknown region prefix,
//! a recorded birth date or sex that differs from the NIK) need outside facts and live in
//! [`Nik::mismatches_with`] and [`crate::validation`].

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub use crate::application::Sex;
use crate::region::{self, RegionCode};
use crate::text::Text;

/// A NIK that passed every rule of kk-domain.md §1.4 that can be checked without outside data.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nik(String);

/// Why a string is not a NIK. Variants follow the order of the checks in §1.4.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NikError {
    #[error("NIK is empty")]
    Empty,
    #[error("NIK contains a character that is not a digit or a separator: {found:?}")]
    NotADigit { found: char },
    #[error("NIK must have 16 digits, found {found}")]
    WrongLength { found: usize },
    #[error("NIK must not start with 0 (a temporary number, not an official NIK)")]
    LeadingZero,
    #[error("NIK province code {code} is not a province")]
    UnknownProvince { code: String },
    #[error("NIK regency/city code is 00")]
    RegencyIsZero,
    #[error("NIK district code is 00")]
    DistrictIsZero,
    #[error("NIK day of birth {day} is not in 01–31 or 41–71")]
    DayOutOfRange { day: u32 },
    #[error("NIK month of birth {month} is not in 01–12")]
    MonthOutOfRange { month: u32 },
    #[error("NIK birth date {day:02}-{month:02}-{year:02} is not a real calendar date")]
    NotACalendarDate { day: u32, month: u32, year: u32 },
    #[error("NIK serial number is 0000")]
    SerialIsZero,
}

impl Nik {
    /// Parses a NIK, accepting spaces, dots and dashes as separators (§1.2 item 9).
    pub fn parse(input: &str) -> Result<Nik, NikError> {
        let digits = strip_separators(input).map_err(|found| NikError::NotADigit { found })?;
        if digits.is_empty() {
            return Err(NikError::Empty);
        }
        if digits.len() != 16 {
            return Err(NikError::WrongLength {
                found: digits.len(),
            });
        }
        if digits.starts_with('0') {
            return Err(NikError::LeadingZero);
        }
        let nik = Nik(digits);
        if region::province_name(nik.province_digits()).is_none() {
            return Err(NikError::UnknownProvince {
                code: nik.province_digits().to_owned(),
            });
        }
        if &nik.0[2..4] == "00" {
            return Err(NikError::RegencyIsZero);
        }
        if &nik.0[4..6] == "00" {
            return Err(NikError::DistrictIsZero);
        }
        let raw_day = nik.number_at(6..8);
        if !(1..=31).contains(&raw_day) && !(41..=71).contains(&raw_day) {
            return Err(NikError::DayOutOfRange { day: raw_day });
        }
        let month = nik.birth_month();
        if !(1..=12).contains(&month) {
            return Err(NikError::MonthOutOfRange { month });
        }
        // The century only matters for 29 February of year 00, and §1.2's rule resolves 00 to
        // 2000 (a leap year) for every reference year of this century, so 20YY decides here.
        let year_in_century = nik.birth_year_in_century();
        if NaiveDate::from_ymd_opt(2000 + year_in_century as i32, month, nik.birth_day()).is_none()
        {
            return Err(NikError::NotACalendarDate {
                day: nik.birth_day(),
                month,
                year: year_in_century,
            });
        }
        if &nik.0[12..16] == "0000" {
            return Err(NikError::SerialIsZero);
        }
        Ok(nik)
    }

    /// The 16 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The district (kecamatan) of first registration, e.g. `32.01.01`. Not the current address.
    pub fn region_code(&self) -> RegionCode {
        RegionCode::from_nik_prefix(&self.0[0..6])
    }

    /// The province digits, e.g. `32`.
    pub fn province_digits(&self) -> &str {
        &self.0[0..2]
    }

    pub fn sex(&self) -> Sex {
        if self.number_at(6..8) > 40 {
            Sex::Female
        } else {
            Sex::Male
        }
    }

    /// Day of birth with the +40 for women removed (1–31).
    pub fn birth_day(&self) -> u32 {
        let raw = self.number_at(6..8);
        if raw > 40 { raw - 40 } else { raw }
    }

    pub fn birth_month(&self) -> u32 {
        self.number_at(8..10)
    }

    /// The last two digits of the birth year (0–99).
    pub fn birth_year_in_century(&self) -> u32 {
        self.number_at(10..12)
    }

    /// The birth date, with the century resolved as §1.2 item 7 says: `20YY` when `YY` is at
    /// most the reference year's last two digits, otherwise `19YY`. Pass today's date; a
    /// recorded Tanggal Lahir, when known, is the better source (see [`Nik::mismatches_with`]).
    pub fn birth_date(&self, today: NaiveDate) -> NaiveDate {
        let year_in_century = self.birth_year_in_century() as i32;
        let century = if year_in_century <= today.year().rem_euclid(100) {
            today.year() - today.year().rem_euclid(100)
        } else {
            today.year() - today.year().rem_euclid(100) - 100
        };
        let year = century + year_in_century;
        // Only 29 February can fail, and only when 19YY is not a leap year; the NIK still says
        // the 29th, so keep the person's birthday on the last day of February of that year.
        NaiveDate::from_ymd_opt(year, self.birth_month(), self.birth_day())
            .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
            .expect("parse checked the month and day")
    }

    /// The serial number (0001–9999).
    pub fn serial(&self) -> &str {
        &self.0[12..16]
    }

    /// Compares the NIK with a person's recorded sex and birth date. A mismatch is never an
    /// error: Permendagri 108/2019 Pasal 15(3) keeps the NIK when either is corrected (§1.2 item 3).
    pub fn mismatches_with(
        &self,
        recorded_sex: Option<Sex>,
        recorded_birth_date: Option<NaiveDate>,
    ) -> Vec<NikMismatch> {
        let mut mismatches = Vec::new();
        if let Some(sex) = recorded_sex
            && sex != self.sex()
        {
            mismatches.push(NikMismatch::Sex);
        }
        if let Some(date) = recorded_birth_date
            && (date.day() != self.birth_day()
                || date.month() != self.birth_month()
                || date.year().rem_euclid(100) as u32 != self.birth_year_in_century())
        {
            mismatches.push(NikMismatch::BirthDate);
        }
        mismatches
    }

    fn number_at(&self, range: std::ops::Range<usize>) -> u32 {
        self.0[range]
            .parse()
            .expect("a NIK holds only ASCII digits")
    }
}

/// A recorded fact that differs from what the NIK encodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NikMismatch {
    Sex,
    BirthDate,
}

impl NikError {
    /// A stable code for the UI and the server's 422 body.
    pub fn code(&self) -> &'static str {
        match self {
            NikError::Empty => "nik.empty",
            NikError::NotADigit { .. } => "nik.not_a_digit",
            NikError::WrongLength { .. } => "nik.wrong_length",
            NikError::LeadingZero => "nik.leading_zero",
            NikError::UnknownProvince { .. } => "nik.unknown_province",
            NikError::RegencyIsZero => "nik.regency_zero",
            NikError::DistrictIsZero => "nik.district_zero",
            NikError::DayOutOfRange { .. } => "nik.day_out_of_range",
            NikError::MonthOutOfRange { .. } => "nik.month_out_of_range",
            NikError::NotACalendarDate { .. } => "nik.not_a_calendar_date",
            NikError::SerialIsZero => "nik.serial_zero",
        }
    }

    /// What the citizen reads, in Bahasa Indonesia and English.
    pub fn text(&self) -> Text {
        match self {
            NikError::Empty => Text::new("NIK wajib diisi.", "NIK is required."),
            NikError::NotADigit { found } => Text::new(
                format!("NIK hanya boleh berisi angka; \"{found}\" bukan angka."),
                format!("A NIK contains only digits; \"{found}\" is not a digit."),
            ),
            NikError::WrongLength { found } => Text::new(
                format!("NIK harus 16 digit; yang diisi {found} digit."),
                format!("A NIK has 16 digits; this one has {found}."),
            ),
            NikError::LeadingZero => Text::new(
                "NIK tidak boleh diawali angka 0. Nomor yang diawali 0 adalah nomor sementara, bukan NIK resmi.",
                "A NIK cannot start with 0. Numbers starting with 0 are temporary, not an official NIK.",
            ),
            NikError::UnknownProvince { code } => Text::new(
                format!("Dua digit pertama NIK ({code}) bukan kode provinsi."),
                format!("The first two digits of the NIK ({code}) are not a province code."),
            ),
            NikError::RegencyIsZero => Text::new(
                "Digit 3–4 NIK (kode kabupaten/kota) tidak boleh 00.",
                "Digits 3–4 of the NIK (regency/city code) cannot be 00.",
            ),
            NikError::DistrictIsZero => Text::new(
                "Digit 5–6 NIK (kode kecamatan) tidak boleh 00.",
                "Digits 5–6 of the NIK (district code) cannot be 00.",
            ),
            NikError::DayOutOfRange { day } => Text::new(
                format!(
                    "Digit 7–8 NIK ({day:02}) bukan tanggal lahir: harus 01–31, atau 41–71 untuk perempuan."
                ),
                format!(
                    "Digits 7–8 of the NIK ({day:02}) are not a day of birth: 01–31, or 41–71 for a woman."
                ),
            ),
            NikError::MonthOutOfRange { month } => Text::new(
                format!("Digit 9–10 NIK ({month:02}) bukan bulan lahir: harus 01–12."),
                format!("Digits 9–10 of the NIK ({month:02}) are not a month of birth: 01–12."),
            ),
            NikError::NotACalendarDate { day, month, year } => Text::new(
                format!(
                    "Tanggal lahir dalam NIK ({day:02}-{month:02}-{year:02}) tidak ada di kalender."
                ),
                format!(
                    "The birth date in the NIK ({day:02}-{month:02}-{year:02}) does not exist."
                ),
            ),
            NikError::SerialIsZero => Text::new(
                "Empat digit terakhir NIK tidak boleh 0000.",
                "The last four digits of a NIK cannot be 0000.",
            ),
        }
    }
}

impl fmt::Display for Nik {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl TryFrom<String> for Nik {
    type Error = NikError;
    fn try_from(value: String) -> Result<Nik, NikError> {
        Nik::parse(&value)
    }
}

impl From<Nik> for String {
    fn from(nik: Nik) -> String {
        nik.0
    }
}

/// Keeps the digits, drops whitespace, `.` and `-`, and reports the first other character.
pub(crate) fn strip_separators(input: &str) -> Result<String, char> {
    let mut digits = String::with_capacity(16);
    for character in input.chars() {
        match character {
            '0'..='9' => digits.push(character),
            '.' | '-' => {}
            other if other.is_whitespace() => {}
            other => return Err(other),
        }
    }
    Ok(digits)
}

#[cfg(test)]
mod tests;
