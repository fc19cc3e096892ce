//! Where uploaded files live: a partial upload while its chunks arrive, then, once whole and
//! checked, a document named by its SHA-256. Today this is a directory on the server's disk
//! (`<data-dir>/uploads/<id>.part` and `<data-dir>/documents/<sha256>`); the object-store
//! backend of the scale issue takes the same operations.
//!
//! The tus protocol stays in `api/uploads.rs`; this module only knows bytes, lengths and
//! checksums, and answers with outcomes.

mod partial;

use std::path::{Path, PathBuf};

use kk_domain::documents::ACCEPTED_MEDIA_TYPES;
use sha2::{Digest, Sha256};

use crate::store::{DocumentRecord, Upload};

pub use partial::{AppendOutcome, Checksum, PartialUpload};

/// What checking a complete upload found.
#[derive(Debug)]
pub enum Filing {
    /// It is now a document of the upload's owner.
    Filed(DocumentRecord),
    /// Its bytes do not hash to the SHA-256 declared at creation; it was dropped.
    HashMismatch,
    /// By its content it is not a PDF, JPEG or PNG; it was dropped.
    TypeNotAllowed,
}

#[derive(Debug, Clone)]
pub struct DocumentStore {
    partials: PathBuf,
    documents: PathBuf,
}

impl DocumentStore {
    /// The directories under a server's data directory.
    pub fn in_data_dir(data_dir: &Path) -> DocumentStore {
        DocumentStore {
            partials: data_dir.join("uploads"),
            documents: data_dir.join("documents"),
        }
    }

    fn partial_path(&self, upload_id: &str) -> PathBuf {
        self.partials.join(format!("{upload_id}.part"))
    }

    /// Deletes an abandoned upload's partial file; one already gone is fine.
    pub async fn forget_partial(&self, upload_id: &str) -> std::io::Result<()> {
        match tokio::fs::remove_file(self.partial_path(upload_id)).await {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }

    /// Where a document's bytes live. The caller has checked that `sha256` is 64 hex digits,
    /// so it cannot name another path.
    fn document_path(&self, sha256: &str) -> PathBuf {
        debug_assert!(is_sha256_hex(sha256));
        self.documents.join(sha256)
    }

    /// A document's bytes.
    pub async fn read(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        tokio::fs::read(self.document_path(sha256)).await
    }

    /// Keeps `bytes` as a document at once, for the demo data; returns its SHA-256.
    pub fn put_blocking(&self, bytes: &[u8]) -> std::io::Result<String> {
        let sha256 = hex::encode(Sha256::digest(bytes));
        std::fs::create_dir_all(&self.documents)?;
        std::fs::write(self.document_path(&sha256), bytes)?;
        Ok(sha256)
    }

    /// The upload's partial file, cut back to the offset the store recorded: anything past it
    /// is an unconfirmed leftover of an earlier try.
    pub async fn resume(&self, upload: &Upload) -> std::io::Result<PartialUpload> {
        tokio::fs::create_dir_all(&self.partials).await?;
        PartialUpload::open(&self.partial_path(&upload.id), upload.offset, upload.length).await
    }

    /// Checks a complete upload's hash and type, and files it as a document of its owner; a
    /// bad file is dropped, so the upload can start again from zero.
    pub async fn file(&self, upload: &Upload) -> std::io::Result<Filing> {
        let partial = self.partial_path(&upload.id);
        let bytes = tokio::fs::read(&partial).await?;
        let actual = hex::encode(Sha256::digest(&bytes));
        let media_type = media_type_of(&bytes);
        let refusal = if actual != upload.sha256 {
            Some(Filing::HashMismatch)
        } else if media_type.is_none() {
            Some(Filing::TypeNotAllowed)
        } else {
            None
        };
        if let Some(refusal) = refusal {
            let _ = tokio::fs::remove_file(&partial).await;
            return Ok(refusal);
        }
        tokio::fs::create_dir_all(&self.documents).await?;
        tokio::fs::rename(&partial, self.document_path(&actual)).await?;
        Ok(Filing::Filed(DocumentRecord {
            sha256: actual,
            owner: upload.owner,
            media_type: media_type.expect("checked above").to_owned(),
            size: upload.length,
        }))
    }
}

/// The media type by content, if it is one the app accepts.
fn media_type_of(bytes: &[u8]) -> Option<&'static str> {
    infer::get(bytes)
        .map(|kind| kind.mime_type())
        .filter(|mime| ACCEPTED_MEDIA_TYPES.contains(mime))
}

/// 64 lower-case hex digits: a document's name.
pub fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use axum::body::Bytes;
    use futures_util::stream;

    use super::*;

    fn upload_of(content: &[u8], offset: u64) -> Upload {
        Upload {
            id: "0f".repeat(16),
            owner: 7,
            length: content.len() as u64,
            offset,
            sha256: hex::encode(Sha256::digest(content)),
            file_name: "akta.pdf".into(),
        }
    }

    fn chunks(parts: &[&[u8]]) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> {
        stream::iter(
            parts
                .iter()
                .map(|part| Ok(Bytes::copy_from_slice(part)))
                .collect::<Vec<_>>(),
        )
    }

    #[tokio::test]
    async fn a_file_sent_in_two_chunks_is_filed_under_its_sha256() {
        let directory = tempfile::tempdir().unwrap();
        let files = DocumentStore::in_data_dir(directory.path());
        let content = b"%PDF-1.7\n% akta kelahiran\n%%EOF\n";
        let mut upload = upload_of(content, 0);

        let first = files.resume(&upload).await.unwrap();
        let outcome = first.append(chunks(&[&content[..10]]), None).await.unwrap();
        assert_eq!(outcome, AppendOutcome::Stored { offset: 10 });
        upload.offset = 10;
        let second = files.resume(&upload).await.unwrap();
        let outcome = second
            .append(chunks(&[&content[10..]]), None)
            .await
            .unwrap();
        assert_eq!(
            outcome,
            AppendOutcome::Stored {
                offset: content.len() as u64
            }
        );

        match files.file(&upload).await.unwrap() {
            Filing::Filed(record) => {
                assert_eq!(record.media_type, "application/pdf");
                assert_eq!(files.read(&record.sha256).await.unwrap(), content);
            }
            other => panic!("not filed: {other:?}"),
        }
    }

    #[tokio::test]
    async fn an_exe_renamed_pdf_and_a_wrong_hash_are_dropped() {
        let directory = tempfile::tempdir().unwrap();
        let files = DocumentStore::in_data_dir(directory.path());
        let exe = b"MZ\x90\x00\x03\x00\x00\x00 not a document".to_vec();
        let upload = upload_of(&exe, 0);
        files
            .resume(&upload)
            .await
            .unwrap()
            .append(chunks(&[&exe]), None)
            .await
            .unwrap();
        assert!(matches!(
            files.file(&upload).await.unwrap(),
            Filing::TypeNotAllowed
        ));

        let pdf = b"%PDF-1.7 genuine".to_vec();
        let mut lying = upload_of(&pdf, 0);
        lying.sha256 = "ab".repeat(32);
        files
            .resume(&lying)
            .await
            .unwrap()
            .append(chunks(&[&pdf]), None)
            .await
            .unwrap();
        assert!(matches!(
            files.file(&lying).await.unwrap(),
            Filing::HashMismatch
        ));
        assert!(
            files.read(&"ab".repeat(32)).await.is_err(),
            "nothing was filed"
        );
    }
}
