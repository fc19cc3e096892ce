//! An issuer key's certificate: a root's signed statement that a key belongs to an issuer (a
//! Dinas Dukcapil, named, with its region) for a period. `kk-server keys issue` makes the key
//! and its certificate; the server only loads them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::root::{RootKey, TrustedRoot, TrustedRoots};
use super::signed::{self, SignedError};
use crate::keys::IssuerKey;

/// The content type of a certificate in its COSE header.
pub const CERTIFICATE_TYPE: &str = "application/kk-issuer-certificate+cbor";

/// What a root certifies about an issuer key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuerCertificate {
    /// The key's id, as the QR's COSE header names it.
    pub key_id: String,
    /// The 32-byte Ed25519 public key, in hex.
    pub public_key: String,
    /// The issuer's name, as the verifier shows it.
    pub issuer: String,
    /// The issuer's region code (a regency, `32.01`), as the verifier shows it.
    pub region_code: String,
    /// A KK issued on a day in `not_before..=not_after` is signed within the key's period.
    pub not_before: NaiveDate,
    pub not_after: NaiveDate,
}

impl IssuerCertificate {
    /// The certificate for `key`, valid from `not_before` to `not_after` inclusive.
    pub fn for_key(
        key: &IssuerKey,
        region_code: &str,
        not_before: NaiveDate,
        not_after: NaiveDate,
    ) -> IssuerCertificate {
        let trusted = key.trusted_key();
        IssuerCertificate {
            key_id: trusted.key_id,
            public_key: trusted.public_key,
            issuer: key.issuer.clone(),
            region_code: region_code.to_owned(),
            not_before,
            not_after,
        }
    }

    /// Whether a KK issued on `day` falls in the key's period.
    pub fn covers(&self, day: NaiveDate) -> bool {
        (self.not_before..=self.not_after).contains(&day)
    }

    /// Signs the certificate with `root`.
    pub fn certify(&self, root: &RootKey) -> Vec<u8> {
        signed::sign(root, CERTIFICATE_TYPE, self)
    }

    /// The certificate in `document`, when one of `roots` signed it and it names its key
    /// truly (the id is the key's hash), with the root that signed it.
    pub fn open(
        document: &[u8],
        roots: &TrustedRoots,
    ) -> Result<(IssuerCertificate, TrustedRoot), SignedError> {
        let (certificate, root): (IssuerCertificate, TrustedRoot) =
            signed::open(document, CERTIFICATE_TYPE, roots)?;
        if certificate.verifying_key().is_none() {
            return Err(SignedError::Malformed);
        }
        Ok((certificate, root))
    }

    /// The certified key, when it is well formed and matches its id.
    pub fn verifying_key(&self) -> Option<ed25519_dalek::VerifyingKey> {
        crate::keys::key_named(&self.public_key, &self.key_id)
    }
}
