//! A root's list of revoked issuer keys (a stolen key, a closed office). Each list is numbered;
//! a device keeps the highest number it has seen from each root, so a server that hands out an
//! older list cannot bring a revoked key back.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::root::{RootKey, TrustedRoot, TrustedRoots};
use super::signed::{self, SignedError};

/// The content type of a revocation list in its COSE header.
pub const REVOCATION_TYPE: &str = "application/kk-revocation-list+cbor";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevocationList {
    /// One more than the root's previous list.
    pub number: u64,
    pub issued_on: NaiveDate,
    /// Ids of the issuer keys no KK may be trusted by.
    pub revoked: Vec<String>,
}

impl RevocationList {
    pub fn sign(&self, root: &RootKey) -> Vec<u8> {
        signed::sign(root, REVOCATION_TYPE, self)
    }

    pub fn open(
        document: &[u8],
        roots: &TrustedRoots,
    ) -> Result<(RevocationList, TrustedRoot), SignedError> {
        signed::open(document, REVOCATION_TYPE, roots)
    }
}
