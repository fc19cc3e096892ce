//! The citizen's session with the server, and moving "this device"'s work to the account at
//! login. One session per device: logging in as someone else replaces it.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::{DeviceStore, Owner, StoreError};

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
    pub fn log_out(&mut self) -> Result<(), StoreError> {
        self.connection.execute("DELETE FROM account_session", [])?;
        Ok(())
    }
}
