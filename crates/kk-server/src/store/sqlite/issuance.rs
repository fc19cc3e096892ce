//! Issued KKs: the number, the encrypted PDF, and the step from approved to issued, written in
//! one transaction with the two messages that announce it.

use super::SqliteStore;
use crate::store::IssuanceStore;
use chrono::{DateTime, Utc};
use kk_domain::api::ActorRole;
use kk_domain::status::ApplicationStatus;
use rusqlite::{Connection, OptionalExtension, params};

use super::audit;
use super::{applications, database, outbox, parse_timestamp, register, timestamp};
use crate::store::{
    Actor, IssuedKk, NewIssuance, OutgoingMessage, StoreError, StoreResult, StoredApplication,
    Transition,
};

/// The next free KK number that starts with `prefix` (region and date, 12 digits), past every
/// number issued here and every number in the register.
pub fn next_kk_number(connection: &Connection, prefix: &str) -> StoreResult<String> {
    let highest: Option<String> = connection
        .query_row(
            // Ranges, not LIKE: SQLite's LIKE ignores case and so cannot use an index.
            "SELECT MAX(kk_number) FROM (
                SELECT kk_number FROM issued_kks
                 WHERE kk_number BETWEEN ?1 || '0000' AND ?1 || '9999'
                UNION ALL
                SELECT CAST(kk_number AS TEXT) FROM families
                 WHERE kk_number BETWEEN CAST(?1 || '0000' AS INTEGER)
                                     AND CAST(?1 || '9999' AS INTEGER)
             )",
            [prefix],
            |row| row.get(0),
        )
        .map_err(database)?;
    super::next_serial(prefix, highest)
}

pub fn record(
    tx: &Connection,
    id: &str,
    issuance: &NewIssuance,
    messages: &[OutgoingMessage],
    at: DateTime<Utc>,
) -> StoreResult<StoredApplication> {
    if issuance.new_number && register::by_number(tx, &issuance.kk_number)?.is_some() {
        return Err(StoreError::AlreadyExists("kk_number"));
    }
    tx.execute(
        "INSERT INTO issued_kks (application_id, kk_number, key_id, pdf, pdf_sha256, issued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            issuance.kk_number,
            issuance.key_id,
            issuance.encrypted_pdf,
            issuance.pdf_sha256,
            timestamp(at)
        ],
    )
    .map_err(database)?;
    write_register(tx, id, issuance, at)?;
    let transition = Transition {
        to: ApplicationStatus::Issued,
        actor: Actor::SYSTEM,
        reason: None,
        field_reasons: Vec::new(),
        at,
    };
    let stored = applications::transition(tx, id, &transition)?;
    for message in messages {
        outbox::enqueue(tx, message, at)?;
    }
    let detail =
        serde_json::json!({ "key_id": issuance.key_id, "pdf_sha256": issuance.pdf_sha256 })
            .to_string();
    audit::append(
        tx,
        at,
        Actor {
            role: ActorRole::System,
            account: None,
        },
        "kk.issued",
        &format!("application:{id}"),
        &detail,
    )
    .map_err(database)?;
    Ok(stored)
}

/// The register after this issuance: newborns' NIKs must be free, and a member who stands on
/// another KK leaves it in this same transaction.
fn write_register(
    tx: &Connection,
    id: &str,
    issuance: &NewIssuance,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    for member in &issuance.family.members {
        let standing = register::kk_number_of(tx, &member.nik)?;
        if issuance.new_niks.contains(&member.nik) {
            if standing.is_some() {
                return Err(StoreError::AlreadyExists("nik"));
            }
        } else if standing.is_some_and(|kk_number| kk_number != issuance.family.kk_number) {
            register::move_out(tx, &member.nik, at)?;
        }
    }
    register::write_family(tx, &issuance.family, "issued", Some(id), at)?;
    Ok(())
}

pub fn issued(connection: &Connection, id: &str) -> StoreResult<Option<IssuedKk>> {
    connection
        .query_row(
            "SELECT kk_number, key_id, pdf, pdf_sha256, issued_at FROM issued_kks
             WHERE application_id = ?1",
            [id],
            |row| {
                Ok(IssuedKk {
                    kk_number: row.get(0)?,
                    key_id: row.get(1)?,
                    encrypted_pdf: row.get(2)?,
                    pdf_sha256: row.get(3)?,
                    issued_at: parse_timestamp(&row.get::<_, String>(4)?)?,
                })
            },
        )
        .optional()
        .map_err(database)
}

/// Approved applications whose KK was not issued yet (a crash between the two steps).
pub fn awaiting_issuance(connection: &Connection) -> StoreResult<Vec<String>> {
    let mut statement = connection
        .prepare(
            "SELECT id FROM applications WHERE status = ?1
             AND id NOT IN (SELECT application_id FROM issued_kks) ORDER BY updated_at",
        )
        .map_err(database)?;
    statement
        .query_map([ApplicationStatus::Approved.key()], |row| row.get(0))
        .and_then(Iterator::collect)
        .map_err(database)
}

impl IssuanceStore for SqliteStore {
    fn next_kk_number(&self, prefix: &str) -> StoreResult<String> {
        self.read(|connection| next_kk_number(connection, prefix))
    }

    fn record_issuance(
        &self,
        id: &str,
        issuance: NewIssuance,
        messages: Vec<OutgoingMessage>,
        at: DateTime<Utc>,
    ) -> StoreResult<StoredApplication> {
        let id = id.to_owned();
        self.write(move |tx| record(tx, &id, &issuance, &messages, at))
    }

    fn issued_kk(&self, id: &str) -> StoreResult<Option<IssuedKk>> {
        self.read(|connection| issued(connection, id))
    }

    fn awaiting_issuance(&self) -> StoreResult<Vec<String>> {
        self.read(awaiting_issuance)
    }
}
