//! SQLCipher details: telling a wrong key from a sound file, and encrypting a database file
//! written before encryption (an app updated from an earlier version keeps its drafts).

use std::ffi::{c_char, c_int};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, params};

use crate::{StoreError, StoreKey};

/// Opens `path` once SQLCipher has finished starting up; every keyed connection opens here.
///
/// SQLite marks itself initialised and only then, outside its lock, runs SQLCipher's start-up
/// (`SQLITE_EXTRA_INIT`). A thread that opens a file in that gap finds SQLCipher not ready, and
/// its `PRAGMA key` fails with "PRAGMA key requires a key of one or more characters" although
/// the key is good. Whichever thread started SQLite (this store, a plain connection of the
/// embedded server, a test), calling SQLCipher's start-up again closes the gap: it runs under
/// SQLite's main mutex, so it waits for a start-up under way, and returns at once when it is
/// done.
pub(crate) fn open_connection(path: &Path) -> Result<Connection, StoreError> {
    // SAFETY: both take no pointer that they keep. `sqlite3_initialize` may be called from any
    // thread at any time; `sqlcipher_extra_init` must follow it (it allocates SQLite mutexes),
    // ignores its argument, and is idempotent under SQLite's main mutex.
    let code = unsafe {
        match rusqlite::ffi::sqlite3_initialize() {
            rusqlite::ffi::SQLITE_OK => sqlcipher_extra_init(std::ptr::null()),
            failed => failed,
        }
    };
    if code != rusqlite::ffi::SQLITE_OK {
        return Err(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None).into());
    }
    Ok(Connection::open(path)?)
}

unsafe extern "C" {
    /// SQLCipher's start-up, compiled into the bundled SQLite as its `SQLITE_EXTRA_INIT`.
    fn sqlcipher_extra_init(unused: *const c_char) -> c_int;
}

/// The first 16 bytes of every unencrypted SQLite file. An encrypted file starts with its salt.
const PLAINTEXT_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Whether `path` is an SQLite file without encryption.
pub(crate) fn is_plaintext_database(path: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut header))
        .is_ok_and(|()| &header == PLAINTEXT_HEADER)
}

/// Whether `path` holds data that only a key can read: it exists, is not empty and is not
/// plain SQLite.
pub fn holds_encrypted_data(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|metadata| metadata.len() > 0) && !is_plaintext_database(path)
}

/// SQLCipher reads nothing until the first query; a wrong key shows there as "not a database".
pub(crate) fn check_key(connection: &Connection) -> Result<(), StoreError> {
    match connection.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(failure, _))
            if failure.code == ErrorCode::NotADatabase =>
        {
            Err(StoreError::WrongKey)
        }
        Err(error) => Err(error.into()),
    }
}

/// Replaces an unencrypted database file by an encrypted copy (`sqlcipher_export`), keeping
/// its schema version. The copy is written beside it and renamed over it, so a crash leaves
/// either the old file or the new one.
pub(crate) fn encrypt_plaintext_file(path: &Path, key: &StoreKey) -> Result<(), StoreError> {
    let encrypted = sibling(path, ".encrypting");
    remove_if_present(&encrypted)?;
    {
        let connection = open_connection(path)?;
        // Fold the WAL into the file so the copy holds every commit.
        connection.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let version: i64 = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        connection.execute(
            "ATTACH DATABASE ?1 AS encrypted KEY ?2",
            params![
                encrypted.to_string_lossy(),
                key.sqlcipher_literal().as_str()
            ],
        )?;
        connection.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        connection.execute_batch(&format!(
            "PRAGMA encrypted.user_version = {version}; DETACH DATABASE encrypted;"
        ))?;
    }
    std::fs::rename(&encrypted, path)?;
    for suffix in ["-wal", "-shm"] {
        remove_if_present(&sibling(path, suffix))?;
    }
    Ok(())
}

/// Deletes the database file with its WAL and shared-memory files. The caller has closed it.
pub fn delete_database_files(path: &Path) -> Result<(), StoreError> {
    for suffix in ["", "-wal", "-shm", "-journal", ".encrypting"] {
        remove_if_present(&sibling(path, suffix))?;
    }
    Ok(())
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_if_present(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error.into()),
        _ => Ok(()),
    }
}
