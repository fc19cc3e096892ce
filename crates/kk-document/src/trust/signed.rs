//! One document signed by a root: a COSE_Sign1 (Ed25519) whose protected header names the
//! root (key id) and what the payload is (content type), so a revocation list can never be
//! read as a certificate or the other way round.

use coset::{CborSerializable, ContentType, CoseSign1, CoseSign1Builder, HeaderBuilder, iana};
use ed25519_dalek::{Signature, Signer, Verifier};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::root::{RootKey, TrustedRoot, TrustedRoots};

/// Why a signed document is not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignedError {
    #[error("not a signed document")]
    Malformed,
    #[error("a {found:?} document where a {expected} was expected")]
    WrongKind {
        expected: &'static str,
        found: String,
    },
    #[error("signed by root {0}, which is not trusted")]
    UnknownRoot(String),
    #[error("the root's signature does not match")]
    BadSignature,
}

/// Signs `payload` (as CBOR) with `root`, labelled `content_type`.
pub fn sign<T: Serialize>(root: &RootKey, content_type: &str, payload: &T) -> Vec<u8> {
    let mut bytes = Vec::new();
    ciborium::into_writer(payload, &mut bytes).expect("writing CBOR to memory cannot fail");
    let protected = HeaderBuilder::new()
        .algorithm(iana::Algorithm::EdDSA)
        .key_id(root.root_id().into_bytes())
        .content_type(content_type.to_owned())
        .build();
    CoseSign1Builder::new()
        .protected(protected)
        .payload(bytes)
        .create_signature(b"", |data| root.signing.sign(data).to_bytes().to_vec())
        .build()
        .to_vec()
        .expect("a COSE_Sign1 of bytes always serialises")
}

/// The payload of `document`, when it is a `content_type` signed by one of `roots`, with the
/// root that signed it.
pub fn open<T: DeserializeOwned>(
    document: &[u8],
    content_type: &'static str,
    roots: &TrustedRoots,
) -> Result<(T, TrustedRoot), SignedError> {
    let sign1 = CoseSign1::from_slice(document).map_err(|_| SignedError::Malformed)?;
    let found = match &sign1.protected.header.content_type {
        Some(ContentType::Text(text)) => text.clone(),
        other => format!("{other:?}"),
    };
    if found != content_type {
        return Err(SignedError::WrongKind {
            expected: content_type,
            found,
        });
    }
    let root_id = String::from_utf8_lossy(&sign1.protected.header.key_id).into_owned();
    let (root, key) = roots
        .find(&root_id)
        .ok_or(SignedError::UnknownRoot(root_id))?;
    sign1
        .verify_signature(b"", |signature, data| {
            let signature = Signature::from_slice(signature).map_err(|_| ())?;
            key.verify(data, &signature).map_err(|_| ())
        })
        .map_err(|()| SignedError::BadSignature)?;
    let payload = sign1.payload.as_deref().ok_or(SignedError::Malformed)?;
    let value = ciborium::from_reader(payload).map_err(|_| SignedError::Malformed)?;
    Ok((value, root.clone()))
}
