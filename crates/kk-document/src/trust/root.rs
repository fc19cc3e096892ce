//! A root key: made once, offline (`kk-server keys init-root`), and used only to certify issuer
//! keys and to sign revocation lists. Its public half, a [`TrustedRoot`], is bundled with the
//! app (`assets/keys/`).

use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::keys::{key_id_of, key_named};

/// A root's secret key and its name. The file form is JSON with the seed in hex; it belongs on
/// an offline machine, readable by its owner only.
pub struct RootKey {
    pub name: String,
    pub(crate) signing: SigningKey,
}

impl std::fmt::Debug for RootKey {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "RootKey({}, {})", self.name, self.root_id())
    }
}

#[derive(Serialize, Deserialize)]
struct RootKeyFile {
    name: String,
    secret_key: String,
}

impl RootKey {
    pub fn from_seed(seed: [u8; 32], name: &str) -> RootKey {
        RootKey {
            name: name.to_owned(),
            signing: SigningKey::from_bytes(&seed),
        }
    }

    /// A new root key from the operating system's randomness.
    #[cfg(feature = "issue")]
    pub fn generate(name: &str) -> RootKey {
        RootKey {
            name: name.to_owned(),
            signing: SigningKey::generate(&mut rand::rngs::OsRng),
        }
    }

    /// 16 hex digits of the public key's SHA-256, as for issuer keys.
    pub fn root_id(&self) -> String {
        key_id_of(&self.signing.verifying_key())
    }

    /// The public half, to bundle with the app.
    pub fn trusted_root(&self) -> TrustedRoot {
        TrustedRoot {
            root_id: self.root_id(),
            name: self.name.clone(),
            public_key: hex::encode(self.signing.verifying_key().as_bytes()),
        }
    }

    /// The key file's text.
    pub fn to_file_text(&self) -> String {
        let file = RootKeyFile {
            name: self.name.clone(),
            secret_key: hex::encode(self.signing.to_bytes()),
        };
        serde_json::to_string_pretty(&file).expect("a root key file serialises")
    }

    /// Reads a key file written by [`RootKey::to_file_text`].
    pub fn from_file_text(text: &str) -> Result<RootKey, String> {
        let file: RootKeyFile =
            serde_json::from_str(text).map_err(|error| format!("not a root key file: {error}"))?;
        let seed: [u8; 32] = hex::decode(&file.secret_key)
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or("the root key file's secret_key is not 32 bytes of hex")?;
        Ok(RootKey::from_seed(seed, &file.name))
    }
}

/// A root's public key, as the app bundles it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedRoot {
    pub root_id: String,
    pub name: String,
    /// The 32-byte Ed25519 public key, in hex.
    pub public_key: String,
}

impl TrustedRoot {
    /// The key, when it is well formed and matches its id.
    pub fn verifying_key(&self) -> Option<VerifyingKey> {
        key_named(&self.public_key, &self.root_id)
    }
}

/// The roots an app trusts (`assets/keys/trusted-roots.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedRoots {
    pub roots: Vec<TrustedRoot>,
}

impl TrustedRoots {
    pub fn from_json(text: &str) -> Result<TrustedRoots, serde_json::Error> {
        serde_json::from_str(text)
    }

    pub fn with(mut self, more: TrustedRoots) -> TrustedRoots {
        for root in more.roots {
            if !self.roots.contains(&root) {
                self.roots.push(root);
            }
        }
        self
    }

    pub(crate) fn find(&self, root_id: &str) -> Option<(&TrustedRoot, VerifyingKey)> {
        self.roots
            .iter()
            .filter(|root| root.root_id == root_id)
            .find_map(|root| Some((root, root.verifying_key()?)))
    }
}
