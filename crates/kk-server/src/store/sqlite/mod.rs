//! The embedded store: one SQLite file (`<data-dir>/kk-server.sqlite3`) in WAL mode with
//! `synchronous = FULL`, so a submission the server has answered survives a power cut.
//! One connection behind a mutex serves everything; see `cargo xtask bench` for what it costs.

mod accounts;
mod applications;
mod migrations;
mod outbox;
mod uploads;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, SecondsFormat, Utc};
use kk_domain::api::{OtpPurpose, StatusEvent};
use rusqlite::Connection;

use super::{
    Account, AccountId, Actor, DocumentRecord, DuplicateNik, NewAccount, OtpRecord,
    OutgoingMessage, QueueFilter, QueueRow, Store, StoreError, StoreResult, StoredApplication,
    Submission, SubmitOutcome, Transition, Upload,
};

pub struct SqliteStore {
    connection: Mutex<Connection>,
}

impl SqliteStore {
    pub const FILE_NAME: &'static str = "kk-server.sqlite3";

    /// Opens (or creates) the database in `data_dir` and brings its schema up to date.
    pub fn open(data_dir: &Path) -> anyhow::Result<SqliteStore> {
        let mut connection = Connection::open(data_dir.join(Self::FILE_NAME))?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.pragma_update(None, "foreign_keys", true)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations::MIGRATIONS.to_latest(&mut connection)?;
        Ok(SqliteStore {
            connection: Mutex::new(connection),
        })
    }

    fn connection(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (transactions roll back).
        self.connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `work` in one write transaction.
    fn write<T>(
        &self,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let mut connection = self.connection();
        let transaction = connection
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(database)?;
        let result = work(&transaction)?;
        transaction.commit().map_err(database)?;
        Ok(result)
    }

    /// Checks the audit chain in this database.
    pub fn verify_audit(&self) -> anyhow::Result<Result<u64, crate::audit::AuditBreak>> {
        crate::audit::verify(&self.connection())
    }
}

/// A point in time as stored: RFC 3339, UTC, milliseconds; sorts in time order.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn parse_timestamp(text: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|error| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, error.into())
        })
}

pub(crate) fn database(error: rusqlite::Error) -> StoreError {
    StoreError::Database(error.to_string())
}

impl Store for SqliteStore {
    fn create_account(&self, account: NewAccount, at: DateTime<Utc>) -> StoreResult<AccountId> {
        self.write(|tx| accounts::create(tx, &account, at))
    }

    fn account_by_login(&self, login: &str) -> StoreResult<Option<Account>> {
        accounts::by_login(&self.connection(), login)
    }

    fn account_by_id(&self, id: AccountId) -> StoreResult<Option<Account>> {
        accounts::by_id(&self.connection(), id)
    }

    fn mark_verified(&self, id: AccountId, at: DateTime<Utc>) -> StoreResult<()> {
        self.write(|tx| accounts::mark_verified(tx, id, at))
    }

    fn set_password(&self, id: AccountId, hash: &str, at: DateTime<Utc>) -> StoreResult<()> {
        self.write(|tx| accounts::set_password(tx, id, hash, at))
    }

    fn put_otp(
        &self,
        account: AccountId,
        purpose: OtpPurpose,
        otp: &OtpRecord,
        message: &OutgoingMessage,
    ) -> StoreResult<()> {
        self.write(|tx| {
            accounts::put_otp(tx, account, purpose, otp)?;
            outbox::enqueue(tx, message, otp.sent_at)
        })
    }

    fn otp(&self, account: AccountId, purpose: OtpPurpose) -> StoreResult<Option<OtpRecord>> {
        accounts::otp(&self.connection(), account, purpose)
    }

    fn count_otp_attempt(&self, account: AccountId, purpose: OtpPurpose) -> StoreResult<u32> {
        self.write(|tx| accounts::count_otp_attempt(tx, account, purpose))
    }

    fn delete_otp(&self, account: AccountId, purpose: OtpPurpose) -> StoreResult<()> {
        self.write(|tx| accounts::delete_otp(tx, account, purpose))
    }

    fn create_session(
        &self,
        token_sha256: &str,
        account: AccountId,
        expires_at: DateTime<Utc>,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.write(|tx| accounts::create_session(tx, token_sha256, account, expires_at, at))
    }

    fn session_account(&self, token: &str, now: DateTime<Utc>) -> StoreResult<Option<Account>> {
        accounts::session_account(&self.connection(), token, now)
    }

    fn revoke_session(&self, token_sha256: &str, at: DateTime<Utc>) -> StoreResult<()> {
        self.write(|tx| accounts::revoke_session(tx, token_sha256, at))
    }

    fn submit(&self, submission: Submission) -> StoreResult<SubmitOutcome> {
        self.write(|tx| applications::submit(tx, &submission))
    }

    fn resubmit(&self, id: &str, submission: Submission) -> StoreResult<SubmitOutcome> {
        self.write(|tx| applications::resubmit(tx, id, &submission))
    }

    fn application(&self, id: &str) -> StoreResult<Option<StoredApplication>> {
        applications::by_id(&self.connection(), id)
    }

    fn applications_of(&self, owner: AccountId) -> StoreResult<Vec<StoredApplication>> {
        applications::of_owner(&self.connection(), owner)
    }

    fn timeline(&self, id: &str) -> StoreResult<Vec<StatusEvent>> {
        applications::timeline(&self.connection(), id)
    }

    fn transition(&self, id: &str, transition: Transition) -> StoreResult<StoredApplication> {
        self.write(|tx| applications::transition(tx, id, &transition))
    }

    fn queue(&self, filter: &QueueFilter) -> StoreResult<Vec<QueueRow>> {
        applications::queue(&self.connection(), filter)
    }

    fn duplicate_niks(&self, id: &str) -> StoreResult<Vec<DuplicateNik>> {
        applications::duplicate_niks(&self.connection(), id)
    }

    fn record_read(&self, actor: Actor, subject: &str, at: DateTime<Utc>) -> StoreResult<()> {
        self.write(|tx| {
            crate::audit::append(tx, at, actor, "application.read", subject, "{}").map_err(database)
        })
    }

    fn create_upload(&self, upload: &Upload, at: DateTime<Utc>) -> StoreResult<()> {
        self.write(|tx| uploads::create(tx, upload, at))
    }

    fn upload(&self, id: &str) -> StoreResult<Option<Upload>> {
        uploads::by_id(&self.connection(), id)
    }

    fn set_upload_offset(&self, id: &str, offset: u64) -> StoreResult<()> {
        self.write(|tx| uploads::set_offset(tx, id, offset))
    }

    fn finish_upload(
        &self,
        id: &str,
        document: &DocumentRecord,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.write(|tx| uploads::finish(tx, id, document, at))
    }

    fn document(&self, owner: AccountId, sha256: &str) -> StoreResult<Option<DocumentRecord>> {
        uploads::document(&self.connection(), owner, sha256)
    }

    fn enqueue_message(&self, message: &OutgoingMessage, at: DateTime<Utc>) -> StoreResult<()> {
        self.write(|tx| outbox::enqueue(tx, message, at))
    }

    fn due_messages(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<Vec<OutgoingMessage>> {
        outbox::due(&self.connection(), now, limit)
    }

    fn message_sent(&self, id: &str, at: DateTime<Utc>) -> StoreResult<()> {
        self.write(|tx| outbox::sent(tx, id, at))
    }

    fn message_failed(
        &self,
        id: &str,
        error: &str,
        next_try: Option<DateTime<Utc>>,
    ) -> StoreResult<()> {
        self.write(|tx| outbox::failed(tx, id, error, next_try))
    }
}
