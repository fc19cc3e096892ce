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
    /// A disabled account cannot log in, and its sessions have ended.
    pub disabled: bool,
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

/// One try of a one-time code, as the store checks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtpAttempt {
    pub account: AccountId,
    pub purpose: OtpPurpose,
    pub code_hash: String,
    pub at: DateTime<Utc>,
    /// Tries allowed on one code.
    pub max_attempts: u32,
    /// Tries allowed on one account in one day (WIB), over every code.
    pub max_per_day: u32,
}

/// What became of a try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtpTry {
    /// The right code, now used up.
    Accepted,
    /// A wrong code; this many tries are used.
    Wrong {
        attempts: u32,
    },
    /// No code was sent, or it was used.
    NoCode,
    Expired,
    /// The code's tries are used up.
    TooManyAttempts,
    /// The account's tries for today are used up.
    DailyCapReached,
}

impl NewAccount {
    /// An officer: a user name, a name for the console, no NIK and no phone, verified.
    pub fn officer(login: &str, full_name: &str, password_hash: String) -> NewAccount {
        NewAccount {
            login: login.to_owned(),
            nik: String::new(),
            full_name: full_name.trim().to_owned(),
            phone: String::new(),
            email: String::new(),
            password_hash,
            role: Role::Officer,
            verified: true,
        }
    }
}

pub trait AccountStore {
    fn create_account(&self, account: NewAccount, at: DateTime<Utc>) -> StoreResult<AccountId>;
    fn account_by_login(&self, login: &str) -> StoreResult<Option<Account>>;
    fn account_by_id(&self, id: AccountId) -> StoreResult<Option<Account>>;
    fn mark_verified(&self, id: AccountId, at: DateTime<Utc>) -> StoreResult<()>;
    /// Gives an account that was never verified the details of a new registration for the
    /// same NIK, and drops its codes: a NIK is not held by whoever registered it first, only
    /// by whoever proves the phone. `NotFound` when the account is verified after all.
    fn replace_unverified(
        &self,
        id: AccountId,
        account: NewAccount,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Disables or enables the account of `login`; disabling ends its sessions.
    /// `NotFound` when no account has that login.
    fn set_disabled(&self, login: &str, disabled: bool, at: DateTime<Utc>) -> StoreResult<()>;
    /// Every officer account, by login.
    fn officers(&self) -> StoreResult<Vec<Account>>;
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
    /// Tries a code against the account's live one, counting the try in the same statement
    /// that checks the count, so parallel guesses cannot all see "fewer than the limit". Each
    /// try also counts against the account's daily cap, whichever code it was for. A right
    /// code is used up.
    fn try_otp(&self, attempt: OtpAttempt) -> StoreResult<OtpTry>;

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
