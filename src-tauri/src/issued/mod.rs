//! The window-free parts of "KK saya" and "Verifikasi KK": opening a downloaded KK with its PIN
//! ([`unlock`]), printing it ([`print`]) and checking a KK's QR offline ([`verification`]).
//! The commands in `commands/issued.rs` only fetch the state and call these, so each part is
//! tested here without a window.

pub mod print;
pub mod unlock;
pub mod verification;

use crate::ShellError;

/// The refusal when a KK is unknown or its PDF is still downloading.
pub fn not_downloaded() -> ShellError {
    ShellError::refused(
        "kk.not_downloaded",
        "KK ini belum selesai diunduh. Tunggu sampai ada koneksi; unduhan berlanjut sendiri.",
        "This KK has not finished downloading. Wait for a connection; the download resumes by itself.",
    )
}

/// The refusal when the stored PDF cannot be read, even with the right PIN.
pub fn unreadable_pdf() -> ShellError {
    ShellError::refused(
        "kk.unreadable",
        "Berkas KK di perangkat ini rusak. Hapus lalu unduh lagi.",
        "The KK file on this device is damaged. Delete it and download it again.",
    )
}

/// What the tests of these parts share: the sample family's KK and issuer keys.
#[cfg(test)]
mod test_kk {
    use kk_document::{IssuerKey, KkContent};
    use kk_domain::sample;

    /// The sample family's KK, numbered and dated on the sample day.
    pub fn sample_content() -> KkContent {
        KkContent::from_application(
            &sample::valid_family(),
            &sample::regions(),
            "3201012311260001",
            sample::date(sample::TODAY),
        )
        .unwrap()
    }

    /// An issuer's key, the same for the same seed.
    pub fn issuer(seed: u8, name: &str) -> IssuerKey {
        IssuerKey::from_signing_key(ed25519_dalek::SigningKey::from_bytes(&[seed; 32]), name)
    }
}
