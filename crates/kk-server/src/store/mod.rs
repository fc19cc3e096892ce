//! What the server keeps, behind one trait per feature: [`AccountStore`], [`ApplicationStore`],
//! [`AuditStore`], [`UploadStore`], [`OutboxStore`], [`IssuanceStore`] and [`RegisterStore`]. [`Store`] is all of
//! them; the server holds an `Arc<dyn Store>`, and a module imports the feature traits it uses.
//!
//! [`sqlite::SqliteStore`] is the embedded default: one SQLite file in WAL mode. A PostgreSQL
//! store will implement the same traits and pass the same contract tests
//! (`tests/store_contract.rs`).
//!
//! The traits are synchronous: handlers call them through `tokio::task::spawn_blocking`
//! ([`crate::state::AppState::store`]). Every method that changes something appends its audit
//! row in the same transaction, so the audit trail cannot miss a change that committed.

mod accounts;
mod applications;
mod audit;
mod issuance;
mod outbox;
mod register;
pub mod sqlite;
mod uploads;

use kk_domain::status::ApplicationStatus;

pub use accounts::{Account, AccountStore, NewAccount, OtpAttempt, OtpRecord, OtpTry, Role};
pub use applications::{
    ApplicationStore, DuplicateNik, QueueFilter, QueueRow, StoredApplication, Submission,
    SubmitOutcome, Transition,
};
pub use audit::{Actor, AuditStore};
pub use issuance::{IssuanceStore, IssuedKk, NewIssuance};
pub use outbox::{OutboxStore, OutgoingMessage};
pub use register::{FamilyEvent, ImportReport, RegisterStore, RegisteredFamily};
pub use uploads::{DocumentRecord, Upload, UploadStore};

pub type AccountId = i64;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(String),
    #[error("{0} is already registered")]
    AlreadyExists(&'static str),
    #[error("not found")]
    NotFound,
    #[error("an application cannot go from {from:?} to {to:?}")]
    InvalidTransition {
        from: ApplicationStatus,
        to: ApplicationStatus,
    },
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
    /// One item of a batch was refused, and the whole batch with it.
    #[error("item {index} was refused: {reason}")]
    Refused { index: usize, reason: String },
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Every feature of the store: what the server runs on.
pub trait Store:
    AccountStore
    + ApplicationStore
    + AuditStore
    + UploadStore
    + OutboxStore
    + IssuanceStore
    + RegisterStore
    + Send
    + Sync
    + 'static
{
}

impl<T> Store for T where
    T: AccountStore
        + ApplicationStore
        + AuditStore
        + UploadStore
        + OutboxStore
        + IssuanceStore
        + RegisterStore
        + Send
        + Sync
        + 'static
{
}
