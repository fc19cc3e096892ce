//! The notification outbox: messages wait here until a channel has delivered them. A message's
//! text is erased once it is delivered or given up, so no OTP or PIN outlives its delivery.

use super::SqliteStore;
use crate::store::OutboxStore;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::{database, timestamp};
use crate::store::{OutgoingMessage, StoreResult};

pub fn enqueue(tx: &Connection, message: &OutgoingMessage, at: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO outbox (id, channel, recipient, kind, text, next_try_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            message.id,
            message.channel,
            message.to,
            message.kind,
            message.text,
            timestamp(at)
        ],
    )
    .map_err(database)?;
    Ok(())
}

pub fn due(
    connection: &Connection,
    now: DateTime<Utc>,
    limit: u32,
) -> StoreResult<Vec<OutgoingMessage>> {
    let mut statement = connection
        .prepare(
            "SELECT id, channel, recipient, kind, text, attempts FROM outbox
             WHERE sent_at IS NULL AND next_try_at IS NOT NULL AND next_try_at <= ?1
             ORDER BY next_try_at LIMIT ?2",
        )
        .map_err(database)?;
    statement
        .query_map(params![timestamp(now), limit], |row| {
            Ok(OutgoingMessage {
                id: row.get(0)?,
                channel: row.get(1)?,
                to: row.get(2)?,
                kind: row.get(3)?,
                text: row.get(4)?,
                attempts: row.get(5)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(database)
}

pub fn sent(tx: &Connection, id: &str, at: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "UPDATE outbox SET sent_at = ?2, attempts = attempts + 1, next_try_at = NULL, text = ''
         WHERE id = ?1",
        params![id, timestamp(at)],
    )
    .map_err(database)?;
    Ok(())
}

pub fn failed(
    tx: &Connection,
    id: &str,
    error: &str,
    next_try: Option<DateTime<Utc>>,
) -> StoreResult<()> {
    tx.execute(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, next_try_at = ?3,
         text = CASE WHEN ?3 IS NULL THEN '' ELSE text END WHERE id = ?1",
        params![id, error, next_try.map(timestamp)],
    )
    .map_err(database)?;
    Ok(())
}

impl OutboxStore for SqliteStore {
    fn enqueue_message(&self, message: &OutgoingMessage, at: DateTime<Utc>) -> StoreResult<()> {
        let message = message.clone();
        self.write(move |tx| enqueue(tx, &message, at))
    }

    fn messages_queued_since(
        &self,
        channel: &str,
        recipient: Option<&str>,
        since: DateTime<Utc>,
    ) -> StoreResult<u32> {
        self.read(|connection| {
            connection
                .query_row(
                    "SELECT COUNT(*) FROM outbox WHERE channel = ?1 AND created_at >= ?2
                       AND (?3 IS NULL OR recipient = ?3)",
                    params![channel, timestamp(since), recipient],
                    |row| row.get(0),
                )
                .map_err(database)
        })
    }

    fn due_messages(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<Vec<OutgoingMessage>> {
        self.read(|connection| due(connection, now, limit))
    }

    fn message_sent(&self, id: &str, at: DateTime<Utc>) -> StoreResult<()> {
        let id = id.to_owned();
        self.write(move |tx| sent(tx, &id, at))?;
        self.flush_erased_text();
        Ok(())
    }

    fn message_failed(
        &self,
        id: &str,
        error: &str,
        next_try: Option<DateTime<Utc>>,
    ) -> StoreResult<()> {
        let (id, error) = (id.to_owned(), error.to_owned());
        self.write(move |tx| failed(tx, &id, &error, next_try))?;
        if next_try.is_none() {
            self.flush_erased_text();
        }
        Ok(())
    }
}
