//! What a device trusts: its bundled roots, and every certificate and revocation list those
//! roots signed, from any [`KeyBundle`] it has been given. Documents no trusted root signed
//! are ignored, whoever delivered them.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::certificate::IssuerCertificate;
use super::revocation::RevocationList;
use super::root::TrustedRoots;

/// Root-signed documents as a server publishes them (`GET /v1/keys`) and a device keeps them:
/// issuer certificates and revocation lists, each a COSE_Sign1 in hex.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyBundle {
    pub certificates: Vec<String>,
    pub revocations: Vec<String>,
}

impl KeyBundle {
    pub fn from_json(text: &str) -> Result<KeyBundle, serde_json::Error> {
        serde_json::from_str(text)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a key bundle serialises")
    }

    /// Every document of both bundles, once. A device merges each fetched bundle into the one
    /// it keeps, so a server that stops publishing a revocation list cannot make it forgotten.
    pub fn merged(mut self, other: KeyBundle) -> KeyBundle {
        for (mine, theirs) in [
            (&mut self.certificates, other.certificates),
            (&mut self.revocations, other.revocations),
        ] {
            for document in theirs {
                if !mine.contains(&document) {
                    mine.push(document);
                }
            }
        }
        self
    }
}

/// Where an issuer key stands for a KK issued on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssuerStanding<'a> {
    /// Certified by a trusted root for that day, and not revoked.
    Trusted(&'a IssuerCertificate),
    /// No trusted root certified the key.
    Unknown,
    /// A trusted root revoked the key.
    Revoked(&'a IssuerCertificate),
    /// Certified, but not for that day.
    Expired(&'a IssuerCertificate),
}

#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    certificates: Vec<IssuerCertificate>,
    revoked: BTreeSet<String>,
}

impl TrustStore {
    /// The certificates and revocations in `bundle` that `roots` signed. Of each root's
    /// revocation lists, the highest-numbered one counts.
    pub fn new(roots: &TrustedRoots, bundle: &KeyBundle) -> TrustStore {
        let certificates = bundle
            .certificates
            .iter()
            .filter_map(|document| hex::decode(document).ok())
            .filter_map(|bytes| IssuerCertificate::open(&bytes, roots).ok())
            .map(|(certificate, _root)| certificate)
            .collect();
        let mut latest: BTreeMap<String, RevocationList> = BTreeMap::new();
        let lists = bundle
            .revocations
            .iter()
            .filter_map(|document| hex::decode(document).ok())
            .filter_map(|bytes| RevocationList::open(&bytes, roots).ok());
        for (list, root) in lists {
            let newer = latest
                .get(&root.root_id)
                .is_none_or(|kept| kept.number < list.number);
            if newer {
                latest.insert(root.root_id, list);
            }
        }
        TrustStore {
            certificates,
            revoked: latest.into_values().flat_map(|list| list.revoked).collect(),
        }
    }

    /// Every certificate a trusted root signed.
    pub fn certificates(&self) -> impl Iterator<Item = &IssuerCertificate> {
        self.certificates.iter()
    }

    /// Whether a trusted root revoked `key_id`.
    pub fn is_revoked(&self, key_id: &str) -> bool {
        self.revoked.contains(key_id)
    }

    /// Any certificate of `key_id`: each names the same key, as the id is the key's hash.
    pub fn certificate_of(&self, key_id: &str) -> Option<&IssuerCertificate> {
        self.certificates
            .iter()
            .find(|certificate| certificate.key_id == key_id)
    }

    /// Where `key_id` stands for a KK issued on `issued_on`.
    pub fn standing(&self, key_id: &str, issued_on: NaiveDate) -> IssuerStanding<'_> {
        let Some(any) = self.certificate_of(key_id) else {
            return IssuerStanding::Unknown;
        };
        if self.is_revoked(key_id) {
            return IssuerStanding::Revoked(any);
        }
        self.certificates
            .iter()
            .filter(|certificate| certificate.key_id == key_id)
            .find(|certificate| certificate.covers(issued_on))
            .map_or(IssuerStanding::Expired(any), IssuerStanding::Trusted)
    }
}
