//! The app's database on the device: one SQLite file, owned by the shell.
//!
//! Drafts are written on every change because Android may kill the WebView, a battery may go
//! flat, or a kiosk may be switched off at any moment. Each write is one transaction in WAL mode
//! with `synchronous = FULL`, so a committed change survives a killed process and a power cut.
//! Attached documents and the outbox live in this same file, so a draft and its outbox entry
//! change in one transaction.

mod documents;
mod drafts;
mod issued;
mod migrations;
mod outbox;
mod session;

use std::path::Path;

use rusqlite::Connection;

pub use documents::NewDocument;
pub use drafts::{Draft, DraftId, Owner};
pub use issued::{FREE_PIN_ATTEMPTS, IssuedNotice, IssuedRecord};
pub use outbox::{OutboxItem, OutboxState};
/// The SQLite error type, for callers that match on [`StoreError::Sqlite`].
pub use rusqlite::Error as SqliteError;
pub use session::AccountSession;

/// The open database.
pub struct DeviceStore {
    connection: Connection,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database could not be opened or read: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the database schema could not be brought up to date: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("no draft {0}")]
    DraftNotFound(DraftId),
    #[error("draft {0} holds data this version cannot read: {1}")]
    UnreadableDraft(DraftId, serde_json::Error),
}

impl DeviceStore {
    /// Opens (or creates) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<DeviceStore, StoreError> {
        let mut connection = Connection::open(path)?;
        // WAL keeps readers off the writer's back; FULL makes each commit durable on power loss,
        // not only on a crash of the app.
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.pragma_update(None, "foreign_keys", true)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations::MIGRATIONS.to_latest(&mut connection)?;
        Ok(DeviceStore { connection })
    }

    /// Runs SQLite's own consistency check; `Ok(())` when the file is sound.
    pub fn check_integrity(&self) -> Result<(), StoreError> {
        let verdict: String = self
            .connection
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
        if verdict == "ok" {
            Ok(())
        } else {
            Err(StoreError::Sqlite(rusqlite::Error::InvalidQuery))
        }
    }
}
