//! The audit trail: who did what, and when, for every change and every read of personal data.
//!
//! Rows are append-only (SQLite triggers refuse UPDATE and DELETE) and hash-chained: each row's
//! hash covers its own fields and the previous row's hash. [`verify`] recomputes the chain, so
//! editing a row, deleting one, or deleting the newest rows (seen through `sqlite_sequence`,
//! which AUTOINCREMENT keeps at the highest row ever written) names the first broken row.
//! Rows hold ids and actions, never a name or a NIK.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::{SqliteStore, database, timestamp};
use crate::store::{Actor, AuditStore, StoreResult};

/// The `prev_hash` of the first row.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Appends one row. Call it inside the transaction of the change it records.
pub fn append(
    connection: &Connection,
    at: DateTime<Utc>,
    actor: Actor,
    action: &str,
    subject: &str,
    detail: &str,
) -> rusqlite::Result<()> {
    let last: Option<(i64, String)> = connection
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let highest_ever: Option<i64> = connection
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'audit'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    let seq = highest_ever
        .unwrap_or(0)
        .max(last.as_ref().map_or(0, |(seq, _)| *seq))
        + 1;
    let prev_hash = last.map_or_else(|| GENESIS.to_owned(), |(_, hash)| hash);
    let at = timestamp(at);
    let actor = actor.audit_name();
    let hash = row_hash(seq, &at, &actor, action, subject, detail, &prev_hash);
    connection.execute(
        "INSERT INTO audit (seq, at, actor, action, subject, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![seq, at, actor, action, subject, detail, prev_hash, hash],
    )?;
    Ok(())
}

fn row_hash(
    seq: i64,
    at: &str,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &str,
    prev_hash: &str,
) -> String {
    // A JSON array keeps field boundaries unambiguous whatever the fields contain.
    let canonical = serde_json::json!([seq, at, actor, action, subject, detail, prev_hash]);
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

/// Where the chain breaks, and how.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("audit row {seq}: {problem}")]
pub struct AuditBreak {
    pub seq: i64,
    pub problem: String,
}

/// Recomputes the whole chain; `Ok(rows)` when it is intact.
pub fn verify(connection: &Connection) -> anyhow::Result<Result<u64, AuditBreak>> {
    let mut statement = connection.prepare(
        "SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit ORDER BY seq",
    )?;
    let mut rows = statement.query([])?;
    let mut expected_seq = 1i64;
    let mut expected_prev = GENESIS.to_owned();
    let mut count = 0u64;
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        let fields: [String; 7] = [
            row.get(1)?,
            row.get(2)?,
            row.get(3)?,
            row.get(4)?,
            row.get(5)?,
            row.get(6)?,
            row.get(7)?,
        ];
        let [at, actor, action, subject, detail, prev_hash, hash] = fields;
        if seq != expected_seq {
            return Ok(Err(AuditBreak {
                seq: expected_seq,
                problem: format!("missing (deleted); the next row is {seq}"),
            }));
        }
        if prev_hash != expected_prev {
            return Ok(Err(AuditBreak {
                seq,
                problem: "its link to the previous row was changed".into(),
            }));
        }
        if row_hash(seq, &at, &actor, &action, &subject, &detail, &prev_hash) != hash {
            return Ok(Err(AuditBreak {
                seq,
                problem: "changed after it was written".into(),
            }));
        }
        expected_seq += 1;
        expected_prev = hash;
        count += 1;
    }
    let highest_ever: Option<i64> = connection
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'audit'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(highest) = highest_ever
        && highest >= expected_seq
    {
        return Ok(Err(AuditBreak {
            seq: expected_seq,
            problem: format!("missing (deleted), up to row {highest}"),
        }));
    }
    Ok(Ok(count))
}

impl AuditStore for SqliteStore {
    fn record_read(&self, actor: Actor, subject: &str, at: DateTime<Utc>) -> StoreResult<()> {
        self.record_event(actor, "application.read", subject, at)
    }

    fn record_event(
        &self,
        actor: Actor,
        action: &str,
        subject: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let (action, subject) = (action.to_owned(), subject.to_owned());
        self.write(move |tx| append(tx, at, actor, &action, &subject, "{}").map_err(database))
    }
}
