//! The claim set the QR carries: a CBOR map with small integer keys, compact enough for a QR
//! that scans from paper. It names the family and its members and binds the rest of the
//! printed content by its SHA-256.
//!
//! | key | claim |
//! |---|---|
//! | 1 | format version (1) |
//! | 2 | KK number |
//! | 3 | head of family |
//! | 4 | village region code (10 digits) |
//! | 5 | members: `[[NIK, name], …]` |
//! | 6 | issue date, `YYYY-MM-DD` |
//! | 7 | SHA-256 of the printed content ([`crate::KkContent::sha256`]) |

use ciborium::Value;
use serde::{Deserialize, Serialize};

use crate::content::KkContent;

pub const CLAIMS_VERSION: u8 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KkClaims {
    pub kk_number: String,
    pub head_name: String,
    pub region_code: String,
    pub members: Vec<ClaimedMember>,
    /// `YYYY-MM-DD`.
    pub issued_on: String,
    /// In hex.
    pub content_sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimedMember {
    pub nik: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the claim set is not a KK claim set: {0}")]
pub struct ClaimsError(pub String);

impl KkClaims {
    pub fn of(content: &KkContent) -> KkClaims {
        KkClaims {
            kk_number: content.kk_number.clone(),
            head_name: content.head_name.clone(),
            region_code: content.region_code.clone(),
            members: content
                .members
                .iter()
                .map(|member| ClaimedMember {
                    nik: member.nik.clone(),
                    name: member.full_name.clone(),
                })
                .collect(),
            issued_on: content.issued_on.format("%Y-%m-%d").to_string(),
            content_sha256: hex::encode(content.sha256()),
        }
    }

    pub fn to_cbor(&self) -> Vec<u8> {
        let members = self
            .members
            .iter()
            .map(|member| {
                Value::Array(vec![
                    Value::Text(member.nik.clone()),
                    Value::Text(member.name.clone()),
                ])
            })
            .collect();
        let hash = hex::decode(&self.content_sha256).unwrap_or_default();
        let map = Value::Map(vec![
            (Value::from(1), Value::from(CLAIMS_VERSION)),
            (Value::from(2), Value::Text(self.kk_number.clone())),
            (Value::from(3), Value::Text(self.head_name.clone())),
            (Value::from(4), Value::Text(self.region_code.clone())),
            (Value::from(5), Value::Array(members)),
            (Value::from(6), Value::Text(self.issued_on.clone())),
            (Value::from(7), Value::Bytes(hash)),
        ]);
        let mut bytes = Vec::new();
        ciborium::into_writer(&map, &mut bytes).expect("writing CBOR to memory cannot fail");
        bytes
    }

    pub fn from_cbor(bytes: &[u8]) -> Result<KkClaims, ClaimsError> {
        let value: Value =
            ciborium::from_reader(bytes).map_err(|error| ClaimsError(error.to_string()))?;
        let Value::Map(entries) = value else {
            return Err(ClaimsError("not a map".into()));
        };
        let get = |key: i64| {
            entries
                .iter()
                .find(|(name, _)| name.as_integer() == Some(key.into()))
                .map(|(_, value)| value)
                .ok_or_else(|| ClaimsError(format!("claim {key} is missing")))
        };
        let text = |key: i64| {
            get(key)?
                .as_text()
                .map(str::to_owned)
                .ok_or_else(|| ClaimsError(format!("claim {key} is not text")))
        };
        let version = get(1)?.as_integer().and_then(|v| u8::try_from(v).ok());
        if version != Some(CLAIMS_VERSION) {
            return Err(ClaimsError(format!("unknown version {version:?}")));
        }
        let members = get(5)?
            .as_array()
            .ok_or_else(|| ClaimsError("claim 5 is not an array".into()))?
            .iter()
            .map(|member| match member.as_array().map(Vec::as_slice) {
                Some([Value::Text(nik), Value::Text(name)]) => Ok(ClaimedMember {
                    nik: nik.clone(),
                    name: name.clone(),
                }),
                _ => Err(ClaimsError("a member is not [NIK, name]".into())),
            })
            .collect::<Result<_, _>>()?;
        let hash = get(7)?
            .as_bytes()
            .filter(|bytes| bytes.len() == 32)
            .ok_or_else(|| ClaimsError("claim 7 is not a SHA-256".into()))?;
        Ok(KkClaims {
            kk_number: text(2)?,
            head_name: text(3)?,
            region_code: text(4)?,
            members,
            issued_on: text(6)?,
            content_sha256: hex::encode(hash),
        })
    }
}
