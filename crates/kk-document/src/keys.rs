//! The issuer's Ed25519 signing key, in a file readable by its owner only. `kk-server keys
//! issue` makes one beside its root-signed certificate ([`crate::trust::certificate`]); the
//! server loads them, and publishes the certificate at `GET /v1/keys`.

use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// An issuer key's public half.
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

/// The Ed25519 public key written as `public_hex`, when it is well formed and `key_id` is its
/// id: what a root or a certificate states is checked against what it claims to be.
pub fn key_named(public_hex: &str, key_id: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = hex::decode(public_hex).ok()?.try_into().ok()?;
    let key = VerifyingKey::from_bytes(&bytes).ok()?;
    (key_id_of(&key) == key_id).then_some(key)
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

    /// Reads the key at `path`, or makes it there (mode 0600) when there is none.
    #[cfg(feature = "issue")]
    pub fn load_or_create(path: &std::path::Path, issuer: &str) -> std::io::Result<IssuerKey> {
        use std::io::{ErrorKind, Write};
        match std::fs::read_to_string(path) {
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
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                let signing = SigningKey::generate(&mut rand::rngs::OsRng);
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                let mut file = options.open(path)?;
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
        let path = dir.path().join("keys").join("issuer.key");
        let first = IssuerKey::load_or_create(&path, "Demo").unwrap();
        let again = IssuerKey::load_or_create(&path, "Demo").unwrap();
        assert_eq!(first.key_id, again.key_id);
        assert_eq!(first.key_id.len(), 16);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
