//! What the store's test files share: one fixed key, so a file reopened in a child process or
//! by a plain SQLite connection opens with the same key.

// Each test file uses only some of these.
#![allow(dead_code)]

use kk_device_store::StoreKey;

const TEST_KEY_HEX: &str = "7c1d5e0a93b4f6287e0d1c3b5a69f8e2d4c7b0a1938e5f6d2c4b7a0918e3f5d6";

pub fn test_key() -> StoreKey {
    StoreKey::from_hex(TEST_KEY_HEX).expect("the test key is 64 hex digits")
}

/// A plain rusqlite connection to the encrypted file, to look beneath the store's API.
pub fn keyed_connection(path: &std::path::Path) -> rusqlite::Connection {
    let connection = rusqlite::Connection::open(path).unwrap();
    connection
        .pragma_update(None, "key", format!("x'{TEST_KEY_HEX}'"))
        .unwrap();
    connection
}
