//! The issuer's Ed25519 keys. The server makes its signing key on first run, in its data dir,
//! readable by the owner only. Anyone holds the public half as a [`TrustedKey`]: the server
//! publishes them at `GET /v1/keys`, and the app bundles a copy and refreshes it.

use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A public key anyone may verify KK QR codes with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedKey {
    /// Names the key in the QR's COSE header: 16 hex digits of the key's SHA-256.
    pub key_id: String,
    /// Always `Ed25519`.
    pub algorithm: String,
    /// The 32-byte public key, in hex.
    pub public_key: String,
    /// Who issues with it, e.g. "Dinas Dukcapil (demo)".
    pub issuer: String,
}

/// The published set, as `GET /v1/keys` returns it and as the app bundles it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedKeys {
    pub keys: Vec<TrustedKey>,
}

impl TrustedKeys {
    pub fn from_json(text: &str) -> Result<TrustedKeys, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The verifying key for `key_id`, when it is trusted and well formed.
    pub fn verifying_key(&self, key_id: &str) -> Option<(VerifyingKey, &TrustedKey)> {
        let entry = self
            .keys
            .iter()
            .find(|key| key.key_id == key_id && key.algorithm == "Ed25519")?;
        let bytes: [u8; 32] = hex::decode(&entry.public_key).ok()?.try_into().ok()?;
        Some((VerifyingKey::from_bytes(&bytes).ok()?, entry))
    }
}

/// The key id of a public key: the first 8 bytes of its SHA-256, in hex.
pub fn key_id_of(public: &VerifyingKey) -> String {
    hex::encode(&Sha256::digest(public.as_bytes())[..8])
}

/// The server's signing key and its id.
pub struct IssuerKey {
    pub key_id: String,
    pub signing: SigningKey,
    pub issuer: String,
}

impl std::fmt::Debug for IssuerKey {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "IssuerKey({})", self.key_id)
    }
}

impl IssuerKey {
    pub fn from_signing_key(signing: SigningKey, issuer: &str) -> IssuerKey {
        IssuerKey {
            key_id: key_id_of(&signing.verifying_key()),
            signing,
            issuer: issuer.to_owned(),
        }
    }

    pub fn trusted_key(&self) -> TrustedKey {
        TrustedKey {
            key_id: self.key_id.clone(),
            algorithm: "Ed25519".to_owned(),
            public_key: hex::encode(self.signing.verifying_key().as_bytes()),
            issuer: self.issuer.clone(),
        }
    }

    /// Reads `<dir>/issuer-ed25519.key`, or makes it (mode 0600) on first run.
    #[cfg(feature = "issue")]
    pub fn load_or_create(dir: &std::path::Path, issuer: &str) -> std::io::Result<IssuerKey> {
        use std::io::{ErrorKind, Write};
        let path = dir.join("issuer-ed25519.key");
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let seed: [u8; 32] = hex::decode(text.trim())
                    .ok()
                    .and_then(|bytes| bytes.try_into().ok())
                    .ok_or_else(|| {
                        std::io::Error::new(
                            ErrorKind::InvalidData,
                            format!("{} is not a 32-byte hex key", path.display()),
                        )
                    })?;
                Ok(IssuerKey::from_signing_key(
                    SigningKey::from_bytes(&seed),
                    issuer,
                ))
            }
            Err(error) if error.kind() == ErrorKind::NotFound => {
                std::fs::create_dir_all(dir)?;
                let signing = SigningKey::generate(&mut rand::rngs::OsRng);
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                let mut file = options.open(&path)?;
                file.write_all(hex::encode(signing.to_bytes()).as_bytes())?;
                file.sync_all()?;
                Ok(IssuerKey::from_signing_key(signing, issuer))
            }
            Err(error) => Err(error),
        }
    }
}

#[cfg(all(test, feature = "issue"))]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_made_once_owner_only_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let first = IssuerKey::load_or_create(dir.path(), "Demo").unwrap();
        let again = IssuerKey::load_or_create(dir.path(), "Demo").unwrap();
        assert_eq!(first.key_id, again.key_id);
        assert_eq!(first.key_id.len(), 16);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("issuer-ed25519.key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let trusted = TrustedKeys {
            keys: vec![first.trusted_key()],
        };
        assert!(trusted.verifying_key(&first.key_id).is_some());
        assert!(trusted.verifying_key("0000000000000000").is_none());
    }
}
