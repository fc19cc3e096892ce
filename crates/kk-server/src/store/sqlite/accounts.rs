//! Accounts, one-time codes and sessions.

use super::SqliteStore;
use crate::store::AccountStore;
use chrono::{DateTime, Utc};
use kk_domain::api::OtpPurpose;
use rusqlite::{Connection, ErrorCode, OptionalExtension, Row, params};

use super::audit;
use super::{database, parse_timestamp, timestamp};
use crate::store::{
    Account, AccountId, Actor, NewAccount, OtpAttempt, OtpRecord, OtpTry, OutgoingMessage, Role,
    StoreError, StoreResult,
};

pub(super) const ACCOUNT_COLUMNS: &str = "id, login, nik, full_name, phone, email, password_hash, role, \
     verified_at IS NOT NULL, disabled_at IS NOT NULL";

pub(super) fn account_from(row: &Row<'_>) -> rusqlite::Result<Account> {
    let role: String = row.get(7)?;
    Ok(Account {
        id: row.get(0)?,
        login: row.get(1)?,
        nik: row.get(2)?,
        full_name: row.get(3)?,
        phone: row.get(4)?,
        email: row.get(5)?,
        password_hash: row.get(6)?,
        role: if role == "officer" {
            Role::Officer
        } else {
            Role::Citizen
        },
        verified: row.get(8)?,
        disabled: row.get(9)?,
    })
}

pub fn create(tx: &Connection, account: &NewAccount, at: DateTime<Utc>) -> StoreResult<AccountId> {
    let inserted = tx.execute(
        "INSERT INTO accounts (login, nik, full_name, phone, email, password_hash, role, verified_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            account.login,
            account.nik,
            account.full_name,
            account.phone,
            account.email,
            account.password_hash,
            account.role.key(),
            account.verified.then(|| timestamp(at)),
            timestamp(at),
        ],
    );
    match inserted {
        Ok(_) => {}
        Err(rusqlite::Error::SqliteFailure(error, _))
            if error.code == ErrorCode::ConstraintViolation =>
        {
            return Err(StoreError::AlreadyExists(match account.role {
                Role::Citizen => "NIK",
                Role::Officer => "login",
            }));
        }
        Err(error) => return Err(database(error)),
    }
    let id = tx.last_insert_rowid();
    let actor = Actor {
        role: kk_domain::api::ActorRole::System,
        account: None,
    };
    audit::append(
        tx,
        at,
        actor,
        "account.created",
        &format!("account:{id}"),
        &serde_json::json!({ "role": account.role.key() }).to_string(),
    )
    .map_err(database)?;
    Ok(id)
}

pub fn replace_unverified(
    tx: &Connection,
    id: AccountId,
    account: &NewAccount,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let changed = tx
        .execute(
            "UPDATE accounts SET full_name = ?2, phone = ?3, email = ?4, password_hash = ?5
             WHERE id = ?1 AND verified_at IS NULL",
            params![
                id,
                account.full_name,
                account.phone,
                account.email,
                account.password_hash
            ],
        )
        .map_err(database)?;
    if changed == 0 {
        return Err(StoreError::NotFound);
    }
    tx.execute("DELETE FROM otps WHERE account_id = ?1", [id])
        .map_err(database)?;
    audit_account(tx, at, id, "account.replaced_unverified")
}

pub fn by_login(connection: &Connection, login: &str) -> StoreResult<Option<Account>> {
    connection
        .query_row(
            &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE login = ?1"),
            [login],
            account_from,
        )
        .optional()
        .map_err(database)
}

pub fn by_id(connection: &Connection, id: AccountId) -> StoreResult<Option<Account>> {
    connection
        .query_row(
            &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = ?1"),
            [id],
            account_from,
        )
        .optional()
        .map_err(database)
}

pub(super) fn audit_account(
    tx: &Connection,
    at: DateTime<Utc>,
    id: AccountId,
    action: &str,
) -> StoreResult<()> {
    let actor = Actor {
        role: kk_domain::api::ActorRole::Citizen,
        account: Some(id),
    };
    audit::append(tx, at, actor, action, &format!("account:{id}"), "{}").map_err(database)
}

pub fn mark_verified(tx: &Connection, id: AccountId, at: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "UPDATE accounts SET verified_at = ?2 WHERE id = ?1 AND verified_at IS NULL",
        params![id, timestamp(at)],
    )
    .map_err(database)?;
    audit_account(tx, at, id, "account.verified")
}

pub fn set_password(
    tx: &Connection,
    id: AccountId,
    hash: &str,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    tx.execute(
        "UPDATE accounts SET password_hash = ?2 WHERE id = ?1",
        params![id, hash],
    )
    .map_err(database)?;
    tx.execute(
        "UPDATE sessions SET revoked_at = ?2 WHERE account_id = ?1 AND revoked_at IS NULL",
        params![id, timestamp(at)],
    )
    .map_err(database)?;
    audit_account(tx, at, id, "account.password_changed")
}

pub fn put_otp(
    tx: &Connection,
    account: AccountId,
    purpose: OtpPurpose,
    otp: &OtpRecord,
) -> StoreResult<()> {
    tx.execute(
        "INSERT OR REPLACE INTO otps (account_id, purpose, code_hash, expires_at, sent_at, attempts)
         VALUES (?1, ?2, ?3, ?4, ?5, 0)",
        params![
            account,
            purpose.key(),
            otp.code_hash,
            timestamp(otp.expires_at),
            timestamp(otp.sent_at)
        ],
    )
    .map_err(database)?;
    audit_account(
        tx,
        otp.sent_at,
        account,
        &format!("otp.sent.{}", purpose.key()),
    )
}

pub fn otp(
    connection: &Connection,
    account: AccountId,
    purpose: OtpPurpose,
) -> StoreResult<Option<OtpRecord>> {
    connection
        .query_row(
            "SELECT code_hash, expires_at, sent_at, attempts FROM otps
             WHERE account_id = ?1 AND purpose = ?2",
            params![account, purpose.key()],
            |row| {
                Ok(OtpRecord {
                    code_hash: row.get(0)?,
                    expires_at: parse_timestamp(&row.get::<_, String>(1)?)?,
                    sent_at: parse_timestamp(&row.get::<_, String>(2)?)?,
                    attempts: row.get(3)?,
                })
            },
        )
        .optional()
        .map_err(database)
}

/// One try of a code (see [`crate::store::AccountStore::try_otp`]): the daily count, then the
/// code's count, each raised only while under its limit, in one write transaction.
pub fn try_otp(tx: &Connection, attempt: &OtpAttempt) -> StoreResult<OtpTry> {
    let OtpAttempt {
        account, purpose, ..
    } = *attempt;
    let day = attempt
        .at
        .with_timezone(&kk_domain::clock::WIB)
        .date_naive()
        .to_string();
    let counted_today = tx
        .query_row(
            "INSERT INTO otp_tries_per_day (account_id, day, tries) VALUES (?1, ?2, 1)
             ON CONFLICT (account_id, day) DO UPDATE SET tries = tries + 1 WHERE tries < ?3
             RETURNING tries",
            params![account, day, attempt.max_per_day],
            |row| row.get::<_, u32>(0),
        )
        .optional()
        .map_err(database)?;
    if counted_today.is_none() {
        audit_account(tx, attempt.at, account, "otp.daily_cap_reached")?;
        return Ok(OtpTry::DailyCapReached);
    }
    let counted: Option<(String, u32)> = tx
        .query_row(
            "UPDATE otps SET attempts = attempts + 1
             WHERE account_id = ?1 AND purpose = ?2 AND attempts < ?3 AND expires_at > ?4
             RETURNING code_hash, attempts",
            params![
                account,
                purpose.key(),
                attempt.max_attempts,
                timestamp(attempt.at)
            ],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
        .map_err(database)?;
    let outcome = match counted {
        Some((hash, _)) if hash == attempt.code_hash => {
            tx.execute(
                "DELETE FROM otps WHERE account_id = ?1 AND purpose = ?2",
                params![account, purpose.key()],
            )
            .map_err(database)?;
            OtpTry::Accepted
        }
        Some((_, attempts)) => OtpTry::Wrong { attempts },
        None => match otp(tx, account, purpose)? {
            None => OtpTry::NoCode,
            Some(code) if code.attempts >= attempt.max_attempts => OtpTry::TooManyAttempts,
            Some(_) => OtpTry::Expired,
        },
    };
    let action = match outcome {
        OtpTry::Accepted => "accepted",
        OtpTry::Wrong { .. } => "wrong",
        _ => "refused",
    };
    audit_account(
        tx,
        attempt.at,
        account,
        &format!("otp.{action}.{}", purpose.key()),
    )?;
    Ok(outcome)
}

pub fn create_session(
    tx: &Connection,
    token_sha256: &str,
    account: AccountId,
    expires_at: DateTime<Utc>,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO sessions (token_sha256, account_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![token_sha256, account, timestamp(at), timestamp(expires_at)],
    )
    .map_err(database)?;
    audit_account(tx, at, account, "session.created")
}

pub fn session_account(
    connection: &Connection,
    token_sha256: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<Account>> {
    let columns = ACCOUNT_COLUMNS
        .split(", ")
        .map(|column| format!("a.{column}"))
        .collect::<Vec<_>>()
        .join(", ");
    connection
        .query_row(
            &format!(
                "SELECT {columns} FROM sessions s JOIN accounts a ON a.id = s.account_id
                 WHERE s.token_sha256 = ?1 AND s.revoked_at IS NULL AND s.expires_at > ?2
                   AND a.disabled_at IS NULL"
            ),
            params![token_sha256, timestamp(now)],
            account_from,
        )
        .optional()
        .map_err(database)
}

pub fn revoke_session(tx: &Connection, token_sha256: &str, at: DateTime<Utc>) -> StoreResult<()> {
    let account: Option<AccountId> = tx
        .query_row(
            "UPDATE sessions SET revoked_at = ?2 WHERE token_sha256 = ?1 AND revoked_at IS NULL
             RETURNING account_id",
            params![token_sha256, timestamp(at)],
            |row| row.get(0),
        )
        .optional()
        .map_err(database)?;
    match account {
        Some(account) => audit_account(tx, at, account, "session.revoked"),
        None => Ok(()),
    }
}

impl AccountStore for SqliteStore {
    fn create_account(&self, account: NewAccount, at: DateTime<Utc>) -> StoreResult<AccountId> {
        self.write(move |tx| create(tx, &account, at))
    }

    fn account_by_login(&self, login: &str) -> StoreResult<Option<Account>> {
        self.read(|connection| by_login(connection, login))
    }

    fn account_by_id(&self, id: AccountId) -> StoreResult<Option<Account>> {
        self.read(|connection| by_id(connection, id))
    }

    fn mark_verified(&self, id: AccountId, at: DateTime<Utc>) -> StoreResult<()> {
        self.write(move |tx| mark_verified(tx, id, at))
    }

    fn replace_unverified(
        &self,
        id: AccountId,
        account: NewAccount,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.write(move |tx| replace_unverified(tx, id, &account, at))
    }

    fn set_disabled(&self, login: &str, disabled: bool, at: DateTime<Utc>) -> StoreResult<()> {
        let login = login.to_owned();
        self.write(move |tx| super::officers::set_disabled(tx, &login, disabled, at))
    }

    fn officers(&self) -> StoreResult<Vec<Account>> {
        self.read(super::officers::officers)
    }

    fn set_password(&self, id: AccountId, hash: &str, at: DateTime<Utc>) -> StoreResult<()> {
        let hash = hash.to_owned();
        self.write(move |tx| set_password(tx, id, &hash, at))
    }

    fn put_otp(
        &self,
        account: AccountId,
        purpose: OtpPurpose,
        otp: &OtpRecord,
        message: &OutgoingMessage,
    ) -> StoreResult<()> {
        let (otp, message) = (otp.clone(), message.clone());
        self.write(move |tx| {
            put_otp(tx, account, purpose, &otp)?;
            super::outbox::enqueue(tx, &message, otp.sent_at)
        })
    }

    fn otp(&self, account: AccountId, purpose: OtpPurpose) -> StoreResult<Option<OtpRecord>> {
        self.read(|connection| otp(connection, account, purpose))
    }

    fn try_otp(&self, attempt: OtpAttempt) -> StoreResult<OtpTry> {
        self.write(move |tx| try_otp(tx, &attempt))
    }

    fn create_session(
        &self,
        token_sha256: &str,
        account: AccountId,
        expires_at: DateTime<Utc>,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let token_sha256 = token_sha256.to_owned();
        self.write(move |tx| create_session(tx, &token_sha256, account, expires_at, at))
    }

    fn session_account(&self, token: &str, now: DateTime<Utc>) -> StoreResult<Option<Account>> {
        self.read(|connection| session_account(connection, token, now))
    }

    fn revoke_session(&self, token_sha256: &str, at: DateTime<Utc>) -> StoreResult<()> {
        let token_sha256 = token_sha256.to_owned();
        self.write(move |tx| revoke_session(tx, &token_sha256, at))
    }
}
