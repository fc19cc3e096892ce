//! Issuance: KK numbers, the issued KK (its encrypted PDF, never its PIN), and the approved
//! applications still waiting for theirs.

use chrono::{DateTime, Utc};
use kk_domain::register::Family;

use super::{OutgoingMessage, StoreResult, StoredApplication};

/// What issuance stores: never the PIN.
#[derive(Debug, Clone)]
pub struct NewIssuance {
    pub kk_number: String,
    pub key_id: String,
    pub encrypted_pdf: Vec<u8>,
    pub pdf_sha256: String,
    /// The family as the register holds it once this KK is issued. A member who stands on
    /// another KK leaves it in the same transaction (R4).
    pub family: Family,
    /// NIKs this issuance gives to newborns: each must still be free
    /// (`AlreadyExists("nik")` otherwise).
    pub new_niks: Vec<String>,
    /// Whether `kk_number` is new: then no family of the register may have it
    /// (`AlreadyExists("kk_number")` otherwise).
    pub new_number: bool,
}

/// An issued KK as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedKk {
    pub kk_number: String,
    pub key_id: String,
    pub encrypted_pdf: Vec<u8>,
    pub pdf_sha256: String,
    pub issued_at: DateTime<Utc>,
}

pub trait IssuanceStore {
    /// The next free KK number after `prefix` (12 digits: district and date).
    fn next_kk_number(&self, prefix: &str) -> StoreResult<String>;
    /// Stores the KK, moves the application from approved to issued, and queues the messages,
    /// in one transaction. A taken KK number is `AlreadyExists("kk_number")`.
    fn record_issuance(
        &self,
        id: &str,
        issuance: NewIssuance,
        messages: Vec<OutgoingMessage>,
        at: DateTime<Utc>,
    ) -> StoreResult<StoredApplication>;
    fn issued_kk(&self, id: &str) -> StoreResult<Option<IssuedKk>>;
    /// Approved applications without a KK yet, oldest first.
    fn awaiting_issuance(&self) -> StoreResult<Vec<String>>;
}
