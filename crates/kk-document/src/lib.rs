//! The issued KK, written by the server and read by the app.
//!
//! - [`content`]: what the KK says, resolved to the printed words.
//! - [`claims`] and [`seal`]: the signed QR (CBOR → COSE_Sign1 Ed25519 → zlib → Base45).
//! - [`keys`]: the issuer's signing key.
//! - [`trust`]: roots, issuer certificates and revocation lists: who a device trusts.
//! - [`pin`]: the PIN that opens the PDF.
//! - [`report`]: a verdict in words, as the app and the `/verifikasi` page show it.
//! - `render`, `encrypt`, `issue` (feature `issue`): the A4 PDF and its AES-256 encryption.
//! - `open` (feature `read`): open with the PIN, render pages; `scan` (feature `scan`, part of
//!   `read`): read a QR from an image.

pub mod claims;
pub mod content;
pub mod keys;
pub mod pin;
pub mod report;
pub mod seal;
pub mod trust;

pub use claims::{ClaimedMember, KkClaims};
pub use content::{KkContent, MemberRow};
pub use keys::{IssuerKey, TrustedKey};
pub use pin::Pin;
pub use seal::{QR_PREFIX, Verdict};
pub use trust::{IssuerCertificate, KeyBundle, TrustStore, TrustedRoots};

#[cfg(feature = "issue")]
pub mod encrypt;
#[cfg(feature = "issue")]
pub mod issue;
#[cfg(feature = "read")]
pub mod open;
#[cfg(feature = "issue")]
pub mod render;
#[cfg(feature = "scan")]
pub mod scan;
