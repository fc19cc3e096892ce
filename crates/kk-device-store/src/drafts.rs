//! Drafts: applications being filled in, one row each.

use std::fmt;

use chrono::{SecondsFormat, Utc};
use kk_domain::application::Application;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::{DeviceStore, StoreError};

/// A draft's id: a random UUID, created on the device so it exists before any server does.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DraftId(pub String);

impl fmt::Display for DraftId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

/// Whose drafts these are: this device before anyone logs in, or an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Owner {
    Device,
    Account(String),
}

impl Owner {
    pub(crate) fn key(&self) -> String {
        match self {
            Owner::Device => "device".to_owned(),
            Owner::Account(account) => format!("account:{account}"),
        }
    }
}

/// One stored draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub id: DraftId,
    pub revision: i64,
    pub application: Application,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub updated_at: String,
}

impl DeviceStore {
    /// Starts a new draft and returns it.
    pub fn create_draft(
        &mut self,
        owner: &Owner,
        application: &Application,
    ) -> Result<Draft, StoreError> {
        let id = DraftId(uuid::Uuid::new_v4().to_string());
        let now = now();
        self.connection.execute(
            "INSERT INTO drafts (id, owner, revision, application, created_at, updated_at, change_sequence)
             VALUES (?1, ?2, 1, ?3, ?4, ?4, (SELECT COALESCE(MAX(change_sequence), 0) + 1 FROM drafts))",
            params![id.0, owner.key(), to_json(application), now],
        )?;
        self.draft(owner, &id)
    }

    /// Saves a new version of the draft in one transaction and returns its new revision.
    pub fn save_draft(
        &mut self,
        owner: &Owner,
        id: &DraftId,
        application: &Application,
    ) -> Result<i64, StoreError> {
        let transaction = self.connection.transaction()?;
        let revision: Option<i64> = transaction
            .query_row(
                "UPDATE drafts SET application = ?1, revision = revision + 1, updated_at = ?2,
                     change_sequence = (SELECT MAX(change_sequence) + 1 FROM drafts)
                 WHERE id = ?3 AND owner = ?4 RETURNING revision",
                params![to_json(application), now(), id.0, owner.key()],
                |row| row.get(0),
            )
            .optional()?;
        let revision = revision.ok_or_else(|| StoreError::DraftNotFound(id.clone()))?;
        transaction.commit()?;
        Ok(revision)
    }

    /// One draft of this owner.
    pub fn draft(&self, owner: &Owner, id: &DraftId) -> Result<Draft, StoreError> {
        self.connection
            .query_row(
                "SELECT id, revision, application, created_at, updated_at FROM drafts
                 WHERE id = ?1 AND owner = ?2",
                params![id.0, owner.key()],
                read_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::DraftNotFound(id.clone()))?
    }

    /// Every draft of this owner, the most recently changed first.
    pub fn drafts(&self, owner: &Owner) -> Result<Vec<Draft>, StoreError> {
        let mut statement = self.connection.prepare(
            "SELECT id, revision, application, created_at, updated_at FROM drafts
             WHERE owner = ?1 ORDER BY change_sequence DESC",
        )?;
        let rows = statement.query_map(params![owner.key()], read_row)?;
        rows.map(|row| row?).collect()
    }

    /// A copy of a draft under a new id, for a second application that starts alike.
    pub fn duplicate_draft(&mut self, owner: &Owner, id: &DraftId) -> Result<Draft, StoreError> {
        let original = self.draft(owner, id)?;
        self.create_draft(owner, &original.application)
    }

    /// Deletes a draft; deleting one that is already gone is not an error.
    pub fn delete_draft(&mut self, owner: &Owner, id: &DraftId) -> Result<(), StoreError> {
        self.connection.execute(
            "DELETE FROM drafts WHERE id = ?1 AND owner = ?2",
            params![id.0, owner.key()],
        )?;
        Ok(())
    }
}

/// Reads a row; the outer result is SQLite's, the inner one the JSON's.
fn read_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Draft, StoreError>> {
    let id = DraftId(row.get(0)?);
    let json: String = row.get(2)?;
    let draft = match serde_json::from_str(&json) {
        Ok(application) => Ok(Draft {
            id,
            revision: row.get(1)?,
            application,
            created_at: row.get(3)?,
            updated_at: row.get(4)?,
        }),
        Err(error) => Err(StoreError::UnreadableDraft(id, error)),
    };
    Ok(draft)
}

fn to_json(application: &Application) -> String {
    serde_json::to_string(application).expect("an application always serializes")
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)
}
