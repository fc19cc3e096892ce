//! The embedded store: one SQLite file (`<data-dir>/kk-server.sqlite3`) in WAL mode with
//! `synchronous = FULL`, so a submission the server has answered survives a power cut.
//! One writer thread owns the write connection and commits queued writes together (group
//! commit); reads use a pool of read connections beside it. See `cargo xtask bench`.

mod accounts;
mod applications;
pub mod audit;
mod issuance;
mod migrations;
mod officers;
mod outbox;
mod register;
mod uploads;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, mpsc};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::{StoreError, StoreResult};

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

    pub fn verify_audit(&self) -> anyhow::Result<Result<u64, audit::AuditBreak>> {
        let connection = open_connection(&self.path)?;
        audit::verify(&connection)
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
    // Reads of a large register come from the OS page cache through memory maps rather than
    // read calls, and each connection keeps more hot pages (see the register bench).
    connection.pragma_update(None, "mmap_size", 4_i64 << 30)?;
    connection.pragma_update(None, "cache_size", -65_536)?;
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

pub(crate) use crate::timestamp::timestamp;

/// A stored timestamp, read back; a malformed one is a conversion failure of its column.
pub(crate) fn parse_timestamp(text: &str) -> rusqlite::Result<DateTime<Utc>> {
    crate::timestamp::parse(text).map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, error.into())
    })
}

/// `prefix` with the 4-digit serial after `highest` (the highest number taken with that prefix),
/// from 0001; a prefix whose 9999 serials are all taken is an error.
pub(crate) fn next_serial(prefix: &str, highest: Option<String>) -> StoreResult<String> {
    let serial = highest
        .and_then(|number| number.get(prefix.len()..)?.parse::<u32>().ok())
        .unwrap_or(0)
        + 1;
    if serial > 9999 {
        return Err(StoreError::Database(format!(
            "no serial left after a prefix of {} digits",
            prefix.len()
        )));
    }
    Ok(format!("{prefix}{serial:04}"))
}

pub(crate) fn database(error: rusqlite::Error) -> StoreError {
    StoreError::Database(error.to_string())
}
