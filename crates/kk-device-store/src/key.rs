//! The key that encrypts the database file (SQLCipher, AES-256).
//!
//! A key is 32 random bytes handed to SQLCipher as a raw key (`x'…'`), so opening skips the
//! passphrase derivation: the key is already random, and a kiosk opens a new store at every
//! session. The bytes are wiped from memory when the key is dropped.

use rand::RngCore;
use zeroize::Zeroizing;

/// A database key. It never appears in `Debug` output.
pub struct StoreKey(Zeroizing<[u8; 32]>);

impl StoreKey {
    /// A fresh key from the operating system's random source.
    pub fn random() -> StoreKey {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(bytes.as_mut());
        StoreKey(bytes)
    }

    /// Reads a key written by [`StoreKey::to_hex`]; `None` if it is not 64 hex digits.
    pub fn from_hex(text: &str) -> Option<StoreKey> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(text.trim(), bytes.as_mut()).ok()?;
        Some(StoreKey(bytes))
    }

    pub fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(self.0.as_ref()))
    }

    /// The key as SQLCipher's raw-key literal, for `PRAGMA key` and `ATTACH … KEY`.
    pub(crate) fn sqlcipher_literal(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", self.to_hex().as_str()))
    }
}

impl std::fmt::Debug for StoreKey {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("StoreKey(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_survives_its_hex_form_and_never_shows_in_debug_output() {
        let key = StoreKey::random();
        let again = StoreKey::from_hex(&key.to_hex()).unwrap();
        assert_eq!(key.to_hex().as_str(), again.to_hex().as_str());
        assert_eq!(format!("{key:?}"), "StoreKey(…)");
        assert_ne!(key.to_hex().as_str(), StoreKey::random().to_hex().as_str());
    }

    #[test]
    fn a_malformed_key_text_is_refused() {
        assert!(StoreKey::from_hex("abc").is_none());
        assert!(StoreKey::from_hex(&"zz".repeat(32)).is_none());
    }
}
