//! What the server keeps, behind one trait. [`sqlite::SqliteStore`] is the embedded default: one
//! SQLite file in WAL mode. A PostgreSQL store will implement the same trait and pass the same
//! contract tests (`tests/store_contract.rs`).
//!
//! The trait is synchronous: handlers call it through `tokio::task::spawn_blocking`
//! ([`crate::state::AppState::store`]). Every method that changes something appends its audit
//! row in the same transaction, so the audit trail cannot miss a change that committed.

pub mod sqlite;

use chrono::{DateTime, Utc};
use kk_domain::api::{ActorRole, FieldReason, OtpPurpose, StatusEvent};
use kk_domain::application::Application;
use kk_domain::registration_number::RegistrationNumber;
use kk_domain::status::ApplicationStatus;

pub type AccountId = i64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Citizen,
    Officer,
}

impl Role {
    pub fn key(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::Officer => "officer",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: AccountId,
    /// What the person types to log in: a citizen's NIK, an officer's user name.
    pub login: String,
    pub nik: String,
    pub full_name: String,
    pub phone: String,
    pub email: String,
    pub password_hash: String,
    pub role: Role,
    pub verified: bool,
}

#[derive(Debug, Clone)]
pub struct NewAccount {
    pub login: String,
    pub nik: String,
    pub full_name: String,
    pub phone: String,
    pub email: String,
    pub password_hash: String,
    pub role: Role,
    pub verified: bool,
}

/// Who did something, for the audit trail and the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub role: ActorRole,
    pub account: Option<AccountId>,
}

impl Actor {
    pub const SYSTEM: Actor = Actor {
        role: ActorRole::System,
        account: None,
    };

    pub fn of(account: &Account) -> Actor {
        Actor {
            role: match account.role {
                Role::Citizen => ActorRole::Citizen,
                Role::Officer => ActorRole::Officer,
            },
            account: Some(account.id),
        }
    }

    /// `citizen:12`, `officer:3` or `system`: an id, never a name or a NIK.
    pub fn audit_name(&self) -> String {
        let role = match self.role {
            ActorRole::Citizen => "citizen",
            ActorRole::Officer => "officer",
            ActorRole::System => "system",
        };
        match self.account {
            Some(id) => format!("{role}:{id}"),
            None => role.to_owned(),
        }
    }
}

/// A one-time code as stored: its hash, never the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtpRecord {
    pub code_hash: String,
    pub expires_at: DateTime<Utc>,
    pub sent_at: DateTime<Utc>,
    pub attempts: u32,
}

/// A message waiting in, or sent from, the notification outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMessage {
    pub id: String,
    /// `sms` or `email`: which of the person's addresses it goes to.
    pub channel: String,
    pub to: String,
    /// What it is, e.g. `otp.verify_account`; tests find messages by it.
    pub kind: String,
    pub text: String,
    pub attempts: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredApplication {
    pub id: String,
    pub owner: AccountId,
    pub registration_number: RegistrationNumber,
    pub status: ApplicationStatus,
    pub revision: u32,
    pub application: Application,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A submission or a resubmission, as the store receives it.
#[derive(Debug, Clone)]
pub struct Submission {
    pub owner: AccountId,
    pub idempotency_key: String,
    /// SHA-256 of the canonical JSON of the application: "the same body".
    pub body_sha256: String,
    pub application: Application,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SubmitOutcome {
    Created(StoredApplication),
    /// The same key with the same body: the original result.
    Replayed(StoredApplication),
    /// The same key with a different body.
    KeyReusedWithOtherBody,
}

/// An officer's decision.
#[derive(Debug, Clone)]
pub struct Transition {
    pub to: ApplicationStatus,
    pub actor: Actor,
    pub reason: Option<String>,
    pub field_reasons: Vec<FieldReason>,
    pub at: DateTime<Utc>,
}

/// The officer's queue, filtered.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub status: Option<ApplicationStatus>,
    pub service: Option<String>,
    /// Part of a registration number.
    pub search: Option<String>,
    pub limit: u32,
    pub offset: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QueueRow {
    pub id: String,
    pub registration_number: RegistrationNumber,
    pub service: String,
    pub status: ApplicationStatus,
    pub head_name: String,
    pub member_count: u32,
    pub updated_at: DateTime<Utc>,
}

/// A NIK of this application that also appears in another application or KK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateNik {
    pub nik: String,
    pub name_here: String,
    pub name_there: String,
    pub other_id: String,
    pub other_registration_number: String,
    pub other_status: ApplicationStatus,
}

/// A tus upload in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub id: String,
    pub owner: AccountId,
    pub length: u64,
    pub offset: u64,
    /// The SHA-256 the client declared; the finished file must hash to it.
    pub sha256: String,
    pub file_name: String,
}

/// A finished, checked document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRecord {
    pub sha256: String,
    pub owner: AccountId,
    pub media_type: String,
    pub size: u64,
}

/// What issuance stores: never the PIN.
#[derive(Debug, Clone)]
pub struct NewIssuance {
    pub kk_number: String,
    pub key_id: String,
    pub encrypted_pdf: Vec<u8>,
    pub pdf_sha256: String,
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
}

pub type StoreResult<T> = Result<T, StoreError>;

pub trait Store: Send + Sync + 'static {
    // Accounts.
    fn create_account(&self, account: NewAccount, at: DateTime<Utc>) -> StoreResult<AccountId>;
    fn account_by_login(&self, login: &str) -> StoreResult<Option<Account>>;
    fn account_by_id(&self, id: AccountId) -> StoreResult<Option<Account>>;
    fn mark_verified(&self, id: AccountId, at: DateTime<Utc>) -> StoreResult<()>;
    /// Sets a new password hash and ends every session of the account.
    fn set_password(
        &self,
        id: AccountId,
        password_hash: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;

    // One-time codes: stored and sent in one transaction.
    fn put_otp(
        &self,
        account: AccountId,
        purpose: OtpPurpose,
        otp: &OtpRecord,
        message: &OutgoingMessage,
    ) -> StoreResult<()>;
    fn otp(&self, account: AccountId, purpose: OtpPurpose) -> StoreResult<Option<OtpRecord>>;
    /// Counts one wrong try and returns the count.
    fn count_otp_attempt(&self, account: AccountId, purpose: OtpPurpose) -> StoreResult<u32>;
    fn delete_otp(&self, account: AccountId, purpose: OtpPurpose) -> StoreResult<()>;

    // Sessions, by the SHA-256 of their token.
    fn create_session(
        &self,
        token_sha256: &str,
        account: AccountId,
        expires_at: DateTime<Utc>,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// The account of a live session: not expired at `now`, not revoked.
    fn session_account(
        &self,
        token_sha256: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Account>>;
    fn revoke_session(&self, token_sha256: &str, at: DateTime<Utc>) -> StoreResult<()>;

    // Applications.
    fn submit(&self, submission: Submission) -> StoreResult<SubmitOutcome>;
    /// A new revision of an application returned for correction.
    fn resubmit(&self, id: &str, submission: Submission) -> StoreResult<SubmitOutcome>;
    fn application(&self, id: &str) -> StoreResult<Option<StoredApplication>>;
    fn applications_of(&self, owner: AccountId) -> StoreResult<Vec<StoredApplication>>;
    fn timeline(&self, id: &str) -> StoreResult<Vec<StatusEvent>>;
    fn transition(&self, id: &str, transition: Transition) -> StoreResult<StoredApplication>;
    fn queue(&self, filter: &QueueFilter) -> StoreResult<Vec<QueueRow>>;
    fn duplicate_niks(&self, id: &str) -> StoreResult<Vec<DuplicateNik>>;
    /// Records in the audit trail that `actor` read personal data in `subject`.
    fn record_read(&self, actor: Actor, subject: &str, at: DateTime<Utc>) -> StoreResult<()>;

    // Uploads and documents.
    fn create_upload(&self, upload: &Upload, at: DateTime<Utc>) -> StoreResult<()>;
    fn upload(&self, id: &str) -> StoreResult<Option<Upload>>;
    fn set_upload_offset(&self, id: &str, offset: u64) -> StoreResult<()>;
    /// Turns a complete upload into a document of its owner.
    fn finish_upload(
        &self,
        id: &str,
        document: &DocumentRecord,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
    fn document(&self, owner: AccountId, sha256: &str) -> StoreResult<Option<DocumentRecord>>;

    // The notification outbox.
    fn enqueue_message(&self, message: &OutgoingMessage, at: DateTime<Utc>) -> StoreResult<()>;
    fn due_messages(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<Vec<OutgoingMessage>>;
    fn message_sent(&self, id: &str, at: DateTime<Utc>) -> StoreResult<()>;
    /// Schedules another try, or gives up when `next_try` is `None`.
    fn message_failed(
        &self,
        id: &str,
        error: &str,
        next_try: Option<DateTime<Utc>>,
    ) -> StoreResult<()>;

    // Issuance.
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
