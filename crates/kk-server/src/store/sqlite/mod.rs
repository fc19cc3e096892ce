//! The embedded store: one SQLite file (`<data-dir>/kk-server.sqlite3`) in WAL mode with
//! `synchronous = FULL`, so a submission the server has answered survives a power cut.
//! One writer thread owns the write connection and commits queued writes together (group
//! commit); reads use a pool of read connections beside it. See `cargo xtask bench`.

mod accounts;
mod applications;
mod issuance;
mod migrations;
mod outbox;
mod uploads;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, mpsc};

use chrono::{DateTime, SecondsFormat, Utc};
use kk_domain::api::{OtpPurpose, StatusEvent};
use rusqlite::Connection;

use super::{
    Account, AccountId, Actor, DocumentRecord, DuplicateNik, IssuedKk, NewAccount, NewIssuance,
    OtpRecord, OutgoingMessage, QueueFilter, QueueRow, Store, StoreError, StoreResult,
    StoredApplication, Submission, SubmitOutcome, Transition, Upload,
};

pub struct SqliteStore {
    /// Jobs for the writer thread, which owns the one write connection.
    writer: Mutex<mpsc::Sender<Job>>,
    /// Read connections: WAL lets them read while the writer writes.
    readers: Mutex<Vec<Connection>>,
    path: PathBuf,
}

/// One write, run inside the writer's transaction under its own savepoint (or not at all, given
/// `None`, when no transaction could start). It answers with what to do once the commit has
/// succeeded or failed.
type Job = Box<dyn FnOnce(Option<&Connection>) -> Completion + Send>;
type Completion = Box<dyn FnOnce(Result<(), String>) + Send>;

/// How many queued writes share one commit at most.
const GROUP_COMMIT_LIMIT: usize = 64;

impl SqliteStore {
    pub const FILE_NAME: &'static str = "kk-server.sqlite3";

    /// Opens (or creates) the database in `data_dir` and brings its schema up to date.
    pub fn open(data_dir: &Path) -> anyhow::Result<SqliteStore> {
        let path = data_dir.join(Self::FILE_NAME);
        let mut connection = open_connection(&path)?;
        migrations::MIGRATIONS.to_latest(&mut connection)?;
        let (sender, jobs) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("kk-store-writer".into())
            .spawn(move || write_loop(connection, jobs))?;
        Ok(SqliteStore {
            writer: Mutex::new(sender),
            readers: Mutex::new(Vec::new()),
            path,
        })
    }

    /// Runs `work` on a read connection.
    fn read<T>(&self, work: impl FnOnce(&Connection) -> StoreResult<T>) -> StoreResult<T> {
        let pooled = lock(&self.readers).pop();
        let connection = match pooled {
            Some(connection) => connection,
            None => open_connection(&self.path)
                .map_err(|error| StoreError::Database(error.to_string()))?,
        };
        let result = work(&connection);
        lock(&self.readers).push(connection);
        result
    }

    /// Runs `work` in the writer's next transaction and waits until it is committed. Writes
    /// that queue up meanwhile share that commit (group commit), so one fsync serves many;
    /// each runs under its own savepoint, so a failing one leaves the others untouched.
    fn write<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Connection) -> StoreResult<T> + Send + 'static,
    ) -> StoreResult<T> {
        let (reply, answer) = mpsc::sync_channel::<StoreResult<T>>(1);
        let job: Job = Box::new(move |connection| {
            let outcome = match connection {
                Some(connection) => run_in_savepoint(connection, work),
                None => Err(StoreError::Database("no transaction could start".into())),
            };
            Box::new(move |committed| {
                let result = match (committed, outcome) {
                    (Ok(()), outcome) => outcome,
                    (Err(error), Ok(_)) => Err(StoreError::Database(error)),
                    (Err(_), Err(error)) => Err(error),
                };
                let _ = reply.send(result);
            })
        });
        lock(&self.writer)
            .send(job)
            .map_err(|_| StoreError::Database("the writer thread has stopped".into()))?;
        answer
            .recv()
            .map_err(|_| StoreError::Database("the writer thread has stopped".into()))?
    }

    /// Checks the audit chain in this database.
    /// Copies the WAL into the database and empties it, so the older page that still held an
    /// erased OTP or PIN is gone from disk too (`secure_delete` covers the database file).
    /// Best effort: when a writer is busy, the next erasure or SQLite's own checkpoint does it.
    fn flush_erased_text(&self) {
        let flushed = self.read(|connection| {
            connection
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| {
                    row.get::<_, i64>(0)
                })
                .map_err(database)
        });
        if !matches!(flushed, Ok(0)) {
            tracing::debug!("WAL checkpoint after an erasure deferred");
        }
    }

    pub fn verify_audit(&self) -> anyhow::Result<Result<u64, crate::audit::AuditBreak>> {
        let connection = open_connection(&self.path)?;
        crate::audit::verify(&connection)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock leaves the data usable: SQLite rolls back on its own.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn open_connection(path: &Path) -> rusqlite::Result<Connection> {
    let connection = Connection::open(path)?;
    // WAL lets readers work beside the writer; FULL makes each commit durable on power loss.
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", true)?;
    // Erased text (a delivered OTP or PIN) is overwritten on disk, not just unlinked.
    connection.pragma_update(None, "secure_delete", true)?;
    connection.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(connection)
}

fn run_in_savepoint<T>(
    connection: &Connection,
    work: impl FnOnce(&Connection) -> StoreResult<T>,
) -> StoreResult<T> {
    connection
        .execute_batch("SAVEPOINT job")
        .map_err(database)?;
    let outcome = work(connection);
    let end = if outcome.is_ok() {
        "RELEASE job"
    } else {
        "ROLLBACK TO job; RELEASE job"
    };
    connection.execute_batch(end).map_err(database)?;
    outcome
}

fn write_loop(connection: Connection, jobs: mpsc::Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while batch.len() < GROUP_COMMIT_LIMIT {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        if let Err(error) = connection.execute_batch("BEGIN IMMEDIATE") {
            // Nothing ran; every caller still gets an answer.
            let message = error.to_string();
            for job in batch {
                job(None)(Err(message.clone()));
            }
            continue;
        }
        let completions: Vec<Completion> = batch
            .into_iter()
            .map(|job| job(Some(&connection)))
            .collect();
        let committed = connection.execute_batch("COMMIT").map_err(|error| {
            let _ = connection.execute_batch("ROLLBACK");
            error.to_string()
        });
        for completion in completions {
            completion(committed.clone());
        }
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
        self.write(move |tx| accounts::create(tx, &account, at))
    }

    fn account_by_login(&self, login: &str) -> StoreResult<Option<Account>> {
        self.read(|connection| accounts::by_login(connection, login))
    }

    fn account_by_id(&self, id: AccountId) -> StoreResult<Option<Account>> {
        self.read(|connection| accounts::by_id(connection, id))
    }

    fn mark_verified(&self, id: AccountId, at: DateTime<Utc>) -> StoreResult<()> {
        self.write(move |tx| accounts::mark_verified(tx, id, at))
    }

    fn set_password(&self, id: AccountId, hash: &str, at: DateTime<Utc>) -> StoreResult<()> {
        let hash = hash.to_owned();
        self.write(move |tx| accounts::set_password(tx, id, &hash, at))
    }

    fn put_otp(
        &self,
        account: AccountId,
        purpose: OtpPurpose,
        otp: &OtpRecord,
        message: &OutgoingMessage,
    ) -> StoreResult<()> {
        let (otp, message) = (otp.clone(), message.clone());
        self.write(move |tx| {
            accounts::put_otp(tx, account, purpose, &otp)?;
            outbox::enqueue(tx, &message, otp.sent_at)
        })
    }

    fn otp(&self, account: AccountId, purpose: OtpPurpose) -> StoreResult<Option<OtpRecord>> {
        self.read(|connection| accounts::otp(connection, account, purpose))
    }

    fn count_otp_attempt(&self, account: AccountId, purpose: OtpPurpose) -> StoreResult<u32> {
        self.write(move |tx| accounts::count_otp_attempt(tx, account, purpose))
    }

    fn delete_otp(&self, account: AccountId, purpose: OtpPurpose) -> StoreResult<()> {
        self.write(move |tx| accounts::delete_otp(tx, account, purpose))
    }

    fn create_session(
        &self,
        token_sha256: &str,
        account: AccountId,
        expires_at: DateTime<Utc>,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let token_sha256 = token_sha256.to_owned();
        self.write(move |tx| accounts::create_session(tx, &token_sha256, account, expires_at, at))
    }

    fn session_account(&self, token: &str, now: DateTime<Utc>) -> StoreResult<Option<Account>> {
        self.read(|connection| accounts::session_account(connection, token, now))
    }

    fn revoke_session(&self, token_sha256: &str, at: DateTime<Utc>) -> StoreResult<()> {
        let token_sha256 = token_sha256.to_owned();
        self.write(move |tx| accounts::revoke_session(tx, &token_sha256, at))
    }

    fn submit(&self, submission: Submission) -> StoreResult<SubmitOutcome> {
        self.write(move |tx| applications::submit(tx, &submission))
    }

    fn resubmit(&self, id: &str, submission: Submission) -> StoreResult<SubmitOutcome> {
        let id = id.to_owned();
        self.write(move |tx| applications::resubmit(tx, &id, &submission))
    }

    fn application(&self, id: &str) -> StoreResult<Option<StoredApplication>> {
        self.read(|connection| applications::by_id(connection, id))
    }

    fn applications_of(&self, owner: AccountId) -> StoreResult<Vec<StoredApplication>> {
        self.read(|connection| applications::of_owner(connection, owner))
    }

    fn timeline(&self, id: &str) -> StoreResult<Vec<StatusEvent>> {
        self.read(|connection| applications::timeline(connection, id))
    }

    fn transition(&self, id: &str, transition: Transition) -> StoreResult<StoredApplication> {
        let id = id.to_owned();
        self.write(move |tx| applications::transition(tx, &id, &transition))
    }

    fn queue(&self, filter: &QueueFilter) -> StoreResult<Vec<QueueRow>> {
        self.read(|connection| applications::queue(connection, filter))
    }

    fn duplicate_niks(&self, id: &str) -> StoreResult<Vec<DuplicateNik>> {
        self.read(|connection| applications::duplicate_niks(connection, id))
    }

    fn record_read(&self, actor: Actor, subject: &str, at: DateTime<Utc>) -> StoreResult<()> {
        let subject = subject.to_owned();
        self.write(move |tx| {
            crate::audit::append(tx, at, actor, "application.read", &subject, "{}")
                .map_err(database)
        })
    }

    fn create_upload(&self, upload: &Upload, at: DateTime<Utc>) -> StoreResult<()> {
        let upload = upload.clone();
        self.write(move |tx| uploads::create(tx, &upload, at))
    }

    fn upload(&self, id: &str) -> StoreResult<Option<Upload>> {
        self.read(|connection| uploads::by_id(connection, id))
    }

    fn set_upload_offset(&self, id: &str, offset: u64) -> StoreResult<()> {
        let id = id.to_owned();
        self.write(move |tx| uploads::set_offset(tx, &id, offset))
    }

    fn finish_upload(
        &self,
        id: &str,
        document: &DocumentRecord,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let (id, document) = (id.to_owned(), document.clone());
        self.write(move |tx| uploads::finish(tx, &id, &document, at))
    }

    fn document(&self, owner: AccountId, sha256: &str) -> StoreResult<Option<DocumentRecord>> {
        self.read(|connection| uploads::document(connection, owner, sha256))
    }

    fn enqueue_message(&self, message: &OutgoingMessage, at: DateTime<Utc>) -> StoreResult<()> {
        let message = message.clone();
        self.write(move |tx| outbox::enqueue(tx, &message, at))
    }

    fn due_messages(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<Vec<OutgoingMessage>> {
        self.read(|connection| outbox::due(connection, now, limit))
    }

    fn message_sent(&self, id: &str, at: DateTime<Utc>) -> StoreResult<()> {
        let id = id.to_owned();
        self.write(move |tx| outbox::sent(tx, &id, at))?;
        self.flush_erased_text();
        Ok(())
    }

    fn message_failed(
        &self,
        id: &str,
        error: &str,
        next_try: Option<DateTime<Utc>>,
    ) -> StoreResult<()> {
        let (id, error) = (id.to_owned(), error.to_owned());
        self.write(move |tx| outbox::failed(tx, &id, &error, next_try))?;
        if next_try.is_none() {
            self.flush_erased_text();
        }
        Ok(())
    }
    fn next_kk_number(&self, prefix: &str) -> StoreResult<String> {
        self.read(|connection| issuance::next_kk_number(connection, prefix))
    }

    fn record_issuance(
        &self,
        id: &str,
        issuance: NewIssuance,
        messages: Vec<OutgoingMessage>,
        at: DateTime<Utc>,
    ) -> StoreResult<StoredApplication> {
        let id = id.to_owned();
        self.write(move |tx| issuance::record(tx, &id, &issuance, &messages, at))
    }

    fn issued_kk(&self, id: &str) -> StoreResult<Option<IssuedKk>> {
        self.read(|connection| issuance::issued(connection, id))
    }

    fn awaiting_issuance(&self) -> StoreResult<Vec<String>> {
        self.read(issuance::awaiting_issuance)
    }
}
