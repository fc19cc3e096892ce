//! [`RegionCode`]: a Kemendagri code in its dotted form, parsed once.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A syntactically valid Kemendagri region code in dotted form, e.g. `32.01.01.2001`.
/// Whether the code *exists* is a question for a [`super::RegionDirectory`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegionCode(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    Province,
    Regency,
    District,
    Village,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a region code: {0:?} (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.NNNN)")]
pub struct RegionCodeError(pub String);

impl RegionCode {
    /// Accepts the dotted form (`32.01.01`) or bare digits (`320101`).
    pub fn parse(input: &str) -> Result<RegionCode, RegionCodeError> {
        let digits: String = input.chars().filter(|c| *c != '.').collect();
        let well_formed = digits.bytes().all(|b| b.is_ascii_digit())
            && matches!(digits.len(), 2 | 4 | 6 | 10)
            && (input.len() == digits.len() || dotted(&digits) == input);
        if well_formed {
            Ok(RegionCode(dotted(&digits)))
        } else {
            Err(RegionCodeError(input.to_owned()))
        }
    }

    /// A province's code from its two digits, which the caller has checked.
    pub(super) fn province(two_digits: &str) -> RegionCode {
        debug_assert!(two_digits.len() == 2 && two_digits.bytes().all(|b| b.is_ascii_digit()));
        RegionCode(two_digits.to_owned())
    }

    /// The code of a region directly below this one, from its own digits, which the caller has
    /// checked (two below a province or regency, four below a district): `32.01` + `01`.
    pub(super) fn child(&self, local_digits: &str) -> RegionCode {
        debug_assert!(local_digits.bytes().all(|b| b.is_ascii_digit()));
        let mut code = String::with_capacity(self.0.len() + 1 + local_digits.len());
        code.push_str(&self.0);
        code.push('.');
        code.push_str(local_digits);
        RegionCode(code)
    }

    /// The district code of a NIK's first six digits, e.g. `320101` → `32.01.01`.
    pub(crate) fn from_nik_prefix(six_digits: &str) -> RegionCode {
        RegionCode(dotted(six_digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn level(&self) -> RegionLevel {
        match self.0.len() {
            2 => RegionLevel::Province,
            5 => RegionLevel::Regency,
            8 => RegionLevel::District,
            _ => RegionLevel::Village,
        }
    }

    /// The enclosing region: a village's district, a district's regency, a regency's province.
    pub fn parent(&self) -> Option<RegionCode> {
        self.0
            .rfind('.')
            .map(|dot| RegionCode(self.0[..dot].to_owned()))
    }

    /// Whether `self` lies inside `ancestor` (or is it).
    pub fn is_within(&self, ancestor: &RegionCode) -> bool {
        self.0 == ancestor.0
            || (self.0.starts_with(&ancestor.0) && self.0.as_bytes()[ancestor.0.len()] == b'.')
    }

    /// The code without dots, as it appears in a NIK or KK number.
    pub fn digits(&self) -> String {
        self.0.replace('.', "")
    }
}

/// `320101` → `32.01.01`; `3201012001` → `32.01.01.2001`.
fn dotted(digits: &str) -> String {
    let mut out = String::with_capacity(13);
    for (index, character) in digits.chars().enumerate() {
        if matches!(index, 2 | 4 | 6) {
            out.push('.');
        }
        out.push(character);
    }
    out
}

impl fmt::Display for RegionCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl TryFrom<String> for RegionCode {
    type Error = RegionCodeError;
    fn try_from(value: String) -> Result<RegionCode, RegionCodeError> {
        RegionCode::parse(&value)
    }
}

impl From<RegionCode> for String {
    fn from(code: RegionCode) -> String {
        code.0
    }
}
