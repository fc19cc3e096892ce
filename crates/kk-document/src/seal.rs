//! The QR text: claims → CBOR → COSE_Sign1 (Ed25519, key id in the protected header) → zlib →
//! Base45 → `KK1:` prefix. The pipeline of the EU Digital COVID Certificate, so anyone can
//! check a KK offline with nothing but the issuer's public key.

use std::io::{Read, Write};

use coset::{CborSerializable, CoseSign1, CoseSign1Builder, HeaderBuilder, iana};
use ed25519_dalek::{Signature, Signer, Verifier};
use flate2::Compression;
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;

use crate::claims::KkClaims;
use crate::keys::{IssuerKey, TrustedKey, TrustedKeys};

/// What every KK QR starts with; the digit is the format version.
pub const QR_PREFIX: &str = "KK1:";

/// A decoded QR is at most this large once inflated, so a hostile code cannot balloon.
const MAX_INFLATED_BYTES: u64 = 64 * 1024;

/// The verdict on a scanned code.
#[expect(
    clippy::large_enum_variant,
    reason = "made once per scan; boxing buys nothing"
)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Signed by a trusted key, and intact.
    Valid {
        claims: KkClaims,
        issuer: TrustedKey,
    },
    /// A KK code whose bytes no longer match the signature, or that no longer decodes.
    Altered,
    /// Intact in form, but signed with a key this device does not trust (yet).
    UnknownKey { key_id: String },
    /// Not a KK code at all (another QR, or no `KK1:` prefix).
    NotAKkCode,
}

/// Signs the claims and returns the text to put in the QR.
pub fn seal(claims: &KkClaims, key: &IssuerKey) -> String {
    let protected = HeaderBuilder::new()
        .algorithm(iana::Algorithm::EdDSA)
        .key_id(key.key_id.as_bytes().to_vec())
        .build();
    let signed = CoseSign1Builder::new()
        .protected(protected)
        .payload(claims.to_cbor())
        .create_signature(b"", |data| key.signing.sign(data).to_bytes().to_vec())
        .build()
        .to_vec()
        .expect("a COSE_Sign1 of bytes always serialises");
    let mut zlib = ZlibEncoder::new(Vec::new(), Compression::best());
    zlib.write_all(&signed).expect("compressing into memory");
    let compressed = zlib.finish().expect("compressing into memory");
    format!("{QR_PREFIX}{}", base45::encode(compressed))
}

/// Checks a scanned code against the trusted keys. Never panics on hostile input.
pub fn verify(text: &str, trusted: &TrustedKeys) -> Verdict {
    let Some(encoded) = text.trim().strip_prefix(QR_PREFIX) else {
        return Verdict::NotAKkCode;
    };
    let Ok(compressed) = base45::decode(encoded) else {
        return Verdict::Altered;
    };
    let mut signed = Vec::new();
    if ZlibDecoder::new(compressed.as_slice())
        .take(MAX_INFLATED_BYTES)
        .read_to_end(&mut signed)
        .is_err()
    {
        return Verdict::Altered;
    }
    let Ok(sign1) = CoseSign1::from_slice(&signed) else {
        return Verdict::Altered;
    };
    let key_id = String::from_utf8_lossy(&sign1.protected.header.key_id).into_owned();
    let Some((verifying, issuer)) = trusted.verifying_key(&key_id) else {
        return Verdict::UnknownKey { key_id };
    };
    let checked = sign1.verify_signature(b"", |signature, data| {
        let signature = Signature::from_slice(signature).map_err(|_| ())?;
        verifying.verify(data, &signature).map_err(|_| ())
    });
    if checked.is_err() {
        return Verdict::Altered;
    }
    match sign1.payload.as_deref().map(KkClaims::from_cbor) {
        Some(Ok(claims)) => Verdict::Valid {
            claims,
            issuer: issuer.clone(),
        },
        _ => Verdict::Altered,
    }
}

#[cfg(test)]
mod tests {
    use ed25519_dalek::SigningKey;

    use super::*;
    use crate::claims::ClaimedMember;

    fn key(seed: u8) -> IssuerKey {
        IssuerKey::from_signing_key(SigningKey::from_bytes(&[seed; 32]), "Test")
    }

    fn claims() -> KkClaims {
        KkClaims {
            kk_number: "3201012311260001".into(),
            head_name: "BUDI SANTOSO".into(),
            region_code: "3201012001".into(),
            members: vec![ClaimedMember {
                nik: "3201011505800001".into(),
                name: "BUDI SANTOSO".into(),
            }],
            issued_on: "2026-11-23".into(),
            content_sha256: "ab".repeat(32),
        }
    }

    fn trusting(key: &IssuerKey) -> TrustedKeys {
        TrustedKeys {
            keys: vec![key.trusted_key()],
        }
    }

    #[test]
    fn a_sealed_code_verifies_with_its_claims() {
        let key = key(7);
        let text = seal(&claims(), &key);
        assert!(text.starts_with(QR_PREFIX));
        match verify(&text, &trusting(&key)) {
            Verdict::Valid { claims: read, .. } => assert_eq!(read, claims()),
            other => panic!("expected valid, got {other:?}"),
        }
    }

    #[test]
    fn every_single_changed_character_is_caught() {
        let key = key(7);
        let text = seal(&claims(), &key);
        let trusted = trusting(&key);
        for index in QR_PREFIX.len()..text.len() {
            let mut bytes = text.clone().into_bytes();
            bytes[index] = if bytes[index] == b'A' { b'B' } else { b'A' };
            let altered = String::from_utf8(bytes).unwrap();
            let verdict = verify(&altered, &trusted);
            assert!(
                !matches!(verdict, Verdict::Valid { .. }),
                "changing character {index} still verified"
            );
        }
    }

    #[test]
    fn another_issuers_code_is_an_unknown_key_and_junk_is_not_a_kk_code() {
        let text = seal(&claims(), &key(9));
        assert_eq!(
            verify(&text, &trusting(&key(7))),
            Verdict::UnknownKey {
                key_id: key(9).key_id
            }
        );
        assert_eq!(
            verify("https://example.com", &trusting(&key(7))),
            Verdict::NotAKkCode
        );
    }
}
