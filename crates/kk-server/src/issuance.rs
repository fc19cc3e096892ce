//! Approval issues the KK: a KK number (district, date, serial), the A4 PDF with its signed
//! QR, encrypted with a new PIN, stored with the step to "issued", and two messages on two
//! channels: "KK siap diunduh" by email and the PIN by SMS. The PIN is in nothing but that SMS,
//! and the outbox erases the SMS text once it is delivered.

use kk_document::KkContent;
use kk_document::issue::issue_kk;
use kk_document::render::RenderOptions;
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{NewIssuance, OutgoingMessage, StoreError, StoredApplication};

/// Why a KK could not be issued.
#[derive(Debug, thiserror::Error)]
pub enum IssuanceError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("an approved application has no district")]
    NoDistrict,
    #[error("the KK could not be made: {0}")]
    Document(String),
    #[error("no free KK number after {NUMBER_ATTEMPTS} tries")]
    NoFreeNumber,
}

/// For the officer who approved: a missing application is a 404, a store refusal keeps its
/// answer, and anything else is the server's own failure.
impl From<IssuanceError> for ApiError {
    fn from(error: IssuanceError) -> ApiError {
        match error {
            IssuanceError::Store(error) => ApiError::from(error),
            other => ApiError::internal(other),
        }
    }
}

/// Tries when two approvals in one district on one day race for the same serial.
const NUMBER_ATTEMPTS: usize = 5;

pub fn issuer_name(config: &Config) -> String {
    if config.demo {
        "Dinas Kependudukan dan Pencatatan Sipil (demo KK Mandiri)".to_owned()
    } else {
        "Dinas Kependudukan dan Pencatatan Sipil".to_owned()
    }
}

fn render_options(config: &Config) -> RenderOptions {
    RenderOptions {
        notice: config
            .demo
            .then(|| "CONTOH DEMO KK MANDIRI — BUKAN DOKUMEN RESMI".to_owned()),
    }
}

/// Issues the KK of an approved application. Issuing one that is already issued returns it.
pub async fn issue(state: &AppState, id: &str) -> Result<StoredApplication, IssuanceError> {
    let target = id.to_owned();
    let stored = state
        .in_store(move |store| store.application(&target))
        .await?
        .ok_or(StoreError::NotFound)?;
    if stored.status == kk_domain::status::ApplicationStatus::Issued {
        return Ok(stored);
    }
    let owner = stored.owner;
    let account = state
        .in_store(move |store| store.account_by_id(owner))
        .await?
        .ok_or(StoreError::NotFound)?;
    let issued_on = state.today();
    let district = stored
        .application
        .address
        .district
        .as_ref()
        .ok_or(IssuanceError::NoDistrict)?
        .digits();
    let prefix = format!("{district}{}", issued_on.format("%d%m%y"));
    for _ in 0..NUMBER_ATTEMPTS {
        let lookup = prefix.clone();
        let kk_number = state
            .in_store(move |store| store.next_kk_number(&lookup))
            .await?;
        let content =
            KkContent::from_application(&stored.application, &state.regions, &kk_number, issued_on)
                .map_err(|error| IssuanceError::Document(error.to_string()))?;
        let issuer = std::sync::Arc::clone(&state.issuer);
        let options = render_options(&state.config);
        let issued = tokio::task::spawn_blocking(move || issue_kk(&content, &issuer, &options))
            .await
            .map_err(|error| IssuanceError::Document(error.to_string()))?
            .map_err(|error| IssuanceError::Document(error.to_string()))?;
        let number = stored.registration_number.to_string();
        let messages = vec![
            OutgoingMessage {
                id: uuid::Uuid::new_v4().to_string(),
                channel: "email".into(),
                to: account.email.clone(),
                kind: "kk.ready".into(),
                text: format!(
                    "KK siap diunduh. Permohonan {number} sudah disetujui dan KK Anda terbit \
                     dengan nomor {kk_number}. Buka KK Mandiri, pilih \"KK saya\", lalu unduh. \
                     PIN untuk membukanya dikirim terpisah lewat SMS.\n\n\
                     Your KK is ready to download. Application {number} was approved and your \
                     KK was issued with number {kk_number}. Open KK Mandiri, choose \"My KK\" \
                     and download it. The PIN that opens it is sent separately by SMS."
                ),
                attempts: 0,
            },
            OutgoingMessage {
                id: uuid::Uuid::new_v4().to_string(),
                channel: "sms".into(),
                to: account.phone.clone(),
                kind: "kk.pin".into(),
                text: format!(
                    "PIN KK {number}: {pin}. Jangan berikan PIN ini kepada siapa pun. \
                     / PIN for KK {number}: {pin}. Do not share it.",
                    pin = issued.pin.display_grouped()
                ),
                attempts: 0,
            },
        ];
        let issuance = NewIssuance {
            kk_number,
            key_id: state.issuer.key_id.clone(),
            pdf_sha256: hex::encode(Sha256::digest(&issued.encrypted_pdf)),
            encrypted_pdf: issued.encrypted_pdf,
        };
        let target = id.to_owned();
        let now = state.now();
        let recorded = state
            .in_store(
                move |store| match store.record_issuance(&target, issuance, messages, now) {
                    Err(StoreError::AlreadyExists("kk_number")) => Ok(None),
                    other => other.map(Some),
                },
            )
            .await?;
        if let Some(issued) = recorded {
            state.outbox.notify_one();
            tracing::info!(application = id, "KK issued");
            return Ok(issued);
        }
    }
    Err(IssuanceError::NoFreeNumber)
}

/// Issues every approved application that has no KK yet, e.g. after a crash between the
/// approval and the issuance. Failures are logged and retried at the next start.
pub async fn issue_pending(state: &AppState) {
    let pending = match state.in_store(|store| store.awaiting_issuance()).await {
        Ok(pending) => pending,
        Err(error) => {
            tracing::error!("could not list approvals awaiting a KK: {error}");
            return;
        }
    };
    for id in pending {
        if let Err(error) = issue(state, &id).await {
            tracing::error!(application = id, "issuance failed: {error}");
        }
    }
}
