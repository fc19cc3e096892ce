//! The code-list values that validation reasons about, as Rust enums. Each serializes as its
//! stable SIAK code, and a unit test keeps each enum equal to its list in [`crate::codes`].

use serde::{Deserialize, Serialize};

/// Declares an enum whose values are SIAK codes, with `code()`, `from_code()` and serde as a number.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$variant_meta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(try_from = "u8", into = "u8")]
        pub enum $name {
            $($(#[$variant_meta])* $variant),+
        }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),+];

            pub fn code(self) -> u8 {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn from_code(code: u8) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl TryFrom<u8> for $name {
            type Error = String;
            fn try_from(code: u8) -> Result<$name, String> {
                $name::from_code(code)
                    .ok_or_else(|| format!("{code} is not a code of {}", stringify!($name)))
            }
        }

        impl From<$name> for u8 {
            fn from(value: $name) -> u8 {
                value.code()
            }
        }
    };
}

code_enum!(
    /// Jenis Kelamin, kk-domain.md §4.1. A NIK encodes it too (day of birth + 40 for a woman).
    Sex {
        Male = 1,
        Female = 2,
    }
);

code_enum!(
    /// Status Hubungan Dalam Keluarga (SHDK), kk-domain.md §4.6. Relative to the head.
    Relationship {
        KepalaKeluarga = 1,
        Suami = 2,
        Istri = 3,
        Anak = 4,
        Menantu = 5,
        Cucu = 6,
        OrangTua = 7,
        Mertua = 8,
        FamiliLain = 9,
        Pembantu = 10,
        Lainnya = 11,
    }
);

code_enum!(
    /// Status Perkawinan in the 6 values of form F-1.01 (kk-domain.md §4.5 b), which keeps
    /// registered and unregistered marriages apart; the 4-value SIAK code derives from it.
    MaritalStatus {
        BelumKawin = 1,
        KawinTercatat = 2,
        KawinBelumTercatat = 3,
        CeraiHidupTercatat = 4,
        CeraiHidupBelumTercatat = 5,
        CeraiMati = 6,
    }
);

code_enum!(
    /// Kewarganegaraan, kk-domain.md §4.8.
    Citizenship {
        Wni = 1,
        Wna = 2,
    }
);

impl MaritalStatus {
    pub fn is_married(self) -> bool {
        matches!(
            self,
            MaritalStatus::KawinTercatat | MaritalStatus::KawinBelumTercatat
        )
    }

    /// Married now or before: what Permendagri 108/2019 Ps.10(4) accepts for the head of a split KK.
    pub fn has_ever_married(self) -> bool {
        self != MaritalStatus::BelumKawin
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::{self, CodeList};

    fn assert_matches_list(list: &CodeList, codes: impl Iterator<Item = u8>) {
        let from_enum: Vec<u8> = codes.collect();
        let from_list: Vec<u8> = list.entries.iter().map(|entry| entry.code).collect();
        assert_eq!(from_enum, from_list, "{}", list.key);
    }

    #[test]
    fn each_enum_has_exactly_the_codes_of_its_official_list() {
        assert_matches_list(&codes::JENIS_KELAMIN, Sex::ALL.iter().map(|v| v.code()));
        assert_matches_list(&codes::SHDK, Relationship::ALL.iter().map(|v| v.code()));
        assert_matches_list(
            &codes::STATUS_PERKAWINAN,
            MaritalStatus::ALL.iter().map(|v| v.code()),
        );
        assert_matches_list(
            &codes::KEWARGANEGARAAN,
            Citizenship::ALL.iter().map(|v| v.code()),
        );
    }

    #[test]
    fn a_code_enum_travels_as_its_number() {
        assert_eq!(serde_json::to_string(&Relationship::Anak).unwrap(), "4");
        assert_eq!(
            serde_json::from_str::<MaritalStatus>("3").unwrap(),
            MaritalStatus::KawinBelumTercatat
        );
        assert!(serde_json::from_str::<Citizenship>("3").is_err());
    }
}
