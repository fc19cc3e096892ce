//! The QR text: claims → CBOR → COSE_Sign1 (Ed25519, key id in the protected header) → zlib →
//! Base45 → `KK1:` prefix. The pipeline of the EU Digital COVID Certificate, so anyone can
//! check a KK offline with the roots they trust and the issuer certificates those roots signed
//! ([`crate::trust`]).

use std::io::{Read, Write};

use coset::{CborSerializable, CoseSign1, CoseSign1Builder, HeaderBuilder, iana};
use ed25519_dalek::{Signature, Signer, Verifier};
use flate2::Compression;
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;

use crate::claims::KkClaims;
use crate::keys::IssuerKey;
use crate::trust::{IssuerCertificate, IssuerStanding, TrustStore};

/// What every KK QR starts with; the digit is the format version.
pub const QR_PREFIX: &str = "KK1:";

/// A decoded QR is at most this large once inflated, so a hostile code cannot balloon.
const MAX_INFLATED_BYTES: u64 = 64 * 1024;

/// The verdict on a scanned code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Signed by a key a trusted root certified for the KK's issue date, not revoked, intact.
    Valid {
        claims: KkClaims,
        issuer: IssuerCertificate,
    },
    /// A KK code whose bytes no longer match the signature, or that no longer decodes.
    Altered,
    /// Intact in form, but signed with a key no trusted root certified (a rogue server's own
    /// key, or one this device has not been told about yet).
    UnknownIssuer { key_id: String },
    /// Signed by a certified key that its root has since revoked.
    IssuerRevoked { issuer: IssuerCertificate },
    /// Signed by a certified key, but on a day outside the key's certified period.
    IssuerExpired { issuer: IssuerCertificate },
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

/// Checks a scanned code against what `trust` holds. Never panics on hostile input.
pub fn verify(text: &str, trust: &TrustStore) -> Verdict {
    let Some(encoded) = text.trim().strip_prefix(QR_PREFIX) else {
        return Verdict::NotAKkCode;
    };
    let Some(sign1) = decode(encoded) else {
        return Verdict::Altered;
    };
    let key_id = String::from_utf8_lossy(&sign1.protected.header.key_id).into_owned();
    let Some(verifying) = trust
        .certificate_of(&key_id)
        .and_then(IssuerCertificate::verifying_key)
    else {
        return Verdict::UnknownIssuer { key_id };
    };
    let checked = sign1.verify_signature(b"", |signature, data| {
        let signature = Signature::from_slice(signature).map_err(|_| ())?;
        verifying.verify(data, &signature).map_err(|_| ())
    });
    let claims = sign1.payload.as_deref().map(KkClaims::from_cbor);
    let (Ok(()), Some(Ok(claims))) = (checked, claims) else {
        return Verdict::Altered;
    };
    let Ok(issued_on) = chrono::NaiveDate::parse_from_str(&claims.issued_on, "%Y-%m-%d") else {
        return Verdict::Altered;
    };
    match trust.standing(&key_id, issued_on) {
        IssuerStanding::Trusted(issuer) => Verdict::Valid {
            claims,
            issuer: issuer.clone(),
        },
        IssuerStanding::Revoked(issuer) => Verdict::IssuerRevoked {
            issuer: issuer.clone(),
        },
        IssuerStanding::Expired(issuer) => Verdict::IssuerExpired {
            issuer: issuer.clone(),
        },
        IssuerStanding::Unknown => Verdict::UnknownIssuer { key_id },
    }
}

/// Base45 → zlib (bounded) → COSE_Sign1, or `None` for anything that does not decode.
fn decode(encoded: &str) -> Option<CoseSign1> {
    let compressed = base45::decode(encoded).ok()?;
    let mut signed = Vec::new();
    ZlibDecoder::new(compressed.as_slice())
        .take(MAX_INFLATED_BYTES)
        .read_to_end(&mut signed)
        .ok()?;
    CoseSign1::from_slice(&signed).ok()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use ed25519_dalek::SigningKey;

    use super::*;
    use crate::claims::ClaimedMember;
    use crate::trust::{KeyBundle, RevocationList, RootKey, TrustedRoots};

    fn key(seed: u8) -> IssuerKey {
        IssuerKey::from_signing_key(SigningKey::from_bytes(&[seed; 32]), "Dinas Dukcapil Test")
    }

    fn root(seed: u8) -> RootKey {
        RootKey::from_seed([seed; 32], "Test root")
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn claims_issued_on(issued_on: &str) -> KkClaims {
        KkClaims {
            kk_number: "3201012311260001".into(),
            head_name: "BUDI SANTOSO".into(),
            region_code: "3201012001".into(),
            members: vec![ClaimedMember {
                nik: "3201011505800001".into(),
                name: "BUDI SANTOSO".into(),
            }],
            issued_on: issued_on.into(),
            content_sha256: "ab".repeat(32),
        }
    }

    fn claims() -> KkClaims {
        claims_issued_on("2026-11-23")
    }

    /// The certificate `root` gives `key` for the whole of 2026.
    fn certified(key: &IssuerKey, root: &RootKey, from: &str, to: &str) -> String {
        hex::encode(IssuerCertificate::for_key(key, "32.01", day(from), day(to)).certify(root))
    }

    /// A device that trusts root 1, holding the documents in `certificates` and `revocations`.
    fn device(certificates: Vec<String>, revocations: Vec<String>) -> TrustStore {
        let roots = TrustedRoots {
            roots: vec![root(1).trusted_root()],
        };
        TrustStore::new(
            &roots,
            &KeyBundle {
                certificates,
                revocations,
            },
        )
    }

    fn trusting(key: &IssuerKey) -> TrustStore {
        device(
            vec![certified(key, &root(1), "2026-01-01", "2026-12-31")],
            vec![],
        )
    }

    #[test]
    fn a_sealed_code_verifies_with_its_claims_and_the_certified_issuer() {
        let key = key(7);
        let text = seal(&claims(), &key);
        assert!(text.starts_with(QR_PREFIX));
        match verify(&text, &trusting(&key)) {
            Verdict::Valid {
                claims: read,
                issuer,
            } => {
                assert_eq!(read, claims());
                assert_eq!(issuer.issuer, "Dinas Dukcapil Test");
                assert_eq!(issuer.region_code, "32.01");
            }
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
    fn a_rogue_servers_own_key_and_own_root_are_an_unknown_issuer() {
        let rogue = key(9);
        let text = seal(&claims(), &rogue);
        let unknown = Verdict::UnknownIssuer {
            key_id: rogue.key_id.clone(),
        };
        // The rogue key published bare, or certified by a root of the rogue's own making.
        assert_eq!(verify(&text, &device(vec![], vec![])), unknown);
        let self_certified = certified(&rogue, &root(66), "2026-01-01", "2026-12-31");
        assert_eq!(
            verify(&text, &device(vec![self_certified], vec![])),
            unknown
        );
        assert_eq!(
            verify("https://example.com", &trusting(&key(7))),
            Verdict::NotAKkCode
        );
    }

    #[test]
    fn a_revoked_key_is_revoked_and_only_a_trusted_roots_newest_list_counts() {
        let key = key(7);
        let text = seal(&claims(), &key);
        let certificate = certified(&key, &root(1), "2026-01-01", "2026-12-31");
        let list = |number, revoked: &[&str], by: &RootKey| {
            hex::encode(
                RevocationList {
                    number,
                    issued_on: day("2026-11-30"),
                    revoked: revoked.iter().map(|id| (*id).to_owned()).collect(),
                }
                .sign(by),
            )
        };
        let revoking = list(2, &[&key.key_id], &root(1));
        let revoked = verify(
            &text,
            &device(vec![certificate.clone()], vec![revoking.clone()]),
        );
        assert!(
            matches!(&revoked, Verdict::IssuerRevoked { issuer } if issuer.key_id == key.key_id),
            "{revoked:?}"
        );
        // An older list without the key does not bring it back.
        let older = list(1, &[], &root(1));
        let still = verify(
            &text,
            &device(vec![certificate.clone()], vec![revoking, older]),
        );
        assert!(matches!(still, Verdict::IssuerRevoked { .. }), "{still:?}");
        // A list signed by an untrusted root revokes nothing.
        let rogue_list = list(9, &[&key.key_id], &root(66));
        let valid = verify(&text, &device(vec![certificate], vec![rogue_list]));
        assert!(matches!(valid, Verdict::Valid { .. }), "{valid:?}");
    }

    #[test]
    fn a_kk_issued_outside_its_keys_period_is_expired() {
        let key = key(7);
        let text = seal(&claims_issued_on("2026-11-23"), &key);
        let lapsed = certified(&key, &root(1), "2025-01-01", "2025-12-31");
        let verdict = verify(&text, &device(vec![lapsed], vec![]));
        assert!(
            matches!(verdict, Verdict::IssuerExpired { .. }),
            "{verdict:?}"
        );
    }

    #[test]
    fn after_a_rotation_kks_of_the_old_key_and_of_the_new_both_verify() {
        let (old, new) = (key(7), key(8));
        let before = seal(&claims_issued_on("2025-06-01"), &old);
        let after = seal(&claims_issued_on("2026-11-23"), &new);
        let device = device(
            vec![
                certified(&old, &root(1), "2025-01-01", "2025-12-31"),
                certified(&new, &root(1), "2026-01-01", "2027-12-31"),
            ],
            vec![],
        );
        for text in [before, after] {
            let verdict = verify(&text, &device);
            assert!(matches!(verdict, Verdict::Valid { .. }), "{verdict:?}");
        }
    }

    #[test]
    fn a_revocation_list_is_never_read_as_a_certificate() {
        let key = key(7);
        let text = seal(&claims(), &key);
        // A root-signed document of the other kind, whose fields do not matter.
        let list = hex::encode(
            RevocationList {
                number: 1,
                issued_on: day("2026-11-30"),
                revoked: vec![],
            }
            .sign(&root(1)),
        );
        assert_eq!(
            verify(&text, &device(vec![list], vec![])),
            Verdict::UnknownIssuer {
                key_id: key.key_id.clone()
            }
        );
    }

    proptest::proptest! {
        /// Whatever a camera reads, `verify` answers without panicking, and nothing but a
        /// sealed code is valid: random text, and random base45 after the KK prefix.
        #[test]
        fn hostile_text_never_panics_and_is_never_valid(
            text in ".{0,400}",
            base45_text in "[0-9A-Z $%*+./:-]{0,400}",
        ) {
            let trust = trusting(&key(7));
            for scanned in [text.clone(), format!("{QR_PREFIX}{text}"), format!("{QR_PREFIX}{base45_text}")] {
                let verdict = verify(&scanned, &trust);
                proptest::prop_assert!(!matches!(verdict, Verdict::Valid { .. }), "{scanned:?}");
            }
        }
    }
}
