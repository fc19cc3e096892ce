//! The trust chain behind a KK's QR code, after the EU Digital COVID Certificate's CSCA and DSC
//! keys: a **root** key, kept offline, certifies each **issuer** key; the app bundles only the
//! roots' public halves. A server publishes its issuer certificates and the roots' revocation
//! lists ([`KeyBundle`], `GET /v1/keys`); each is signed by a root, so it does not matter who
//! delivers it, and a rogue server's self-made key certifies nothing.
//!
//! - [`bundled`]: the roots shipped in `assets/keys/`;
//! - [`root`]: a root key and the public [`TrustedRoot`]s an app bundles;
//! - [`signed`]: one root-signed document (COSE_Sign1, Ed25519), typed by its content type;
//! - [`certificate`]: an issuer key's certificate: its id, its name and region, its validity;
//! - [`revocation`]: a root's list of revoked issuer keys, numbered so a newer one wins;
//! - [`store`]: what a device trusts, built from its roots and every bundle it has seen.

pub mod bundled;
pub mod certificate;
pub mod revocation;
pub mod root;
pub mod signed;
pub mod store;

pub use certificate::IssuerCertificate;
pub use revocation::RevocationList;
pub use root::{RootKey, TrustedRoot, TrustedRoots};
pub use store::{IssuerStanding, KeyBundle, TrustStore};
