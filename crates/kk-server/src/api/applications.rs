//! Applications: submit with an `Idempotency-Key`, list and read one's own, resubmit after a
//! return for correction.
//!
//! A citizen only ever sees their own applications: someone else's id answers 404, exactly as
//! an id that does not exist, so ids cannot be probed.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use kk_domain::api::{
    ApplicationReceipt, ApplicationSummary, ApplicationView, IDEMPOTENCY_KEY_HEADER, IssuedKkInfo,
};
use kk_domain::application::Application;
use kk_domain::text::Text;
use kk_domain::validation::{
    self, FieldPath, Issue, IssueOrigin, Severity, Step, ValidationContext,
};
use sha2::{Digest, Sha256};

use super::json::ApiJson;
use crate::auth::session::CitizenSession;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{Actor, StoredApplication, Submission, SubmitOutcome};

fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let key = headers
        .get(IDEMPOTENCY_KEY_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
        .unwrap_or_default();
    if key.is_empty() || key.len() > 200 {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "idempotency_key.missing",
            "Header Idempotency-Key wajib ada (1–200 karakter).",
            "The Idempotency-Key header is required (1–200 characters).",
        ));
    }
    Ok(key.to_owned())
}

/// Every error the app would show for this application, plus documents not uploaded yet.
async fn check(state: &AppState, owner: i64, application: &Application) -> Result<(), ApiError> {
    let mut errors = rule_errors(state, application);
    let hashes: Vec<String> = application
        .documents
        .iter()
        .map(|d| d.sha256.clone())
        .collect();
    let uploaded = state
        .store(move |store| {
            hashes
                .iter()
                .map(|sha256| Ok(store.document(owner, sha256)?.is_some()))
                .collect::<Result<Vec<bool>, _>>()
        })
        .await?;
    for (index, (document, uploaded)) in application.documents.iter().zip(uploaded).enumerate() {
        if !uploaded {
            errors.push(Issue {
                step: Step::Documents,
                severity: Severity::Error,
                code: "document.not_uploaded".into(),
                field: FieldPath::document(index),
                message: Text::new(
                    format!("Berkas \"{}\" belum terunggah.", document.file_name),
                    format!("The file \"{}\" has not been uploaded.", document.file_name),
                ),
                origin: IssueOrigin::Rules,
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid_application(errors))
    }
}

/// The `kk-domain` rules with the full region table; warnings do not block.
fn rule_errors(state: &AppState, application: &Application) -> Vec<Issue> {
    let context = ValidationContext::new(state.today(), Some(state.regions.as_ref()));
    validation::validate(application, &context)
        .into_iter()
        .filter(|issue| issue.severity == Severity::Error)
        .collect()
}

fn body_sha256(application: &Application) -> String {
    let canonical = serde_json::to_vec(application).expect("plain data");
    hex::encode(Sha256::digest(&canonical))
}

fn receipt(application: &StoredApplication) -> ApplicationReceipt {
    ApplicationReceipt {
        id: application.id.clone(),
        registration_number: application.registration_number.clone(),
        status: application.status,
        revision: application.revision,
        submitted_at: crate::timestamp::timestamp(application.updated_at),
    }
}

fn key_reused() -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        "idempotency_key.reused",
        "Kunci pengiriman ini sudah dipakai untuk isi permohonan yang berbeda. Kirim ulang sebagai revisi baru.",
        "This submission key was already used with a different application. Send it again as a new revision.",
    )
}

fn answer(outcome: SubmitOutcome, created: StatusCode) -> Result<Response, ApiError> {
    match outcome {
        SubmitOutcome::Created(application) => {
            Ok((created, Json(receipt(&application))).into_response())
        }
        SubmitOutcome::Replayed(application) => {
            let mut response = (created, Json(receipt(&application))).into_response();
            response
                .headers_mut()
                .insert("idempotent-replayed", HeaderValue::from_static("true"));
            Ok(response)
        }
        SubmitOutcome::KeyReusedWithOtherBody => Err(key_reused()),
    }
}

/// What a submission and a resubmission share: the key, the same checks as the app, and the
/// body's hash for "the same body".
async fn checked_submission(
    state: &AppState,
    session: &CitizenSession,
    headers: &HeaderMap,
    application: Application,
) -> Result<Submission, ApiError> {
    state.limits.submission(session.account.id)?;
    let idempotency_key = idempotency_key(headers)?;
    let owner = session.account.id;
    check(state, owner, &application).await?;
    Ok(Submission {
        owner,
        idempotency_key,
        body_sha256: body_sha256(&application),
        application,
        at: state.now(),
    })
}

/// `POST /v1/applications` → 201 with the receipt; the same again → the same receipt.
pub async fn submit(
    State(state): State<AppState>,
    session: CitizenSession,
    headers: HeaderMap,
    ApiJson(application): ApiJson<Application>,
) -> Result<Response, ApiError> {
    let submission = checked_submission(&state, &session, &headers, application).await?;
    let outcome = state.store(move |store| store.submit(submission)).await?;
    answer(outcome, StatusCode::CREATED)
}

/// `PUT /v1/applications/{id}`: a corrected revision of an application returned for correction.
pub async fn resubmit(
    State(state): State<AppState>,
    session: CitizenSession,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(application): ApiJson<Application>,
) -> Result<Response, ApiError> {
    own_application(&state, session.account.id, &id).await?;
    let submission = checked_submission(&state, &session, &headers, application).await?;
    let outcome = state
        .store(move |store| store.resubmit(&id, submission))
        .await?;
    answer(outcome, StatusCode::OK)
}

/// The application `id` when `owner` owns it; 404 otherwise, whoever owns it.
pub(crate) async fn own_application(
    state: &AppState,
    owner: i64,
    id: &str,
) -> Result<StoredApplication, ApiError> {
    let id = id.to_owned();
    state
        .store(move |store| store.application(&id))
        .await?
        .filter(|application| application.owner == owner)
        .ok_or_else(ApiError::not_found)
}

/// `GET /v1/applications`: the citizen's own, newest change first.
pub async fn list(
    State(state): State<AppState>,
    session: CitizenSession,
) -> Result<Json<Vec<ApplicationSummary>>, ApiError> {
    let owner = session.account.id;
    let applications = state
        .store(move |store| store.applications_of(owner))
        .await?;
    Ok(Json(
        applications
            .into_iter()
            .map(|application| ApplicationSummary {
                id: application.id,
                registration_number: application.registration_number,
                service: application.application.service,
                status: application.status,
                updated_at: crate::timestamp::timestamp(application.updated_at),
            })
            .collect(),
    ))
}

/// `GET /v1/applications/{id}`: the latest revision and the timeline. The read is audited.
pub async fn show(
    State(state): State<AppState>,
    session: CitizenSession,
    Path(id): Path<String>,
) -> Result<Json<ApplicationView>, ApiError> {
    let application = own_application(&state, session.account.id, &id).await?;
    let actor = Actor::of(&session.account);
    let subject = format!("application:{id}");
    let now = state.now();
    let (timeline, issued) = state
        .store(move |store| {
            store.record_read(actor, &subject, now)?;
            Ok((store.timeline(&id)?, store.issued_kk(&id)?))
        })
        .await?;
    let issued = issued.map(|kk| IssuedKkInfo {
        kk_number: kk.kk_number,
        issued_at: kk
            .issued_at
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        pdf_bytes: kk.encrypted_pdf.len() as u64,
        pdf_sha256: kk.pdf_sha256,
    });
    Ok(Json(ApplicationView {
        id: application.id,
        registration_number: application.registration_number,
        status: application.status,
        revision: application.revision,
        application: application.application,
        timeline,
        issued,
    }))
}
