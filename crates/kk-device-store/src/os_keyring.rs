//! The desktop's database key, kept in the operating system's keyring (Secret Service on
//! Linux, Keychain on macOS, Credential Manager on Windows) through the `keyring` crate.
//!
//! Each database file has its own entry, named after a hash of the file's path, so two data
//! directories (two test runs, say) never share or overwrite a key. A key is made only for a
//! file that holds nothing yet: an encrypted file whose key has gone is refused with
//! [`StoreError::KeyMissing`], never replaced by a new empty database.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::{DeviceStore, StoreError, StoreKey, holds_encrypted_data};

/// The keyring service under which the app's keys are stored.
pub const KEYRING_SERVICE: &str = "id.kkmandiri.app";

/// Opens the database at `path` with its key from the keyring, making and storing a key first
/// when the file is new (or from before encryption).
pub fn open_with_os_keyring(path: &Path) -> Result<DeviceStore, StoreError> {
    let entry =
        keyring::Entry::new(KEYRING_SERVICE, &keyring_account(path)).map_err(unavailable)?;
    match entry.get_password() {
        Ok(text) => {
            let key = StoreKey::from_hex(&text).ok_or(StoreError::WrongKey)?;
            DeviceStore::open(path, &key)
        }
        Err(keyring::Error::NoEntry) if holds_encrypted_data(path) => Err(StoreError::KeyMissing),
        Err(keyring::Error::NoEntry) => {
            let key = StoreKey::random();
            // Stored before the file is written: a key that could not be kept must not lock
            // a citizen's drafts away.
            entry.set_password(&key.to_hex()).map_err(unavailable)?;
            DeviceStore::open(path, &key)
        }
        Err(error) => Err(unavailable(error)),
    }
}

/// The keyring entry's account name for the database at `path`: not the path itself, which
/// may hold a user name, but the start of its SHA-256.
pub fn keyring_account(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let digest = Sha256::digest(absolute.as_os_str().as_encoded_bytes());
    format!("device-store {}", hex::encode(&digest[..8]))
}

fn unavailable(error: keyring::Error) -> StoreError {
    StoreError::KeyringUnavailable(error.to_string())
}
