//! "Verifikasi KK" offline: a picture's QR code is read, and its signature checked through the
//! trust chain: the roots bundled with the app (`assets/keys/`), and the issuer certificates
//! and revocation lists those roots signed, as fetched from any server. The verdict comes back
//! with the signed data, to compare with the paper, and the issuer named by its certificate.

use kk_document::TrustStore;
use kk_document::report::verification;
use kk_document::scan::{ScanError, qr_text_from_picture};
use kk_document::seal::verify;
use kk_document::trust::bundled::{self, TRUST_DEMO_ROOT_VARIABLE};
use kk_domain::wire::KkVerification;

use crate::ShellError;

/// What this device trusts: the bundled roots, and what they signed of the documents the
/// device has fetched (`fetched`, a [`KeyBundle`] as JSON; unreadable counts as none).
pub fn trust_store(fetched: Option<&str>) -> TrustStore {
    bundled::trust_store(trusts_demo_root(), fetched)
}

/// Debug builds trust the demo root; a release build only when asked to, for a demo.
fn trusts_demo_root() -> bool {
    cfg!(debug_assertions)
        || std::env::var(TRUST_DEMO_ROOT_VARIABLE).is_ok_and(|value| value == "1")
}

/// Reads the QR code in a JPEG or PNG picture and checks it against `trust`.
pub fn verify_picture(picture: &[u8], trust: &TrustStore) -> Result<KkVerification, ShellError> {
    let text = qr_text_from_picture(picture).map_err(unreadable_picture)?;
    Ok(verification(verify(&text, trust)))
}

fn unreadable_picture(error: ScanError) -> ShellError {
    let (code, words) = kk_document::report::unreadable_picture(&error);
    ShellError::refused(code, words.id, words.en)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use kk_document::seal::seal;
    use kk_document::trust::{RevocationList, RootKey};
    use kk_document::{IssuerKey, KkClaims};

    use super::*;
    use crate::issued::test_kk::{issuer, sample_content};
    use kk_document::{IssuerCertificate, KeyBundle};
    use kk_domain::wire::VerdictKind;

    fn sealed_by(key: &IssuerKey) -> String {
        seal(&KkClaims::of(&sample_content()), key)
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// The demo root's certificate for `key` over 2026, as a server publishes it.
    fn demo_certificate(key: &IssuerKey) -> String {
        let demo_root = kk_server_demo_root();
        hex::encode(
            IssuerCertificate::for_key(key, "32.01", day("2026-01-01"), day("2026-12-31"))
                .certify(&demo_root),
        )
    }

    /// The demo root's secret, as the demo server holds it (assets/demo/demo-root.key).
    fn kk_server_demo_root() -> RootKey {
        RootKey::from_file_text(include_str!("../../../assets/demo/demo-root.key")).unwrap()
    }

    fn fetched(certificates: Vec<String>, revocations: Vec<String>) -> String {
        KeyBundle {
            certificates,
            revocations,
        }
        .to_json()
    }

    #[test]
    fn a_certified_intact_code_is_valid_with_its_data_and_its_certified_issuer() {
        let key = issuer(1, "Dinas Dukcapil Kabupaten Bogor");
        let trust = trust_store(Some(&fetched(vec![demo_certificate(&key)], vec![])));
        let found = verification(verify(&sealed_by(&key), &trust));
        assert_eq!(found.verdict, VerdictKind::Valid);
        assert_eq!(found.kk_number.as_deref(), Some("3201012311260001"));
        assert_eq!(
            found.issuer.as_deref(),
            Some("Dinas Dukcapil Kabupaten Bogor (32.01)")
        );
        assert!(!found.members.is_empty());
    }

    /// What a rogue server serves: its own key, certified by a root of its own making and
    /// named after a real office. The app says "unknown issuer", shows no data, and warns.
    #[test]
    fn a_rogue_servers_self_made_key_is_an_unknown_issuer_in_the_app() {
        let rogue_root = RootKey::from_seed([66; 32], "Dukcapil Pusat");
        let rogue = issuer(2, "Dinas Dukcapil Kabupaten Bogor");
        let self_certified = hex::encode(
            IssuerCertificate::for_key(&rogue, "32.01", day("2026-01-01"), day("2026-12-31"))
                .certify(&rogue_root),
        );
        let trust = trust_store(Some(&fetched(vec![self_certified], vec![])));
        let found = verification(verify(&sealed_by(&rogue), &trust));
        assert_eq!(found.verdict, VerdictKind::UnknownIssuer);
        assert_eq!((found.kk_number, found.issuer), (None, None));
        assert!(found.message.id.contains("Penerbit tidak dikenal"));
        let other = verification(verify("https://contoh.id", &trust));
        assert_eq!(other.verdict, VerdictKind::NotAKkCode);
    }

    #[test]
    fn a_revoked_key_and_an_expired_one_are_named_with_their_issuer() {
        let key = issuer(1, "Dinas Dukcapil Kabupaten Bogor");
        let revocation = hex::encode(
            RevocationList {
                number: 1,
                issued_on: day("2026-11-30"),
                revoked: vec![key.key_id.clone()],
            }
            .sign(&kk_server_demo_root()),
        );
        let trust = trust_store(Some(&fetched(
            vec![demo_certificate(&key)],
            vec![revocation],
        )));
        let revoked = verification(verify(&sealed_by(&key), &trust));
        assert_eq!(revoked.verdict, VerdictKind::IssuerRevoked);
        assert_eq!(revoked.kk_number, None);
        assert!(revoked.issuer.unwrap().starts_with("Dinas Dukcapil"));

        let lapsed = hex::encode(
            IssuerCertificate::for_key(&key, "32.01", day("2024-01-01"), day("2024-12-31"))
                .certify(&kk_server_demo_root()),
        );
        let trust = trust_store(Some(&fetched(vec![lapsed], vec![])));
        let expired = verification(verify(&sealed_by(&key), &trust));
        assert_eq!(expired.verdict, VerdictKind::IssuerExpired);
    }

    #[test]
    fn nothing_fetched_or_unreadable_json_trusts_no_issuer() {
        let key = issuer(1, "Dukcapil");
        for fetched in [None, Some("not json")] {
            let found = verification(verify(&sealed_by(&key), &trust_store(fetched)));
            assert_eq!(found.verdict, VerdictKind::UnknownIssuer);
        }
    }

    #[test]
    fn a_file_that_is_not_a_picture_is_refused_plainly() {
        let error = verify_picture(b"MZ\x90\x00 an exe", &trust_store(None)).unwrap_err();
        assert_eq!(error.body().code, "verify.not_a_picture");
    }
}
