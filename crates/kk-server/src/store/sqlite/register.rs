//! The register in SQLite: `families` (number, address, the members in order, version: a
//! family reads in one lookup), `family_members` (keyed by NIK, so a NIK stands on one KK at
//! most) and `family_history`.

use chrono::{DateTime, Utc};
use kk_domain::application::{Address, Member};
use kk_domain::register::Family;
use rusqlite::{Connection, OptionalExtension, params};

use super::{SqliteStore, database, parse_timestamp, timestamp};
use crate::store::{
    FamilyEvent, ImportReport, RegisterStore, RegisteredFamily, StoreError, StoreResult,
};

/// Loads `families`, all or none: a refusal names the family's index.
pub fn import(
    tx: &Connection,
    families: &[Family],
    at: DateTime<Utc>,
) -> StoreResult<ImportReport> {
    let mut report = ImportReport::default();
    for (index, family) in families.iter().enumerate() {
        let existing = by_number(tx, &family.kk_number)?;
        if existing
            .as_ref()
            .is_some_and(|known| known.family == *family)
        {
            report.unchanged += 1;
            continue;
        }
        for (position, member) in family.members.iter().enumerate() {
            if let Some(other) = kk_number_of(tx, &member.nik)?
                && other != family.kk_number
            {
                return Err(StoreError::Refused {
                    index,
                    reason: format!(
                        "member {} already stands on KK {other}; a person is on one KK only",
                        position + 1
                    ),
                });
            }
        }
        write_family(tx, family, "imported", None, at)?;
        if existing.is_some() {
            report.updated += 1;
        } else {
            report.added += 1;
        }
    }
    Ok(report)
}

/// Writes the family as its current KK: the address, the members in order (those no longer
/// listed leave it), a new version and a line of history. Returns the new version.
pub fn write_family(
    tx: &Connection,
    family: &Family,
    event: &str,
    application_id: Option<&str>,
    at: DateTime<Utc>,
) -> StoreResult<u32> {
    let version = current_version(tx, &family.kk_number)?.unwrap_or(0) + 1;
    let address = serde_json::to_string(&family.address).map_err(corrupt)?;
    let members = serde_json::to_string(&family.members).map_err(corrupt)?;
    let key = row_key(&family.kk_number)
        .ok_or_else(|| StoreError::Corrupt("a KK number is not 16 digits".into()))?;
    tx.execute(
        "INSERT INTO families (kk_number, address, members, version, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (kk_number) DO UPDATE SET
            address = excluded.address, members = excluded.members,
            version = excluded.version, updated_at = excluded.updated_at",
        params![key, address, members, version, timestamp(at)],
    )
    .map_err(database)?;
    tx.execute(
        "DELETE FROM family_members WHERE kk_number = ?1",
        [&family.kk_number],
    )
    .map_err(database)?;
    for member in &family.members {
        let inserted = tx.execute(
            "INSERT INTO family_members (nik, kk_number) VALUES (?1, ?2)",
            params![member.nik, family.kk_number],
        );
        match inserted {
            Err(rusqlite::Error::SqliteFailure(error, _))
                if error.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                return Err(StoreError::AlreadyExists("nik"));
            }
            other => other.map_err(database)?,
        };
    }
    record_event(tx, &family.kk_number, version, event, application_id, at)?;
    Ok(version)
}

/// Takes a person off the KK they stand on, if any, as part of moving them to another.
pub fn move_out(tx: &Connection, nik: &str, at: DateTime<Utc>) -> StoreResult<()> {
    let Some(kk_number) = kk_number_of(tx, nik)? else {
        return Ok(());
    };
    let Some(mut left) = by_number(tx, &kk_number)? else {
        return Ok(());
    };
    left.family.members.retain(|member| member.nik != nik);
    write_family(tx, &left.family, "member_left", None, at)?;
    Ok(())
}

fn record_event(
    tx: &Connection,
    kk_number: &str,
    version: u32,
    event: &str,
    application_id: Option<&str>,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO family_history (kk_number, version, event, application_id, at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![kk_number, version, event, application_id, timestamp(at)],
    )
    .map_err(database)?;
    Ok(())
}

/// A family's row key: its KK number as an integer (16 digits, never a leading zero).
fn row_key(kk_number: &str) -> Option<i64> {
    (kk_number.len() == 16 && kk_number.bytes().all(|b| b.is_ascii_digit()))
        .then(|| kk_number.parse().ok())
        .flatten()
}

fn current_version(connection: &Connection, kk_number: &str) -> StoreResult<Option<u32>> {
    let Some(key) = row_key(kk_number) else {
        return Ok(None);
    };
    connection
        .query_row(
            "SELECT version FROM families WHERE kk_number = ?1",
            [key],
            |row| row.get(0),
        )
        .optional()
        .map_err(database)
}

pub fn by_number(
    connection: &Connection,
    kk_number: &str,
) -> StoreResult<Option<RegisteredFamily>> {
    let Some((address, members, version)) = connection
        .query_row(
            "SELECT address, members, version FROM families WHERE kk_number = ?1",
            [kk_number],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, u32>(2)?,
                ))
            },
        )
        .optional()
        .map_err(database)?
    else {
        return Ok(None);
    };
    Ok(Some(RegisteredFamily {
        family: Family {
            kk_number: kk_number.to_owned(),
            address: serde_json::from_str::<Address>(&address).map_err(corrupt)?,
            members: serde_json::from_str::<Vec<Member>>(&members).map_err(corrupt)?,
        },
        version,
    }))
}

pub fn history(connection: &Connection, kk_number: &str) -> StoreResult<Vec<FamilyEvent>> {
    let mut history = connection
        .prepare(
            "SELECT version, event, application_id, at FROM family_history
             WHERE kk_number = ?1 ORDER BY version",
        )
        .map_err(database)?;
    history
        .query_map([kk_number], |row| {
            Ok(FamilyEvent {
                version: row.get(0)?,
                event: row.get(1)?,
                application_id: row.get(2)?,
                at: parse_timestamp(&row.get::<_, String>(3)?)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(database)
}

pub fn kk_number_of(connection: &Connection, nik: &str) -> StoreResult<Option<String>> {
    connection
        .query_row(
            "SELECT kk_number FROM family_members WHERE nik = ?1",
            [nik],
            |row| row.get(0),
        )
        .optional()
        .map_err(database)
}

/// The next free NIK after a 12-digit prefix.
pub fn next_nik(connection: &Connection, prefix: &str) -> StoreResult<String> {
    let highest: Option<String> = connection
        .query_row(
            // A range, not LIKE: SQLite's LIKE ignores case and so cannot use the key's index.
            "SELECT MAX(nik) FROM family_members WHERE nik BETWEEN ?1 || '0000' AND ?1 || '9999'",
            [prefix],
            |row| row.get(0),
        )
        .map_err(database)?;
    super::next_serial(prefix, highest)
}

fn corrupt(error: serde_json::Error) -> StoreError {
    StoreError::Corrupt(error.to_string())
}

impl RegisterStore for SqliteStore {
    fn import_families(&self, families: &[Family], at: DateTime<Utc>) -> StoreResult<ImportReport> {
        let families = families.to_vec();
        self.write(move |tx| import(tx, &families, at))
    }

    fn family(&self, kk_number: &str) -> StoreResult<Option<RegisteredFamily>> {
        self.read(|connection| by_number(connection, kk_number))
    }

    fn family_history(&self, kk_number: &str) -> StoreResult<Vec<FamilyEvent>> {
        self.read(|connection| history(connection, kk_number))
    }

    fn kk_number_of(&self, nik: &str) -> StoreResult<Option<String>> {
        self.read(|connection| kk_number_of(connection, nik))
    }

    fn next_nik(&self, prefix: &str) -> StoreResult<String> {
        self.read(|connection| next_nik(connection, prefix))
    }
}
