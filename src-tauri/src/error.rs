//! The one error type of the shell's commands. It reaches the UI as
//! `{"code": "...", "message": {"id": "...", "en": "..."}}` ([`kk_domain::wire::ErrorBody`]).
//! Internal detail (SQL, paths) stays in the shell's log; the citizen reads a plain sentence.

use kk_attachments::AttachmentError;
use kk_device_store::StoreError;
use kk_domain::text::Text;
use kk_domain::wire::ErrorBody;
use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    #[error("not a region code: {0}")]
    BadRegionCode(String),
    #[error("device store: {0}")]
    Store(#[from] StoreError),
    #[error("the data directory cannot be created: {0}")]
    DataDirectory(std::io::Error),
    #[error("attachment refused: {0}")]
    Attachment(#[from] AttachmentError),
    #[error("malformed request: {0}")]
    MalformedRequest(&'static str),
    /// Work on the blocking pool ended without an answer (it panicked).
    #[error("the work was interrupted")]
    Interrupted,
    /// A refusal with its own words for the citizen (a wrong PIN, no printer), or the
    /// server's answer passed on as it is.
    #[error("refused: {}", .0.code)]
    Refused(ErrorBody),
}

impl ShellError {
    pub fn refused(code: &str, id: impl Into<String>, en: impl Into<String>) -> ShellError {
        ShellError::Refused(ErrorBody::new(code, Text::new(id, en)))
    }
}

/// The server's answer, passed on to the UI as it is.
impl From<ErrorBody> for ShellError {
    fn from(body: ErrorBody) -> ShellError {
        ShellError::Refused(body)
    }
}

impl ShellError {
    pub fn body(&self) -> ErrorBody {
        if let ShellError::Refused(body) = self {
            return body.clone();
        }
        if let ShellError::Attachment(error) = self {
            return ErrorBody::new(error.code(), error.text());
        }
        let (code, id, en) = match self {
            ShellError::BadRegionCode(code) => (
                "region.bad_code",
                format!("Kode wilayah \"{code}\" tidak dikenali."),
                format!("The region code \"{code}\" is not recognised."),
            ),
            ShellError::Store(StoreError::DraftNotFound(_)) => (
                "draft.not_found",
                "Draf ini tidak ditemukan. Mungkin sudah dihapus.".to_owned(),
                "This draft was not found. It may have been deleted.".to_owned(),
            ),
            ShellError::Store(StoreError::WrongKey) => (
                "store.wrong_key",
                "Data di perangkat ini terkunci dengan kunci lain dan tidak dapat dibuka. Data tidak diubah atau dihapus. Hubungi pusat bantuan Dukcapil.".to_owned(),
                "The data on this device is locked with another key and cannot be opened. Nothing was changed or deleted. Contact the Dukcapil help desk.".to_owned(),
            ),
            ShellError::Store(StoreError::KeyMissing) => (
                "store.key_missing",
                "Kunci untuk membuka data di perangkat ini tidak ada di keyring sistem. Data tidak dihapus: masuklah ke komputer dengan akun yang sama seperti sebelumnya, lalu buka aplikasi lagi.".to_owned(),
                "The key that opens the data on this device is not in the system keyring. Nothing was deleted: log in to the computer with the same account as before, then open the app again.".to_owned(),
            ),
            ShellError::Store(StoreError::KeyringUnavailable(_)) => (
                "store.keyring_unavailable",
                "Keyring sistem, tempat kunci data disimpan, tidak dapat dihubungi. Pastikan Anda masuk ke sesi desktop dan keyring terbuka, lalu buka aplikasi lagi.".to_owned(),
                "The system keyring, where the data's key is kept, cannot be reached. Make sure you are logged in to a desktop session with the keyring unlocked, then open the app again.".to_owned(),
            ),
            ShellError::Interrupted => (
                "shell.interrupted",
                "Pekerjaan ini terhenti sebelum selesai. Tidak ada data yang hilang; coba lagi.".to_owned(),
                "This work stopped before it finished. No data was lost; try again.".to_owned(),
            ),
            ShellError::MalformedRequest(_) | ShellError::Attachment(_) | ShellError::Refused(_) => (
                "request.malformed",
                "Aplikasi mengirim permintaan yang tidak lengkap. Tutup lalu buka lagi aplikasinya.".to_owned(),
                "The app sent an incomplete request. Close it and open it again.".to_owned(),
            ),
            ShellError::Store(_) | ShellError::DataDirectory(_) => (
                "store.unavailable",
                "Data di perangkat ini tidak dapat dibaca atau disimpan. Pastikan ruang penyimpanan cukup, lalu coba lagi.".to_owned(),
                "The data on this device could not be read or saved. Make sure there is enough storage space, then try again.".to_owned(),
            ),
        };
        ErrorBody::new(code, Text::new(id, en))
    }
}

impl Serialize for ShellError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The detail goes to the log (never personal data: errors carry ids, not content).
        eprintln!("kk-mandiri: command failed: {self}");
        self.body().serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_reaches_the_ui_as_a_code_and_a_bilingual_message() {
        let json = serde_json::to_value(ShellError::BadRegionCode("99.x".to_owned())).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "region.bad_code",
                "message": {
                    "id": "Kode wilayah \"99.x\" tidak dikenali.",
                    "en": "The region code \"99.x\" is not recognised."
                }
            })
        );
    }

    #[test]
    fn a_missing_draft_and_a_broken_store_get_different_plain_messages() {
        let missing = ShellError::Store(StoreError::DraftNotFound(kk_device_store::DraftId(
            "x".into(),
        )));
        assert_eq!(missing.body().code, "draft.not_found");
        let broken = ShellError::Store(StoreError::Sqlite(rusqlite_error()));
        assert_eq!(broken.body().code, "store.unavailable");
        assert!(!broken.body().message.en.contains("SQL"));
    }

    fn rusqlite_error() -> kk_device_store::SqliteError {
        kk_device_store::SqliteError::InvalidQuery
    }
}
