//! tus uploads in progress, and the documents they become.

use super::SqliteStore;
use crate::store::UploadStore;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::audit;
use super::{database, timestamp};
use crate::store::{AccountId, Actor, DocumentRecord, StoreError, StoreResult, Upload};

pub fn create(tx: &Connection, upload: &Upload, at: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO uploads (id, owner, length, upload_offset, sha256, file_name, created_at)
         VALUES (?1, ?2, ?3, 0, ?4, ?5, ?6)",
        params![
            upload.id,
            upload.owner,
            upload.length as i64,
            upload.sha256,
            upload.file_name,
            timestamp(at)
        ],
    )
    .map_err(database)?;
    let detail = serde_json::json!({ "length": upload.length }).to_string();
    audit::append(
        tx,
        at,
        citizen(upload.owner),
        "upload.created",
        &format!("upload:{}", upload.id),
        &detail,
    )
    .map_err(database)
}

fn citizen(owner: AccountId) -> Actor {
    Actor {
        role: kk_domain::api::ActorRole::Citizen,
        account: Some(owner),
    }
}

pub fn by_id(connection: &Connection, id: &str) -> StoreResult<Option<Upload>> {
    connection
        .query_row(
            "SELECT id, owner, length, upload_offset, sha256, file_name FROM uploads WHERE id = ?1",
            [id],
            |row| {
                Ok(Upload {
                    id: row.get(0)?,
                    owner: row.get(1)?,
                    length: row.get::<_, i64>(2)? as u64,
                    offset: row.get::<_, i64>(3)? as u64,
                    sha256: row.get(4)?,
                    file_name: row.get(5)?,
                })
            },
        )
        .optional()
        .map_err(database)
}

pub fn set_offset(tx: &Connection, id: &str, offset: u64, at: DateTime<Utc>) -> StoreResult<()> {
    let owner: AccountId = tx
        .query_row(
            "UPDATE uploads SET upload_offset = ?2 WHERE id = ?1 RETURNING owner",
            params![id, offset as i64],
            |row| row.get(0),
        )
        .optional()
        .map_err(database)?
        .ok_or(StoreError::NotFound)?;
    let detail = serde_json::json!({ "offset": offset }).to_string();
    audit::append(
        tx,
        at,
        citizen(owner),
        "upload.offset",
        &format!("upload:{id}"),
        &detail,
    )
    .map_err(database)
}

pub fn finish(
    tx: &Connection,
    id: &str,
    document: &DocumentRecord,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    tx.execute("DELETE FROM uploads WHERE id = ?1", [id])
        .map_err(database)?;
    tx.execute(
        "INSERT OR IGNORE INTO documents (owner, sha256, media_type, size, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            document.owner,
            document.sha256,
            document.media_type,
            document.size as i64,
            timestamp(at)
        ],
    )
    .map_err(database)?;
    let actor = Actor {
        role: kk_domain::api::ActorRole::Citizen,
        account: Some(document.owner),
    };
    let detail = serde_json::json!({ "media_type": document.media_type, "size": document.size });
    audit::append(
        tx,
        at,
        actor,
        "document.uploaded",
        &format!("document:{}", document.sha256),
        &detail.to_string(),
    )
    .map_err(database)
}

pub fn document(
    connection: &Connection,
    owner: AccountId,
    sha256: &str,
) -> StoreResult<Option<DocumentRecord>> {
    connection
        .query_row(
            "SELECT sha256, owner, media_type, size FROM documents WHERE owner = ?1 AND sha256 = ?2",
            params![owner, sha256],
            |row| {
                Ok(DocumentRecord {
                    sha256: row.get(0)?,
                    owner: row.get(1)?,
                    media_type: row.get(2)?,
                    size: row.get::<_, i64>(3)? as u64,
                })
            },
        )
        .optional()
        .map_err(database)
}

impl UploadStore for SqliteStore {
    fn create_upload(&self, upload: &Upload, at: DateTime<Utc>) -> StoreResult<()> {
        let upload = upload.clone();
        self.write(move |tx| create(tx, &upload, at))
    }

    fn upload(&self, id: &str) -> StoreResult<Option<Upload>> {
        self.read(|connection| by_id(connection, id))
    }

    fn set_upload_offset(&self, id: &str, offset: u64, at: DateTime<Utc>) -> StoreResult<()> {
        let id = id.to_owned();
        self.write(move |tx| set_offset(tx, &id, offset, at))
    }

    fn finish_upload(
        &self,
        id: &str,
        document: &DocumentRecord,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let (id, document) = (id.to_owned(), document.clone());
        self.write(move |tx| finish(tx, &id, &document, at))
    }

    fn document(&self, owner: AccountId, sha256: &str) -> StoreResult<Option<DocumentRecord>> {
        self.read(|connection| document(connection, owner, sha256))
    }

    fn bytes_held(&self, owner: AccountId) -> StoreResult<u64> {
        self.read(|connection| {
            connection
                .query_row(
                    "SELECT (SELECT COALESCE(SUM(size), 0) FROM documents WHERE owner = ?1)
                          + (SELECT COALESCE(SUM(length), 0) FROM uploads WHERE owner = ?1)",
                    [owner],
                    |row| row.get::<_, i64>(0),
                )
                .map(|bytes| bytes as u64)
                .map_err(database)
        })
    }

    fn drop_stale_uploads(
        &self,
        before: DateTime<Utc>,
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<String>> {
        self.write(move |tx| {
            let mut statement = tx
                .prepare("DELETE FROM uploads WHERE created_at < ?1 RETURNING id, owner")
                .map_err(database)?;
            let dropped: Vec<(String, AccountId)> = statement
                .query_map([timestamp(before)], |row| Ok((row.get(0)?, row.get(1)?)))
                .map_err(database)?
                .collect::<Result<_, _>>()
                .map_err(database)?;
            for (id, owner) in &dropped {
                audit::append(
                    tx,
                    at,
                    citizen(*owner),
                    "upload.dropped_stale",
                    &format!("upload:{id}"),
                    "{}",
                )
                .map_err(database)?;
            }
            Ok(dropped.into_iter().map(|(id, _)| id).collect())
        })
    }
}
