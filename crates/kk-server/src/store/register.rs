//! The register of families: each family's current KK (number, address, members) and its
//! history. It is the one source of "who is on which KK": a NIK stands on one KK at most
//! (kk-domain.md §9 R3/R4), and issuing a KK writes it.

use chrono::{DateTime, Utc};
use kk_domain::register::Family;

use super::StoreResult;

/// A family as the register holds it now.
#[derive(Debug, Clone, PartialEq)]
pub struct RegisteredFamily {
    pub family: Family,
    /// Bumped by every write of the family: a change built on an older version is stale.
    pub version: u32,
}

/// One line of a family's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyEvent {
    pub version: u32,
    /// `imported`, `issued` or `member_left`.
    pub event: String,
    /// The application whose issuance wrote this version, if one did.
    pub application_id: Option<String>,
    pub at: DateTime<Utc>,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

pub trait RegisterStore {
    /// Loads families in one transaction: all of them, or none when one is refused
    /// (`StoreError::Refused` names its index). The same family again changes nothing.
    fn import_families(&self, families: &[Family], at: DateTime<Utc>) -> StoreResult<ImportReport>;
    fn family(&self, kk_number: &str) -> StoreResult<Option<RegisteredFamily>>;
    /// What happened to the family, oldest first.
    fn family_history(&self, kk_number: &str) -> StoreResult<Vec<FamilyEvent>>;
    /// The KK number a NIK stands on, if any.
    fn kk_number_of(&self, nik: &str) -> StoreResult<Option<String>>;
    /// The next free NIK after a newborn's 12-digit prefix (serials from 0001).
    fn next_nik(&self, prefix: &str) -> StoreResult<String>;
}
