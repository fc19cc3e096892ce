//! Applications: idempotent submissions and resubmissions, the status machine's transitions
//! with their timeline, the officer's queue, and the duplicate-NIK check.

use chrono::{DateTime, Utc};
use kk_domain::api::{FieldReason, StatusEvent};
use kk_domain::application::Application;
use kk_domain::registration_number::RegistrationNumber;
use kk_domain::status::ApplicationStatus;

use super::{AccountId, Actor, StoreResult};

#[derive(Debug, Clone, PartialEq)]
pub struct StoredApplication {
    pub id: String,
    pub owner: AccountId,
    pub registration_number: RegistrationNumber,
    pub status: ApplicationStatus,
    pub revision: u32,
    pub application: Application,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A submission or a resubmission, as the store receives it.
#[derive(Debug, Clone)]
pub struct Submission {
    pub owner: AccountId,
    pub idempotency_key: String,
    /// SHA-256 of the canonical JSON of the application: "the same body".
    pub body_sha256: String,
    pub application: Application,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SubmitOutcome {
    Created(StoredApplication),
    /// The same key with the same body: the original result.
    Replayed(StoredApplication),
    /// The same key with a different body.
    KeyReusedWithOtherBody,
}

/// An officer's decision.
#[derive(Debug, Clone)]
pub struct Transition {
    pub to: ApplicationStatus,
    pub actor: Actor,
    pub reason: Option<String>,
    pub field_reasons: Vec<FieldReason>,
    pub at: DateTime<Utc>,
}

/// The officer's queue, filtered.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub status: Option<ApplicationStatus>,
    pub service: Option<String>,
    /// Part of a registration number.
    pub search: Option<String>,
    pub limit: u32,
    pub offset: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QueueRow {
    pub id: String,
    pub registration_number: RegistrationNumber,
    pub service: String,
    pub status: ApplicationStatus,
    pub head_name: String,
    pub member_count: u32,
    pub updated_at: DateTime<Utc>,
}

/// A NIK of this application that also appears in another application or KK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateNik {
    pub nik: String,
    pub name_here: String,
    pub name_there: String,
    pub other_id: String,
    pub other_registration_number: String,
    pub other_status: ApplicationStatus,
}

pub trait ApplicationStore {
    fn submit(&self, submission: Submission) -> StoreResult<SubmitOutcome>;
    /// A new revision of an application returned for correction.
    fn resubmit(&self, id: &str, submission: Submission) -> StoreResult<SubmitOutcome>;
    fn application(&self, id: &str) -> StoreResult<Option<StoredApplication>>;
    fn applications_of(&self, owner: AccountId) -> StoreResult<Vec<StoredApplication>>;
    fn timeline(&self, id: &str) -> StoreResult<Vec<StatusEvent>>;
    fn transition(&self, id: &str, transition: Transition) -> StoreResult<StoredApplication>;
    fn queue(&self, filter: &QueueFilter) -> StoreResult<Vec<QueueRow>>;
    fn duplicate_niks(&self, id: &str) -> StoreResult<Vec<DuplicateNik>>;
}
