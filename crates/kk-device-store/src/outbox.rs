//! The outbox: applications the citizen has sent ("Kirim"), waiting for a connection or on
//! their way. Queuing is one transaction with the draft it freezes, so a crash either sent
//! nothing or queued everything; the sync engine then moves each item through
//! waiting → uploading → sent, or to failed with the server's own reason.

use chrono::{DateTime, SecondsFormat, Utc};
use kk_domain::application::Application;
use kk_domain::validation::Issue;
use kk_domain::wire::ErrorBody;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::{DeviceStore, DraftId, Owner, StoreError};

/// Where an item stands, as the outbox list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum OutboxState {
    /// Not sent yet: no connection, no session, or waiting before the next try.
    Waiting,
    /// Documents are on their way.
    Uploading { bytes_done: u64, bytes_total: u64 },
    Sent {
        registration_number: String,
        server_id: String,
    },
    /// The server refused it for a reason retrying cannot fix.
    Failed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxItem {
    pub draft_id: DraftId,
    pub revision: i64,
    pub application: Application,
    pub state: OutboxState,
    /// The server's id once it has one; a resubmission goes there.
    pub server_id: Option<String>,
    /// The status the server last reported (`submitted`, `needs_correction`, …).
    pub server_status: Option<String>,
    /// The server's own words about the last failure.
    pub last_error: Option<ErrorBody>,
    pub attempts: u32,
    pub next_attempt_at: String,
    pub queued_at: String,
}

impl OutboxItem {
    /// `<draft id>:<revision>`: the same draft version is always the same submission.
    pub fn idempotency_key(&self) -> String {
        format!("{}:{}", self.draft_id, self.revision)
    }
}

fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

const COLUMNS: &str = "draft_id, revision, application, state, bytes_done, bytes_total, server_id,
    registration_number, server_status, last_error, attempts, next_attempt_at, queued_at";

fn read_item(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<OutboxItem, StoreError>> {
    let draft_id = DraftId(row.get(0)?);
    let application: String = row.get(2)?;
    let state: String = row.get(3)?;
    let server_id: Option<String> = row.get(6)?;
    let registration_number: Option<String> = row.get(7)?;
    let last_error: Option<String> = row.get(9)?;
    let state = match (state.as_str(), &registration_number, &server_id) {
        ("uploading", _, _) => OutboxState::Uploading {
            bytes_done: row.get::<_, i64>(4)? as u64,
            bytes_total: row.get::<_, i64>(5)? as u64,
        },
        ("sent", Some(number), Some(id)) => OutboxState::Sent {
            registration_number: number.clone(),
            server_id: id.clone(),
        },
        ("failed", _, _) => OutboxState::Failed,
        _ => OutboxState::Waiting,
    };
    let application = match serde_json::from_str(&application) {
        Ok(application) => application,
        Err(error) => return Ok(Err(StoreError::UnreadableDraft(draft_id, error))),
    };
    Ok(Ok(OutboxItem {
        draft_id,
        revision: row.get(1)?,
        application,
        state,
        server_id,
        server_status: row.get(8)?,
        last_error: last_error.and_then(|json| serde_json::from_str(&json).ok()),
        attempts: row.get(10)?,
        next_attempt_at: row.get(11)?,
        queued_at: row.get(12)?,
    }))
}

impl DeviceStore {
    /// "Kirim": freezes the draft's current version into the outbox, in one transaction.
    /// Queuing a draft again (after a correction) keeps the server's id, so it goes back to the
    /// same application as a new revision.
    pub fn queue_for_sending(
        &mut self,
        owner: &Owner,
        id: &DraftId,
    ) -> Result<OutboxItem, StoreError> {
        let transaction = self.connection.transaction()?;
        let now = timestamp(Utc::now());
        let changed = transaction.execute(
            "INSERT INTO outbox (draft_id, owner, revision, application, state, next_attempt_at, queued_at)
             SELECT id, owner, revision, application, 'waiting', ?3, ?3 FROM drafts WHERE id = ?1 AND owner = ?2
             ON CONFLICT (draft_id) DO UPDATE SET
                 revision = excluded.revision, application = excluded.application, state = 'waiting',
                 bytes_done = 0, bytes_total = 0, last_error = NULL, attempts = 0,
                 next_attempt_at = excluded.next_attempt_at, queued_at = excluded.queued_at, sent_at = NULL",
            params![id.0, owner.key(), now],
        )?;
        if changed == 0 {
            return Err(StoreError::DraftNotFound(id.clone()));
        }
        transaction.execute(
            "UPDATE drafts SET server_issues = NULL WHERE id = ?1 AND owner = ?2",
            params![id.0, owner.key()],
        )?;
        transaction.commit()?;
        self.outbox_item(owner, id)?
            .ok_or_else(|| StoreError::DraftNotFound(id.clone()))
    }

    pub fn outbox_item(
        &self,
        owner: &Owner,
        id: &DraftId,
    ) -> Result<Option<OutboxItem>, StoreError> {
        self.connection
            .query_row(
                &format!("SELECT {COLUMNS} FROM outbox WHERE draft_id = ?1 AND owner = ?2"),
                params![id.0, owner.key()],
                read_item,
            )
            .optional()?
            .transpose()
    }

    /// Every item of this owner, the most recently queued first.
    pub fn outbox(&self, owner: &Owner) -> Result<Vec<OutboxItem>, StoreError> {
        let mut statement = self.connection.prepare(&format!(
            "SELECT {COLUMNS} FROM outbox WHERE owner = ?1 ORDER BY queued_at DESC"
        ))?;
        let rows = statement.query_map(params![owner.key()], read_item)?;
        rows.map(|row| row?).collect()
    }

    /// Items to send now: waiting or interrupted mid-upload, and due.
    pub fn due_outbox(
        &self,
        owner: &Owner,
        now: DateTime<Utc>,
    ) -> Result<Vec<OutboxItem>, StoreError> {
        let mut statement = self.connection.prepare(&format!(
            "SELECT {COLUMNS} FROM outbox WHERE owner = ?1 AND state IN ('waiting', 'uploading')
             AND next_attempt_at <= ?2 ORDER BY queued_at"
        ))?;
        let rows = statement.query_map(params![owner.key(), timestamp(now)], read_item)?;
        rows.map(|row| row?).collect()
    }

    fn update_outbox(
        &self,
        owner: &Owner,
        id: &DraftId,
        set: &str,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<(), StoreError> {
        let mut parameters: Vec<&dyn rusqlite::ToSql> = vec![&id.0];
        let owner_key = owner.key();
        parameters.push(&owner_key);
        parameters.extend_from_slice(values);
        let changed = self.connection.execute(
            &format!("UPDATE outbox SET {set} WHERE draft_id = ?1 AND owner = ?2"),
            parameters.as_slice(),
        )?;
        if changed == 0 {
            return Err(StoreError::DraftNotFound(id.clone()));
        }
        Ok(())
    }

    pub fn outbox_progress(
        &self,
        owner: &Owner,
        id: &DraftId,
        bytes_done: u64,
        bytes_total: u64,
    ) -> Result<(), StoreError> {
        self.update_outbox(
            owner,
            id,
            "state = 'uploading', bytes_done = ?3, bytes_total = ?4",
            &[&(bytes_done as i64), &(bytes_total as i64)],
        )
    }

    pub fn outbox_sent(
        &self,
        owner: &Owner,
        id: &DraftId,
        server_id: &str,
        registration_number: &str,
        status: &str,
    ) -> Result<(), StoreError> {
        let now = timestamp(Utc::now());
        self.update_outbox(
            owner,
            id,
            "state = 'sent', server_id = ?3, registration_number = ?4, server_status = ?5, sent_at = ?6,
             last_error = NULL, attempts = attempts + 1",
            &[&server_id, &registration_number, &status, &now],
        )
    }

    /// Not this time (no connection, the server down, no session): try again at `next_attempt_at`.
    pub fn outbox_retry_later(
        &self,
        owner: &Owner,
        id: &DraftId,
        next_attempt_at: DateTime<Utc>,
        reason: Option<&ErrorBody>,
    ) -> Result<(), StoreError> {
        let reason = reason.map(|r| serde_json::to_string(r).expect("plain data"));
        self.update_outbox(
            owner,
            id,
            "state = CASE state WHEN 'uploading' THEN 'uploading' ELSE 'waiting' END,
             attempts = attempts + 1, next_attempt_at = ?3, last_error = ?4",
            &[&timestamp(next_attempt_at), &reason],
        )
    }

    /// The server refused it for good; its reason is kept for the citizen to read.
    pub fn outbox_failed(
        &self,
        owner: &Owner,
        id: &DraftId,
        reason: &ErrorBody,
    ) -> Result<(), StoreError> {
        let reason = serde_json::to_string(reason).expect("plain data");
        self.update_outbox(
            owner,
            id,
            "state = 'failed', attempts = attempts + 1, last_error = ?3",
            &[&reason],
        )
    }

    /// The server found mistakes: the item leaves the outbox and the draft carries the
    /// server's field errors until it is queued again.
    pub fn outbox_returned_to_draft(
        &mut self,
        owner: &Owner,
        id: &DraftId,
        issues: &[Issue],
    ) -> Result<(), StoreError> {
        let transaction = self.connection.transaction()?;
        transaction.execute(
            "DELETE FROM outbox WHERE draft_id = ?1 AND owner = ?2 AND server_id IS NULL",
            params![id.0, owner.key()],
        )?;
        transaction.execute(
            "UPDATE outbox SET state = 'failed' WHERE draft_id = ?1 AND owner = ?2",
            params![id.0, owner.key()],
        )?;
        transaction.execute(
            "UPDATE drafts SET server_issues = ?3 WHERE id = ?1 AND owner = ?2",
            params![
                id.0,
                owner.key(),
                serde_json::to_string(issues).expect("plain data")
            ],
        )?;
        transaction.commit()?;
        Ok(())
    }

    /// Keeps the server's issues on a draft: field errors of a refusal, or an officer's
    /// reasons for a return. The next "Kirim" clears them.
    pub fn set_server_issues(
        &self,
        owner: &Owner,
        id: &DraftId,
        issues: &[Issue],
    ) -> Result<(), StoreError> {
        self.connection.execute(
            "UPDATE drafts SET server_issues = ?3 WHERE id = ?1 AND owner = ?2",
            params![
                id.0,
                owner.key(),
                serde_json::to_string(issues).expect("plain data")
            ],
        )?;
        Ok(())
    }

    /// The server's field errors on a draft it refused, if any.
    pub fn server_issues(&self, owner: &Owner, id: &DraftId) -> Result<Vec<Issue>, StoreError> {
        let json: Option<Option<String>> = self
            .connection
            .query_row(
                "SELECT server_issues FROM drafts WHERE id = ?1 AND owner = ?2",
                params![id.0, owner.key()],
                |row| row.get(0),
            )
            .optional()?;
        Ok(json
            .flatten()
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default())
    }

    /// "Coba lagi": every item still waiting is due now.
    pub fn outbox_retry_all_now(
        &self,
        owner: &Owner,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.connection.execute(
            "UPDATE outbox SET next_attempt_at = ?2 WHERE owner = ?1 AND state IN ('waiting', 'uploading')",
            params![owner.key(), timestamp(now)],
        )?;
        Ok(())
    }

    /// When the next item is due, if any is waiting.
    pub fn next_outbox_attempt(&self, owner: &Owner) -> Result<Option<DateTime<Utc>>, StoreError> {
        let next: Option<String> = self.connection.query_row(
            "SELECT MIN(next_attempt_at) FROM outbox WHERE owner = ?1 AND state IN ('waiting', 'uploading')",
            params![owner.key()],
            |row| row.get(0),
        )?;
        Ok(next
            .and_then(|text| DateTime::parse_from_rfc3339(&text).ok())
            .map(|at| at.with_timezone(&Utc)))
    }

    /// A status the server reported for a sent item.
    pub fn outbox_server_status(
        &self,
        owner: &Owner,
        id: &DraftId,
        status: &str,
    ) -> Result<(), StoreError> {
        self.update_outbox(owner, id, "server_status = ?3", &[&status])
    }

    /// Where the tus upload of one document lives, to resume it.
    pub fn tus_upload_url(
        &self,
        owner: &Owner,
        sha256: &str,
    ) -> Result<Option<String>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT url FROM tus_uploads WHERE owner = ?1 AND sha256 = ?2",
                params![owner.key(), sha256],
                |row| row.get(0),
            )
            .optional()?)
    }

    pub fn set_tus_upload_url(
        &self,
        owner: &Owner,
        sha256: &str,
        url: Option<&str>,
    ) -> Result<(), StoreError> {
        match url {
            Some(url) => self.connection.execute(
                "INSERT OR REPLACE INTO tus_uploads (owner, sha256, url) VALUES (?1, ?2, ?3)",
                params![owner.key(), sha256, url],
            )?,
            None => self.connection.execute(
                "DELETE FROM tus_uploads WHERE owner = ?1 AND sha256 = ?2",
                params![owner.key(), sha256],
            )?,
        };
        Ok(())
    }
}
