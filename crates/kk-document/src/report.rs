//! A verdict in the words a verifier reads, in Bahasa Indonesia and English, with the signed
//! data when it is valid and the issuer as its certificate names it. The app's "Verifikasi KK"
//! and the server's `/verifikasi` page say the same.

use kk_domain::text::Text;
use kk_domain::wire::{KkVerification, VerdictKind};

use crate::seal::Verdict;
use crate::trust::IssuerCertificate;

/// "Name (region code)", as the certificate states it.
fn issuer_line(issuer: &IssuerCertificate) -> String {
    format!("{} ({})", issuer.issuer, issuer.region_code)
}

/// The verdict in the verifier's words, with the signed data when it is valid.
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
            issuer: Some(issuer_line(&issuer)),
        },
        Verdict::Altered => without_data(
            VerdictKind::Altered,
            "Tidak sah: isi kode QR telah diubah atau rusak. Jangan terima KK ini.",
            "Not valid: the QR code's content was altered or damaged. Do not accept this KK.",
        ),
        Verdict::UnknownIssuer { .. } => without_data(
            VerdictKind::UnknownIssuer,
            "Penerbit tidak dikenal: kunci yang menandatangani kode ini tidak disahkan oleh otoritas tepercaya. Jangan terima KK ini sebelum diperiksa di kantor Dukcapil. Jika perangkat ini belum pernah tersambung ke internet, sambungkan lalu coba lagi.",
            "Unknown issuer: the key that signed this code is not certified by a trusted authority. Do not accept this KK until a Dukcapil office has checked it. If this device has never been online, connect and try again.",
        ),
        Verdict::IssuerRevoked { issuer } => KkVerification {
            issuer: Some(issuer_line(&issuer)),
            ..without_data(
                VerdictKind::IssuerRevoked,
                "Tidak sah: kunci penerbit ini telah dicabut. Jangan terima KK ini; minta pemiliknya mencetak ulang KK di kantor Dukcapil.",
                "Not valid: this issuer's key has been revoked. Do not accept this KK; ask its holder to have it reprinted at a Dukcapil office.",
            )
        },
        Verdict::IssuerExpired { issuer } => KkVerification {
            issuer: Some(issuer_line(&issuer)),
            ..without_data(
                VerdictKind::IssuerExpired,
                "Kedaluwarsa: KK ini ditandatangani di luar masa berlaku kunci penerbitnya. Periksakan ke kantor Dukcapil.",
                "Expired: this KK was signed outside its issuer key's period of validity. Have it checked at a Dukcapil office.",
            )
        },
        Verdict::NotAKkCode => without_data(
            VerdictKind::NotAKkCode,
            "Ini bukan kode QR KK.",
            "This is not a KK QR code.",
        ),
    }
}

/// Why no code could be checked in a picture: a stable code and the words.
#[cfg(feature = "scan")]
pub fn unreadable_picture(error: &crate::scan::ScanError) -> (&'static str, Text) {
    use crate::scan::ScanError;
    match error {
        ScanError::NotAPicture => (
            "verify.not_a_picture",
            Text::new(
                "Berkas ini bukan gambar JPEG atau PNG. Pilih foto atau pindaian KK.",
                "This file is not a JPEG or PNG picture. Choose a photo or scan of the KK.",
            ),
        ),
        ScanError::TooLarge => (
            "verify.too_large",
            Text::new(
                "Gambar terlalu besar (lebih dari 8000 piksel). Perkecil atau potong di sekitar kode QR.",
                "The picture is too large (over 8000 pixels). Shrink it or crop it around the QR code.",
            ),
        ),
        ScanError::NoCode => (
            "verify.no_code",
            Text::new(
                "Tidak ada kode QR yang terbaca. Foto kode QR di pojok kanan bawah KK lebih dekat dan tajam.",
                "No QR code could be read. Take a closer, sharper photo of the QR code at the bottom right of the KK.",
            ),
        ),
    }
}
