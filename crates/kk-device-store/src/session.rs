//! The citizen's session with the server, and moving "this device"'s work to the account at
//! login. One session per device: logging in as someone else replaces it.
//!
//! A session left behind (logged out of, replaced, or wiped at a kiosk) must also end on the
//! server, or its token stays good for weeks. Its token waits in `sessions_to_end` until the
//! server has been told ([`DeviceStore::sessions_to_end`], [`DeviceStore::session_ended`]),
//! so a logout offline still ends the session once the device is back online.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::{DeviceStore, Owner, StoreError};

fn now() -> String {
    chrono::Utc::now().to_rfc3339()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSession {
    pub nik: String,
    /// The opaque bearer token the server gave.
    pub token: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

impl AccountSession {
    /// Drafts and the outbox of a logged-in citizen belong to their account.
    pub fn owner(&self) -> Owner {
        Owner::Account(self.nik.clone())
    }
}

impl DeviceStore {
    pub fn account_session(&self) -> Result<Option<AccountSession>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT nik, token, expires_at FROM account_session WHERE only_row = 1",
                [],
                |row| {
                    Ok(AccountSession {
                        nik: row.get(0)?,
                        token: row.get(1)?,
                        expires_at: row.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// Keeps the session and, in the same transaction, moves this device's drafts, documents
    /// and outbox to the account: what was typed before login is the citizen's own.
    pub fn log_in(&mut self, session: &AccountSession) -> Result<(), StoreError> {
        let transaction = self.connection.transaction()?;
        // Whoever was logged in here before is logged out on the server too.
        transaction.execute(
            "INSERT OR IGNORE INTO sessions_to_end (token, queued_at)
             SELECT token, ?2 FROM account_session WHERE token <> ?1",
            params![session.token, now()],
        )?;
        transaction.execute(
            "INSERT OR REPLACE INTO account_session (only_row, nik, token, expires_at) VALUES (1, ?1, ?2, ?3)",
            params![session.nik, session.token, session.expires_at],
        )?;
        let (device, account) = (Owner::Device.key(), session.owner().key());
        for table in ["drafts", "outbox"] {
            transaction.execute(
                &format!("UPDATE {table} SET owner = ?2 WHERE owner = ?1"),
                params![device, account],
            )?;
        }
        for table in ["documents", "tus_uploads"] {
            transaction.execute(
                &format!("UPDATE OR IGNORE {table} SET owner = ?2 WHERE owner = ?1"),
                params![device, account],
            )?;
            transaction.execute(
                &format!("DELETE FROM {table} WHERE owner = ?1"),
                params![device],
            )?;
        }
        transaction.commit()?;
        Ok(())
    }

    /// Forgets the session; the account's drafts stay, out of sight until it logs in again.
    /// Forgets the session here and queues its token to be ended on the server.
    pub fn log_out(&mut self) -> Result<(), StoreError> {
        let transaction = self.connection.transaction()?;
        transaction.execute(
            "INSERT OR IGNORE INTO sessions_to_end (token, queued_at)
             SELECT token, ?1 FROM account_session",
            [now()],
        )?;
        transaction.execute("DELETE FROM account_session", [])?;
        transaction.commit()?;
        Ok(())
    }

    /// Queues a token from elsewhere (a wiped kiosk session's) to be ended on the server.
    pub fn queue_session_end(&mut self, token: &str) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT OR IGNORE INTO sessions_to_end (token, queued_at) VALUES (?1, ?2)",
            params![token, now()],
        )?;
        Ok(())
    }

    /// Tokens the server has still to be told to end, in the order they were queued.
    pub fn sessions_to_end(&self) -> Result<Vec<String>, StoreError> {
        let mut statement = self
            .connection
            .prepare("SELECT token FROM sessions_to_end ORDER BY rowid")?;
        let tokens = statement.query_map([], |row| row.get(0))?;
        Ok(tokens.collect::<Result<_, _>>()?)
    }

    /// The server ended this session (or no longer knew it): nothing is left to do.
    pub fn session_ended(&mut self, token: &str) -> Result<(), StoreError> {
        self.connection
            .execute("DELETE FROM sessions_to_end WHERE token = ?1", [token])?;
        Ok(())
    }
}
