//! Locks the PDF with the PIN: AES-256, security handler revision 6 (PDF 2.0), a random file
//! key, a random owner password nobody keeps, and permissions that allow printing at full
//! quality and copying text, but not changing the document.

use std::collections::BTreeMap;
use std::sync::Arc;

use lopdf::encryption::crypt_filters::{Aes256CryptFilter, CryptFilter};
use lopdf::{Document, EncryptionState, EncryptionVersion, Permissions};
use rand::RngCore;

use crate::pin::Pin;

#[derive(Debug, thiserror::Error)]
#[error("the PDF could not be encrypted: {0}")]
pub struct EncryptError(#[from] lopdf::Error);

/// Returns `pdf` encrypted so that only `pin` opens it.
pub fn encrypt_pdf(pdf: &[u8], pin: &Pin) -> Result<Vec<u8>, EncryptError> {
    let mut document = Document::load_mem(pdf)?;
    // AES-256 with revision 6 is a PDF 2.0 feature; without this the header says 1.3.
    document.version = "2.0".to_owned();
    let mut file_key = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut file_key);
    let mut owner_bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut owner_bytes);
    let owner_password = hex::encode(owner_bytes);
    let filter: Arc<dyn CryptFilter> = Arc::new(Aes256CryptFilter);
    let state = EncryptionState::try_from(EncryptionVersion::V5 {
        encrypt_metadata: true,
        crypt_filters: BTreeMap::from([(b"StdCF".to_vec(), filter)]),
        file_encryption_key: &file_key,
        stream_filter: b"StdCF".to_vec(),
        string_filter: b"StdCF".to_vec(),
        owner_password: &owner_password,
        user_password: pin.as_password(),
        permissions: Permissions::PRINTABLE
            | Permissions::PRINTABLE_IN_HIGH_QUALITY
            | Permissions::COPYABLE
            | Permissions::COPYABLE_FOR_ACCESSIBILITY,
    })?;
    document.encrypt(&state)?;
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).map_err(lopdf::Error::from)?;
    Ok(bytes)
}
