//! Resumable uploads as records (how far each has got), and the documents they became. The
//! bytes themselves are kept by the [`DocumentStore`](crate::documents::DocumentStore).

use chrono::{DateTime, Utc};

use super::{AccountId, StoreResult};

/// A tus upload in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub id: String,
    pub owner: AccountId,
    pub length: u64,
    pub offset: u64,
    /// The SHA-256 the client declared; the finished file must hash to it.
    pub sha256: String,
    pub file_name: String,
}

/// A finished, checked document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRecord {
    pub sha256: String,
    pub owner: AccountId,
    pub media_type: String,
    pub size: u64,
}

pub trait UploadStore {
    fn create_upload(&self, upload: &Upload, at: DateTime<Utc>) -> StoreResult<()>;
    fn upload(&self, id: &str) -> StoreResult<Option<Upload>>;
    /// Records the offset a chunk reached, audited with the upload's owner.
    fn set_upload_offset(&self, id: &str, offset: u64, at: DateTime<Utc>) -> StoreResult<()>;
    /// Turns a complete upload into a document of its owner.
    fn finish_upload(
        &self,
        id: &str,
        document: &DocumentRecord,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
    fn document(&self, owner: AccountId, sha256: &str) -> StoreResult<Option<DocumentRecord>>;
    /// The bytes `owner` holds on the server: their documents, and the full length of each
    /// upload in progress. What the per-account quota counts.
    fn bytes_held(&self, owner: AccountId) -> StoreResult<u64>;
    /// Forgets the uploads begun before `before` and never finished, and returns their ids,
    /// so their partial files can go too.
    fn drop_stale_uploads(
        &self,
        before: DateTime<Utc>,
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<String>>;
}
