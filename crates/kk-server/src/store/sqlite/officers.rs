//! Disabling an account, and the list of officers, for `kk-server officer`.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::accounts::{ACCOUNT_COLUMNS, account_from, audit_account};
use super::{database, timestamp};
use crate::store::{Account, StoreError, StoreResult};

pub fn set_disabled(
    tx: &Connection,
    login: &str,
    disabled: bool,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let id: i64 = tx
        .query_row(
            "UPDATE accounts SET disabled_at = ?2 WHERE login = ?1 RETURNING id",
            params![login, disabled.then(|| timestamp(at))],
            |row| row.get(0),
        )
        .map_err(|error| match error {
            rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound,
            other => database(other),
        })?;
    if disabled {
        tx.execute(
            "UPDATE sessions SET revoked_at = ?2 WHERE account_id = ?1 AND revoked_at IS NULL",
            params![id, timestamp(at)],
        )
        .map_err(database)?;
    }
    let action = if disabled {
        "account.disabled"
    } else {
        "account.enabled"
    };
    audit_account(tx, at, id, action)
}

pub fn officers(connection: &Connection) -> StoreResult<Vec<Account>> {
    let mut statement = connection
        .prepare(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE role = 'officer' ORDER BY login"
        ))
        .map_err(database)?;
    let rows = statement.query_map([], account_from).map_err(database)?;
    rows.collect::<Result<_, _>>().map_err(database)
}
