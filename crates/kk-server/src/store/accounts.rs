//! Accounts, their one-time codes and their sessions (a session is stored by the SHA-256 of its
//! token, an OTP by its hash: never the secret itself).

use chrono::{DateTime, Utc};
use kk_domain::api::OtpPurpose;

use super::{AccountId, OutgoingMessage, StoreResult};

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

/// A one-time code as stored: its hash, never the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtpRecord {
    pub code_hash: String,
    pub expires_at: DateTime<Utc>,
    pub sent_at: DateTime<Utc>,
    pub attempts: u32,
}

pub trait AccountStore {
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

    /// Stores a one-time code and queues its message, in one transaction.
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
}
