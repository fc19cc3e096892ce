//! Applications: submissions keyed by `Idempotency-Key`, revisions, the status machine, the
//! officer's queue and the duplicate-NIK check.

use super::SqliteStore;
use crate::store::ApplicationStore;
use chrono::{DateTime, Datelike, Utc};
use kk_domain::api::{ActorRole, StatusEvent};
use kk_domain::registration_number::{RANDOM_LENGTH, RegistrationNumber};
use kk_domain::status::ApplicationStatus;
use rand::Rng;
use rusqlite::{Connection, ErrorCode, OptionalExtension, Row, params};

use super::audit;
use super::{database, parse_timestamp, timestamp};
use crate::store::{
    AccountId, Actor, DuplicateNik, QueueFilter, QueueRow, StoreError, StoreResult,
    StoredApplication, Submission, SubmitOutcome, Transition,
};

const COLUMNS: &str =
    "id, owner, registration_number, status, revision, body, created_at, updated_at";

fn corrupt(what: impl std::fmt::Display) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        what.to_string().into(),
    )
}

fn status_from(text: &str) -> rusqlite::Result<ApplicationStatus> {
    ApplicationStatus::from_key(text).ok_or_else(|| corrupt(format!("unknown status {text}")))
}

fn application_from(row: &Row<'_>) -> rusqlite::Result<StoredApplication> {
    let number: String = row.get(2)?;
    let body: String = row.get(5)?;
    Ok(StoredApplication {
        id: row.get(0)?,
        owner: row.get(1)?,
        registration_number: RegistrationNumber::parse(&number).map_err(corrupt)?,
        status: status_from(&row.get::<_, String>(3)?)?,
        revision: row.get(4)?,
        application: serde_json::from_str(&body).map_err(corrupt)?,
        created_at: parse_timestamp(&row.get::<_, String>(6)?)?,
        updated_at: parse_timestamp(&row.get::<_, String>(7)?)?,
    })
}

pub fn by_id(connection: &Connection, id: &str) -> StoreResult<Option<StoredApplication>> {
    connection
        .query_row(
            &format!("SELECT {COLUMNS} FROM applications WHERE id = ?1"),
            [id],
            application_from,
        )
        .optional()
        .map_err(database)
}

pub fn of_owner(connection: &Connection, owner: AccountId) -> StoreResult<Vec<StoredApplication>> {
    let mut statement = connection
        .prepare(&format!(
            "SELECT {COLUMNS} FROM applications WHERE owner = ?1 ORDER BY updated_at DESC"
        ))
        .map_err(database)?;
    statement
        .query_map([owner], application_from)
        .and_then(Iterator::collect)
        .map_err(database)
}

/// What an earlier use of the same key decides, if there was one.
fn replay(tx: &Connection, submission: &Submission) -> StoreResult<Option<SubmitOutcome>> {
    let earlier: Option<(String, String)> = tx
        .query_row(
            "SELECT body_sha256, application_id FROM idempotency_keys WHERE owner = ?1 AND key = ?2",
            params![submission.owner, submission.idempotency_key],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
        .map_err(database)?;
    let Some((body_sha256, application_id)) = earlier else {
        return Ok(None);
    };
    if body_sha256 != submission.body_sha256 {
        return Ok(Some(SubmitOutcome::KeyReusedWithOtherBody));
    }
    let original = by_id(tx, &application_id)?.ok_or(StoreError::NotFound)?;
    Ok(Some(SubmitOutcome::Replayed(original)))
}

/// Stores one revision's body, members and idempotency key.
fn record_revision(
    tx: &Connection,
    id: &str,
    revision: u32,
    submission: &Submission,
    body: &str,
) -> StoreResult<()> {
    let at = timestamp(submission.at);
    tx.execute(
        "INSERT INTO application_revisions (application_id, revision, body, submitted_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![id, revision, body, at],
    )
    .map_err(database)?;
    tx.execute(
        "DELETE FROM application_members WHERE application_id = ?1",
        [id],
    )
    .map_err(database)?;
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO application_members (application_id, nik, full_name) VALUES (?1, ?2, ?3)",
        )
        .map_err(database)?;
    for (_, member) in submission.application.resulting_members() {
        let nik = member.nik.trim();
        if !nik.is_empty() {
            insert
                .execute(params![id, nik, member.full_name.trim()])
                .map_err(database)?;
        }
    }
    tx.execute(
        "INSERT INTO idempotency_keys (owner, key, body_sha256, application_id, revision)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            submission.owner,
            submission.idempotency_key,
            submission.body_sha256,
            id,
            revision
        ],
    )
    .map_err(database)?;
    Ok(())
}

/// Records one step of the timeline, and its audit row.
fn add_event(tx: &Connection, id: &str, revision: u32, event: &Transition) -> StoreResult<()> {
    let role = match event.actor.role {
        ActorRole::Citizen => "citizen",
        ActorRole::Officer => "officer",
        ActorRole::System => "system",
    };
    let field_reasons = serde_json::to_string(&event.field_reasons).expect("plain data");
    tx.execute(
        "INSERT INTO status_events (application_id, status, at, actor_role, actor_account, revision, reason, field_reasons)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![id, event.to.key(), timestamp(event.at), role, event.actor.account, revision, event.reason, field_reasons],
    )
    .map_err(database)?;
    let detail = serde_json::json!({ "status": event.to.key(), "revision": revision }).to_string();
    let action = format!("application.{}", event.to.key());
    audit::append(
        tx,
        event.at,
        event.actor,
        &action,
        &format!("application:{id}"),
        &detail,
    )
    .map_err(database)
}

/// The citizen's own step: a submission or a resubmission.
fn citizen_event(submission: &Submission, to: ApplicationStatus) -> Transition {
    Transition {
        to,
        actor: Actor {
            role: ActorRole::Citizen,
            account: Some(submission.owner),
        },
        reason: None,
        field_reasons: Vec::new(),
        at: submission.at,
    }
}

pub fn submit(tx: &Connection, submission: &Submission) -> StoreResult<SubmitOutcome> {
    if let Some(outcome) = replay(tx, submission)? {
        return Ok(outcome);
    }
    let id = uuid::Uuid::new_v4().to_string();
    let body = serde_json::to_string(&submission.application).expect("plain data");
    let service = submission
        .application
        .service
        .map(|service| service.key())
        .unwrap_or_default();
    let at = timestamp(submission.at);
    let member_count = submission.application.resulting_members().count() as u32;
    // A clash of random numbers is rare (32^7 per year); draw again when it happens.
    let mut attempts = 0;
    loop {
        let number = new_registration_number(submission.at);
        let inserted = tx.execute(
            "INSERT INTO applications (id, owner, registration_number, service, status, revision, head_name, member_count, body, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'submitted', 1, ?5, ?6, ?7, ?8, ?8)",
            params![id, submission.owner, number.as_str(), service, submission.application.family_name().unwrap_or_default(), member_count, body, at],
        );
        match inserted {
            Ok(_) => break,
            Err(rusqlite::Error::SqliteFailure(error, _))
                if error.code == ErrorCode::ConstraintViolation && attempts < 5 =>
            {
                attempts += 1;
            }
            Err(error) => return Err(database(error)),
        }
    }
    record_revision(tx, &id, 1, submission, &body)?;
    add_event(
        tx,
        &id,
        1,
        &citizen_event(submission, ApplicationStatus::Submitted),
    )?;
    Ok(SubmitOutcome::Created(
        by_id(tx, &id)?.ok_or(StoreError::NotFound)?,
    ))
}

fn new_registration_number(at: DateTime<Utc>) -> RegistrationNumber {
    let mut random = [0u8; RANDOM_LENGTH];
    rand::thread_rng().fill(&mut random[..]);
    RegistrationNumber::new(at.year(), random)
}

pub fn resubmit(tx: &Connection, id: &str, submission: &Submission) -> StoreResult<SubmitOutcome> {
    if let Some(outcome) = replay(tx, submission)? {
        return Ok(outcome);
    }
    let current = by_id(tx, id)?
        .filter(|application| application.owner == submission.owner)
        .ok_or(StoreError::NotFound)?;
    if !current.status.can_become(ApplicationStatus::Resubmitted) {
        return Err(StoreError::InvalidTransition {
            from: current.status,
            to: ApplicationStatus::Resubmitted,
        });
    }
    let revision = current.revision + 1;
    let body = serde_json::to_string(&submission.application).expect("plain data");
    tx.execute(
        "UPDATE applications SET status = 'resubmitted', revision = ?2, body = ?3, head_name = ?4,
         member_count = ?5, updated_at = ?6 WHERE id = ?1",
        params![
            id,
            revision,
            body,
            submission.application.family_name().unwrap_or_default(),
            submission.application.resulting_members().count() as u32,
            timestamp(submission.at)
        ],
    )
    .map_err(database)?;
    record_revision(tx, id, revision, submission, &body)?;
    add_event(
        tx,
        id,
        revision,
        &citizen_event(submission, ApplicationStatus::Resubmitted),
    )?;
    Ok(SubmitOutcome::Created(
        by_id(tx, id)?.ok_or(StoreError::NotFound)?,
    ))
}

pub fn transition(
    tx: &Connection,
    id: &str,
    transition: &Transition,
) -> StoreResult<StoredApplication> {
    let current = by_id(tx, id)?.ok_or(StoreError::NotFound)?;
    if !current.status.can_become(transition.to) {
        return Err(StoreError::InvalidTransition {
            from: current.status,
            to: transition.to,
        });
    }
    tx.execute(
        "UPDATE applications SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, transition.to.key(), timestamp(transition.at)],
    )
    .map_err(database)?;
    add_event(tx, id, current.revision, transition)?;
    by_id(tx, id)?.ok_or(StoreError::NotFound)
}

pub fn timeline(connection: &Connection, id: &str) -> StoreResult<Vec<StatusEvent>> {
    let mut statement = connection
        .prepare(
            "SELECT status, at, actor_role, revision, reason, field_reasons FROM status_events
             WHERE application_id = ?1 ORDER BY id",
        )
        .map_err(database)?;
    statement
        .query_map([id], |row| {
            let actor: String = row.get(2)?;
            let field_reasons: String = row.get(5)?;
            Ok(StatusEvent {
                status: status_from(&row.get::<_, String>(0)?)?,
                at: row.get(1)?,
                actor: match actor.as_str() {
                    "citizen" => ActorRole::Citizen,
                    "officer" => ActorRole::Officer,
                    _ => ActorRole::System,
                },
                revision: row.get(3)?,
                reason: row.get(4)?,
                field_reasons: serde_json::from_str(&field_reasons).map_err(corrupt)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(database)
}

pub fn queue(connection: &Connection, filter: &QueueFilter) -> StoreResult<Vec<QueueRow>> {
    let mut statement = connection
        .prepare(
            "SELECT id, registration_number, service, status, head_name, member_count, updated_at
             FROM applications
             WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR service = ?2)
               AND (?3 IS NULL OR replace(registration_number, '-', '') LIKE '%' || ?3 || '%')
             ORDER BY updated_at ASC LIMIT ?4 OFFSET ?5",
        )
        .map_err(database)?;
    let search = filter
        .search
        .as_ref()
        .map(|text| text.to_uppercase().replace(['-', ' '], ""))
        .filter(|text| !text.is_empty());
    statement
        .query_map(
            params![
                filter.status.map(ApplicationStatus::key),
                filter.service,
                search,
                filter.limit.max(1),
                filter.offset
            ],
            |row| {
                Ok(QueueRow {
                    id: row.get(0)?,
                    registration_number: RegistrationNumber::parse(&row.get::<_, String>(1)?)
                        .map_err(corrupt)?,
                    service: row.get(2)?,
                    status: status_from(&row.get::<_, String>(3)?)?,
                    head_name: row.get(4)?,
                    member_count: row.get(5)?,
                    updated_at: parse_timestamp(&row.get::<_, String>(6)?)?,
                })
            },
        )
        .and_then(Iterator::collect)
        .map_err(database)
}

pub fn duplicate_niks(connection: &Connection, id: &str) -> StoreResult<Vec<DuplicateNik>> {
    let mut statement = connection
        .prepare(
            "SELECT here.nik, here.full_name, there.full_name, a.id, a.registration_number, a.status
             FROM application_members here
             JOIN application_members there
               ON there.nik = here.nik AND there.application_id != here.application_id
             JOIN applications a ON a.id = there.application_id
             WHERE here.application_id = ?1
             ORDER BY here.nik, a.updated_at",
        )
        .map_err(database)?;
    statement
        .query_map([id], |row| {
            Ok(DuplicateNik {
                nik: row.get(0)?,
                name_here: row.get(1)?,
                name_there: row.get(2)?,
                other_id: row.get(3)?,
                other_registration_number: row.get(4)?,
                other_status: status_from(&row.get::<_, String>(5)?)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(database)
}

impl ApplicationStore for SqliteStore {
    fn submit(&self, submission: Submission) -> StoreResult<SubmitOutcome> {
        self.write(move |tx| submit(tx, &submission))
    }

    fn resubmit(&self, id: &str, submission: Submission) -> StoreResult<SubmitOutcome> {
        let id = id.to_owned();
        self.write(move |tx| resubmit(tx, &id, &submission))
    }

    fn application(&self, id: &str) -> StoreResult<Option<StoredApplication>> {
        self.read(|connection| by_id(connection, id))
    }

    fn applications_of(&self, owner: AccountId) -> StoreResult<Vec<StoredApplication>> {
        self.read(|connection| of_owner(connection, owner))
    }

    fn timeline(&self, id: &str) -> StoreResult<Vec<StatusEvent>> {
        self.read(|connection| timeline(connection, id))
    }

    fn transition(&self, id: &str, transition: Transition) -> StoreResult<StoredApplication> {
        let id = id.to_owned();
        self.write(move |tx| self::transition(tx, &id, &transition))
    }

    fn queue(&self, filter: &QueueFilter) -> StoreResult<Vec<QueueRow>> {
        self.read(|connection| queue(connection, filter))
    }

    fn duplicate_niks(&self, id: &str) -> StoreResult<Vec<DuplicateNik>> {
        self.read(|connection| duplicate_niks(connection, id))
    }
}
