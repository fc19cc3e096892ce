//! Attached files, stored in the same database as the drafts that refer to them, named by the
//! SHA-256 of their bytes and kept per owner.

use chrono::{SecondsFormat, Utc};
use rusqlite::{OptionalExtension, params};

use crate::{DeviceStore, Owner, StoreError};

/// A prepared file to keep.
pub struct NewDocument<'a> {
    pub sha256: &'a str,
    pub media_type: &'a str,
    pub content: &'a [u8],
    pub thumbnail: Option<&'a [u8]>,
}

impl DeviceStore {
    /// Keeps a file; keeping the same bytes again is a no-op.
    pub fn put_document(
        &mut self,
        owner: &Owner,
        document: &NewDocument<'_>,
    ) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT OR IGNORE INTO documents (owner, sha256, media_type, content, thumbnail, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                owner.key(),
                document.sha256,
                document.media_type,
                document.content,
                document.thumbnail,
                Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
            ],
        )?;
        Ok(())
    }

    /// The thumbnail of one of this owner's files; `None` for a PDF or an unknown file.
    pub fn document_thumbnail(
        &self,
        owner: &Owner,
        sha256: &str,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let thumbnail: Option<Option<Vec<u8>>> = self
            .connection
            .query_row(
                "SELECT thumbnail FROM documents WHERE owner = ?1 AND sha256 = ?2",
                params![owner.key(), sha256],
                |row| row.get(0),
            )
            .optional()?;
        Ok(thumbnail.flatten())
    }

    /// The stored bytes of one of this owner's files.
    pub fn document_content(
        &self,
        owner: &Owner,
        sha256: &str,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT content FROM documents WHERE owner = ?1 AND sha256 = ?2",
                params![owner.key(), sha256],
                |row| row.get(0),
            )
            .optional()?)
    }
}
