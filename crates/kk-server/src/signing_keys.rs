//! The issuer keys a server signs with, and what it publishes at `GET /v1/keys`. They live in
//! `<data dir>/keys/`, where `kk-server keys issue` put them:
//! - `issuer-<key id>.key`: a signing key (mode 0600);
//! - `issuer-<key id>.cose`: its certificate, signed by a root;
//! - `revocations-<number>.cose`: a root's revocation lists.
//!
//! The server signs with the key whose certificate, under a root it trusts, covers today and
//! began last, and publishes every certificate and list it holds. It never makes a key of its
//! own, except under the demo root ([`KeySource::DemoRoot`]: `--demo` and the tests).

use std::path::{Path, PathBuf};

use chrono::{Months, NaiveDate};
use kk_document::trust::bundled;
use kk_document::trust::{RevocationList, RootKey, TrustedRoot, TrustedRoots};
use kk_document::{IssuerCertificate, IssuerKey, KeyBundle};

/// Where the issuer key comes from when the data dir has none that is usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// Only keys certified under a production root; none is an error.
    Certified,
    /// Also the demo root, and when no key is usable, one certified on the spot under it.
    DemoRoot,
}

/// The demo root's secret, in the repository on purpose: see assets/keys/README.md.
const DEMO_ROOT_KEY: &str = include_str!("../../../assets/demo/demo-root.key");

/// The key the server signs with, and the documents it publishes.
#[derive(Debug)]
pub struct SigningKeys {
    pub current: IssuerKey,
    pub certificate: IssuerCertificate,
    pub published: KeyBundle,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "no issuer key in {0} is certified for today under a trusted root; make one with \
         `kk-server keys issue` (see assets/keys/README.md)"
    )]
    NoCurrentKey(PathBuf),
    #[error("{path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

pub fn keys_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("keys")
}

/// Loads the keys in `data_dir` for `today`.
pub fn load(
    data_dir: &Path,
    source: KeySource,
    issuer_name: &str,
    today: NaiveDate,
) -> Result<SigningKeys, KeyError> {
    let dir = keys_dir(data_dir);
    let roots = bundled::roots(source == KeySource::DemoRoot);
    let published = published_in(&dir)?;
    if let Some(keys) = current_key(&dir, &roots, &published, today)? {
        return Ok(keys);
    }
    if source == KeySource::DemoRoot {
        issue(
            &demo_root(),
            &dir,
            issuer_name,
            "32.01",
            today,
            today + Months::new(60),
        )?;
        let published = published_in(&dir)?;
        if let Some(keys) = current_key(&dir, &roots, &published, today)? {
            return Ok(keys);
        }
    }
    Err(KeyError::NoCurrentKey(dir))
}

/// Makes a root key at `out` (mode 0600, never overwriting) and its public half beside it, at
/// `<out>.public.json`, in the form `assets/keys/trusted-roots.json` lists roots.
pub fn init_root(name: &str, out: &Path) -> Result<TrustedRoot, KeyError> {
    let root = RootKey::generate(name);
    write_new(out, root.to_file_text().as_bytes(), OWNER_ONLY)?;
    let public = TrustedRoots {
        roots: vec![root.trusted_root()],
    };
    let text = serde_json::to_string_pretty(&public).expect("roots serialise");
    write_new(&public_path(out), text.as_bytes(), READABLE)?;
    Ok(root.trusted_root())
}

/// Where [`init_root`] writes a root's public half.
pub fn public_path(root_file: &Path) -> PathBuf {
    let mut name = root_file.as_os_str().to_owned();
    name.push(".public.json");
    PathBuf::from(name)
}

/// Reads a root key file.
pub fn read_root(path: &Path) -> Result<RootKey, KeyError> {
    let text = std::fs::read_to_string(path)?;
    RootKey::from_file_text(&text).map_err(|reason| KeyError::Unreadable {
        path: path.to_owned(),
        reason,
    })
}

/// The demo root, whose secret ships with the project.
pub fn demo_root() -> RootKey {
    RootKey::from_file_text(DEMO_ROOT_KEY).expect("assets/demo/demo-root.key is a root key")
}

/// Makes an issuer key and its certificate under `root` in `dir`; returns the certificate.
pub fn issue(
    root: &RootKey,
    dir: &Path,
    issuer_name: &str,
    region_code: &str,
    not_before: NaiveDate,
    not_after: NaiveDate,
) -> Result<IssuerCertificate, KeyError> {
    std::fs::create_dir_all(dir)?;
    let staging = dir.join("issuer-new.key");
    let key = IssuerKey::load_or_create(&staging, issuer_name)?;
    let certificate = IssuerCertificate::for_key(&key, region_code, not_before, not_after);
    write_new(
        &dir.join(format!("issuer-{}.cose", key.key_id)),
        &certificate.certify(root),
        READABLE,
    )?;
    std::fs::rename(&staging, dir.join(format!("issuer-{}.key", key.key_id)))?;
    Ok(certificate)
}

/// Adds `key_ids` to `root`'s revocation list in `dir`, as a new list numbered one higher.
pub fn revoke(
    root: &RootKey,
    dir: &Path,
    key_ids: &[String],
    today: NaiveDate,
) -> Result<RevocationList, KeyError> {
    let roots = TrustedRoots {
        roots: vec![root.trusted_root()],
    };
    let previous = published_in(dir)?
        .revocations
        .iter()
        .filter_map(|document| hex::decode(document).ok())
        .filter_map(|bytes| RevocationList::open(&bytes, &roots).ok())
        .map(|(list, _root)| list)
        .max_by_key(|list| list.number);
    let mut revoked = previous
        .as_ref()
        .map(|list| list.revoked.clone())
        .unwrap_or_default();
    for key_id in key_ids {
        if !revoked.contains(key_id) {
            revoked.push(key_id.clone());
        }
    }
    let list = RevocationList {
        number: previous.map_or(1, |list| list.number + 1),
        issued_on: today,
        revoked,
    };
    std::fs::create_dir_all(dir)?;
    write_new(
        &dir.join(format!("revocations-{}.cose", list.number)),
        &list.sign(root),
        READABLE,
    )?;
    Ok(list)
}

/// Every certificate and revocation list in `dir`, as published.
fn published_in(dir: &Path) -> Result<KeyBundle, KeyError> {
    let mut bundle = KeyBundle::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(bundle);
    };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let list = if name.starts_with("issuer-") && name.ends_with(".cose") {
            &mut bundle.certificates
        } else if name.starts_with("revocations-") && name.ends_with(".cose") {
            &mut bundle.revocations
        } else {
            continue;
        };
        list.push(hex::encode(std::fs::read(dir.join(&name))?));
    }
    Ok(bundle)
}

/// The key to sign with today: certified under `roots` for today, not revoked, and of those
/// the one whose period began last.
fn current_key(
    dir: &Path,
    roots: &TrustedRoots,
    published: &KeyBundle,
    today: NaiveDate,
) -> Result<Option<SigningKeys>, KeyError> {
    let trust = kk_document::TrustStore::new(roots, published);
    let newest = trust
        .certificates()
        .filter(|certificate| certificate.covers(today) && !trust.is_revoked(&certificate.key_id))
        .max_by_key(|certificate| certificate.not_before);
    let Some(certificate) = newest.cloned() else {
        return Ok(None);
    };
    let path = dir.join(format!("issuer-{}.key", certificate.key_id));
    let current = read_key(&path, &certificate.issuer)?;
    if current.key_id != certificate.key_id {
        return Err(KeyError::Unreadable {
            path,
            reason: format!("holds key {}, not {}", current.key_id, certificate.key_id),
        });
    }
    Ok(Some(SigningKeys {
        current,
        certificate,
        published: published.clone(),
    }))
}

fn read_key(path: &Path, issuer: &str) -> Result<IssuerKey, KeyError> {
    if !path.exists() {
        return Err(KeyError::Unreadable {
            path: path.to_owned(),
            reason: "the certificate's signing key is missing".to_owned(),
        });
    }
    Ok(IssuerKey::load_or_create(path, issuer)?)
}

/// Writes a file that must not exist yet, and syncs it.
fn write_new(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// A secret: its owner alone reads it.
const OWNER_ONLY: u32 = 0o600;
/// A public document (a certificate, a revocation list, a root's public half).
const READABLE: u32 = 0o644;
