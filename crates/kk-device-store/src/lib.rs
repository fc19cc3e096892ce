//! The app's database on the device: one SQLite file, owned by the shell.
//!
//! Drafts are written on every change because Android may kill the WebView, a battery may go
//! flat, or a kiosk may be switched off at any moment. Each write is one transaction in WAL mode
//! with `synchronous = FULL`, so a committed change survives a killed process and a power cut.
//! Attached documents and the outbox live in this same file, so a draft and its outbox entry
//! change in one transaction.
//!
//! The file is encrypted with SQLCipher (AES-256, its WAL included) under a [`StoreKey`]: the
//! desktop keeps the key in the OS keyring ([`os_keyring`], feature `os-keyring`), a kiosk holds
//! a new one in memory for each session.

mod documents;
mod drafts;
mod encryption;
mod family;
mod issued;
mod key;
mod migrations;
#[cfg(feature = "os-keyring")]
pub mod os_keyring;
mod outbox;
mod session;

use std::path::Path;

use rusqlite::Connection;

pub use documents::NewDocument;
pub use drafts::{Draft, DraftId, Owner};
pub use encryption::{delete_database_files, holds_encrypted_data};
pub use issued::{FIRST_COOL_DOWN, FREE_PIN_ATTEMPTS, IssuedNotice, IssuedRecord};
pub use key::StoreKey;
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
    /// Kept data (such as the family) that this version cannot read or write.
    #[error("kept data cannot be read or written: {0}")]
    Corrupt(String),
    /// The file is encrypted with another key. It is left as it is.
    #[error("the database file does not open with this key")]
    WrongKey,
    /// The file is encrypted but its key is gone from the keyring. It is left as it is.
    #[error("the database file is encrypted and its key is missing")]
    KeyMissing,
    /// The operating system's keyring could not be reached (no Secret Service, locked, …).
    #[error("the keyring is unavailable: {0}")]
    KeyringUnavailable(String),
    #[error("the database file could not be replaced: {0}")]
    Io(#[from] std::io::Error),
}

impl DeviceStore {
    /// Opens (or creates) the database file, encrypted with `key`, and brings its schema up to
    /// date. A file from before encryption is encrypted first; a file encrypted with another key
    /// is refused with [`StoreError::WrongKey`] and left untouched.
    pub fn open(path: &Path, key: &StoreKey) -> Result<DeviceStore, StoreError> {
        if encryption::is_plaintext_database(path) {
            encryption::encrypt_plaintext_file(path, key)?;
        }
        let connection = encryption::open_connection(path)?;
        connection.pragma_update(None, "key", key.sqlcipher_literal().as_str())?;
        encryption::check_key(&connection)?;
        DeviceStore::configure(connection)
    }

    /// Opens a database file without encryption. Only for measuring what encryption costs
    /// (`cargo xtask bench`); the app always uses [`DeviceStore::open`].
    pub fn open_without_encryption(path: &Path) -> Result<DeviceStore, StoreError> {
        DeviceStore::configure(Connection::open(path)?)
    }

    /// An empty store in memory, for when the file cannot be opened: the app can show why
    /// without creating anything on disk.
    pub fn open_in_memory() -> Result<DeviceStore, StoreError> {
        DeviceStore::configure(Connection::open_in_memory()?)
    }

    fn configure(mut connection: Connection) -> Result<DeviceStore, StoreError> {
        // WAL keeps readers off the writer's back; FULL makes each commit durable on power loss,
        // not only on a crash of the app.
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.pragma_update(None, "foreign_keys", true)?;
        // Sorts and temporary tables stay in memory: no temp file holds a citizen's data.
        connection.pragma_update(None, "temp_store", "MEMORY")?;
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
