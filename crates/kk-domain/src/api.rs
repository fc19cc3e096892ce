//! The server's HTTP API as types: what the app's sync engine sends and what the server answers.
//! Both sides compile against these, so the contract lives in one place (like [`crate::wire`]
//! for the shell).
//!
//! Every error answer is an [`ErrorBody`](crate::wire::ErrorBody): a stable code, the message in
//! Bahasa Indonesia and English, and for a 422 the same field issues the app's own validation
//! shows.

use serde::{Deserialize, Serialize};

use crate::application::{Application, Service};
use crate::registration_number::RegistrationNumber;
use crate::status::ApplicationStatus;

/// The header that makes a submission idempotent: the draft's id and revision.
pub const IDEMPOTENCY_KEY_HEADER: &str = "idempotency-key";

/// `POST /v1/accounts`. An OTP goes to the phone; the account works once it is verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterRequest {
    pub nik: String,
    pub full_name: String,
    pub phone: String,
    pub email: String,
    pub password: String,
}

/// `POST /v1/accounts/verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyAccountRequest {
    pub nik: String,
    pub code: String,
}

/// What an OTP is for; each has its own code, expiry and attempt count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OtpPurpose {
    VerifyAccount,
    ResetPassword,
}

impl OtpPurpose {
    pub fn key(self) -> &'static str {
        match self {
            OtpPurpose::VerifyAccount => "verify_account",
            OtpPurpose::ResetPassword => "reset_password",
        }
    }
}

/// `POST /v1/otp/resend`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResendOtpRequest {
    pub nik: String,
    pub purpose: OtpPurpose,
}

/// Where an OTP went, masked: "+62 ••• •••• 1234".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtpSent {
    pub sent_to: String,
    /// Seconds before another code can be asked for.
    pub resend_after_seconds: u64,
}

/// `POST /v1/sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginRequest {
    pub nik: String,
    pub password: String,
    /// A login at a shared kiosk, which gets a short session (`Limits::kiosk_session`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub kiosk: bool,
}

/// A session: an opaque bearer token and when it expires (RFC 3339, UTC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    pub expires_at: String,
}

/// `POST /v1/password/forgot`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForgotPasswordRequest {
    pub nik: String,
}

/// `POST /v1/password/reset`. Every session of the account ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetPasswordRequest {
    pub nik: String,
    pub code: String,
    pub new_password: String,
}

/// The answer to a submission or a resubmission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationReceipt {
    pub id: String,
    pub registration_number: RegistrationNumber,
    pub status: ApplicationStatus,
    pub revision: u32,
    pub submitted_at: String,
}

/// One line of `GET /v1/applications`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    pub id: String,
    pub registration_number: RegistrationNumber,
    pub service: Option<Service>,
    pub status: ApplicationStatus,
    pub updated_at: String,
}

/// `GET /v1/applications/{id}`: the latest revision and the whole timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: String,
    pub registration_number: RegistrationNumber,
    pub status: ApplicationStatus,
    pub revision: u32,
    pub application: Application,
    pub timeline: Vec<StatusEvent>,
    /// The issued KK, once the application is issued.
    #[serde(default)]
    pub issued: Option<IssuedKkInfo>,
}

/// What the app needs to fetch an issued KK: `GET /v1/applications/{id}/kk.pdf`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedKkInfo {
    pub kk_number: String,
    /// RFC 3339, UTC.
    pub issued_at: String,
    /// Size of the encrypted PDF, for the download's progress and resume.
    pub pdf_bytes: u64,
    /// SHA-256 of the encrypted PDF, in hex: the download is checked against it.
    pub pdf_sha256: String,
}

/// Who moved an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorRole {
    Citizen,
    Officer,
    System,
}

/// One step of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEvent {
    pub status: ApplicationStatus,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: ActorRole,
    /// The revision of the application this event concerns.
    pub revision: u32,
    /// The officer's reason for a rejection or a return, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// For a return for correction: what to fix, per field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub field_reasons: Vec<FieldReason>,
}

/// An officer's reason attached to one field, e.g. `members[1].birth_date`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldReason {
    pub field: crate::validation::FieldPath,
    pub reason: String,
}

/// `GET /v1/families/{kk_number}`: the family's current KK, as the register holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FamilyView {
    pub family: crate::register::Family,
    /// The register's version of the family: an application built on it says so, and one
    /// built on an older version is stale.
    pub version: u32,
}
