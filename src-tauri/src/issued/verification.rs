//! "Verifikasi KK" offline: a picture's QR code is read, and its signature checked against the
//! issuer keys this device trusts (those bundled with the app, and those fetched from the
//! server). The verdict comes back with the signed data, to compare with the paper.

use kk_document::scan::{ScanError, qr_text_from_picture};
use kk_document::seal::verify;
use kk_document::{TrustedKeys, Verdict};
use kk_domain::text::Text;
use kk_domain::wire::{KkVerification, VerdictKind};

use crate::ShellError;

/// The keys bundled with the app (assets/keys/trusted-keys.json).
pub const BUNDLED_KEYS: &str = include_str!("../../../assets/keys/trusted-keys.json");

/// The bundled keys, then each fetched key that is not already among them. Unreadable JSON
/// counts as no keys.
pub fn trusted_keys(bundled: &str, fetched: Option<&str>) -> TrustedKeys {
    let mut trusted = TrustedKeys::from_json(bundled).unwrap_or_default();
    let fetched = fetched.and_then(|json| TrustedKeys::from_json(json).ok());
    for key in fetched.map(|fetched| fetched.keys).unwrap_or_default() {
        if !trusted.keys.iter().any(|known| known.key_id == key.key_id) {
            trusted.keys.push(key);
        }
    }
    trusted
}

/// Reads the QR code in a JPEG or PNG picture and checks it against `trusted`.
pub fn verify_picture(picture: &[u8], trusted: &TrustedKeys) -> Result<KkVerification, ShellError> {
    let text = qr_text_from_picture(picture).map_err(unreadable_picture)?;
    Ok(verification(verify(&text, trusted)))
}

/// The verdict in the citizen's words, with the signed data when it is valid.
pub fn verification(verdict: Verdict) -> KkVerification {
    let without_data = |verdict: VerdictKind, id: &str, en: &str| KkVerification {
        verdict,
        message: Text::new(id, en),
        kk_number: None,
        head_name: None,
        region_code: None,
        issued_on: None,
        members: Vec::new(),
        issuer: None,
    };
    match verdict {
        Verdict::Valid { claims, issuer } => KkVerification {
            verdict: VerdictKind::Valid,
            message: Text::new(
                "Asli: tanda tangan elektronik cocok dan data tidak diubah.",
                "Genuine: the electronic signature matches and the data is unaltered.",
            ),
            kk_number: Some(claims.kk_number),
            head_name: Some(claims.head_name),
            region_code: Some(claims.region_code),
            issued_on: Some(claims.issued_on),
            members: claims
                .members
                .into_iter()
                .map(|member| (member.nik, member.name))
                .collect(),
            issuer: Some(issuer.issuer),
        },
        Verdict::Altered => without_data(
            VerdictKind::Altered,
            "Tidak sah: isi kode QR telah diubah atau rusak. Jangan terima KK ini.",
            "Not valid: the QR code's content was altered or damaged. Do not accept this KK.",
        ),
        Verdict::UnknownKey { .. } => without_data(
            VerdictKind::UnknownKey,
            "Penerbit tidak dikenal: kode ini ditandatangani dengan kunci yang tidak dipercaya aplikasi ini. Sambungkan ke internet agar daftar kunci diperbarui, lalu coba lagi.",
            "Unknown issuer: this code was signed with a key this app does not trust. Connect to the internet so the key list refreshes, then try again.",
        ),
        Verdict::NotAKkCode => without_data(
            VerdictKind::NotAKkCode,
            "Ini bukan kode QR KK.",
            "This is not a KK QR code.",
        ),
    }
}

fn unreadable_picture(error: ScanError) -> ShellError {
    match error {
        ScanError::NotAPicture => ShellError::refused(
            "verify.not_a_picture",
            "Berkas ini bukan gambar JPEG atau PNG. Pilih foto atau pindaian KK.",
            "This file is not a JPEG or PNG picture. Choose a photo or scan of the KK.",
        ),
        ScanError::TooLarge => ShellError::refused(
            "verify.too_large",
            "Gambar terlalu besar (lebih dari 8000 piksel). Perkecil atau potong di sekitar kode QR.",
            "The picture is too large (over 8000 pixels). Shrink it or crop it around the QR code.",
        ),
        ScanError::NoCode => ShellError::refused(
            "verify.no_code",
            "Tidak ada kode QR yang terbaca. Foto kode QR di pojok kanan bawah KK lebih dekat dan tajam.",
            "No QR code could be read. Take a closer, sharper photo of the QR code at the bottom right of the KK.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use kk_document::seal::seal;
    use kk_document::{IssuerKey, KkClaims};

    use super::*;
    use crate::issued::test_kk::{issuer, sample_content};

    fn sealed_by(key: &IssuerKey) -> String {
        seal(&KkClaims::of(&sample_content()), key)
    }

    fn trusting(key: &IssuerKey) -> TrustedKeys {
        TrustedKeys {
            keys: vec![key.trusted_key()],
        }
    }

    #[test]
    fn a_trusted_intact_code_is_valid_with_its_data_and_issuer() {
        let key = issuer(1, "Dinas Dukcapil Kabupaten Bogor");
        let found = verification(verify(&sealed_by(&key), &trusting(&key)));
        assert_eq!(found.verdict, VerdictKind::Valid);
        assert_eq!(found.kk_number.as_deref(), Some("3201012311260001"));
        assert_eq!(
            found.issuer.as_deref(),
            Some("Dinas Dukcapil Kabupaten Bogor")
        );
        assert!(!found.members.is_empty());
    }

    #[test]
    fn another_issuers_code_and_a_foreign_code_carry_no_data() {
        let trusted = trusting(&issuer(1, "Dukcapil"));
        let foreign = verification(verify(&sealed_by(&issuer(2, "Palsu")), &trusted));
        assert_eq!(foreign.verdict, VerdictKind::UnknownKey);
        assert_eq!(foreign.kk_number, None);
        let other = verification(verify("https://contoh.id", &trusted));
        assert_eq!(other.verdict, VerdictKind::NotAKkCode);
    }

    #[test]
    fn fetched_keys_join_the_bundled_ones_once() {
        let bundled = serde_json::to_string(&trusting(&issuer(1, "A"))).unwrap();
        let mut fetched = trusting(&issuer(1, "A"));
        fetched.keys.push(issuer(2, "B").trusted_key());
        let fetched = serde_json::to_string(&fetched).unwrap();
        let keys = trusted_keys(&bundled, Some(&fetched));
        assert_eq!(keys.keys.len(), 2);
        assert_eq!(trusted_keys(&bundled, Some("not json")).keys.len(), 1);
    }

    #[test]
    fn a_file_that_is_not_a_picture_is_refused_plainly() {
        let error = verify_picture(b"MZ\x90\x00 an exe", &TrustedKeys::default()).unwrap_err();
        assert_eq!(error.body().code, "verify.not_a_picture");
    }
}
