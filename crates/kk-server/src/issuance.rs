//! Approval issues the KK: a KK number (the family's own for a change or a reprint, else a new
//! one: district, date, serial), a NIK for each newborn, the A4 PDF with its signed QR,
//! encrypted with a new PIN, stored with the step to "issued" and the family's new entry in the
//! register, and two messages on two
//! channels: "KK siap diunduh" by email and the PIN by SMS (and, when members leave another KK,
//! an SMS to that KK's head: `register_notices.rs`). The PIN is in nothing but that SMS,
//! and the outbox erases the SMS text once it is delivered.

use kk_document::KkContent;
use kk_document::issue::issue_kk;
use kk_document::render::RenderOptions;
use kk_domain::application::{Application, Member, MemberChange};
use kk_domain::register::{
    Family, KkNumberRule, RegisterRefusal, check_against_register, kk_number_rule,
    needs_newborn_nik, newborn_nik_prefix,
};
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::error::ApiError;
use crate::register_notices::member_left_notices;
use crate::state::AppState;
use crate::store::{
    Account, NewIssuance, OutgoingMessage, StoreError, StoreResult, StoredApplication,
};

/// Why a KK could not be issued.
#[derive(Debug, thiserror::Error)]
pub enum IssuanceError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("an approved application has no district")]
    NoDistrict,
    #[error("the KK could not be made: {0}")]
    Document(String),
    #[error("no free KK number or newborn NIK after {NUMBER_ATTEMPTS} tries")]
    NoFreeNumber,
    #[error("a newborn has no birth date or sex, so no NIK can be made")]
    NewbornUnknown,
    #[error("a member other than a newborn has no NIK")]
    MemberWithoutNik,
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
    let rule = stored
        .application
        .service
        .map(kk_number_rule)
        .unwrap_or(KkNumberRule::New);
    let kept_number = stored.application.existing_kk_digits();
    for _ in 0..NUMBER_ATTEMPTS {
        let new_number = rule == KkNumberRule::New || kept_number.is_empty();
        let kk_number = if new_number {
            let lookup = prefix.clone();
            state
                .in_store(move |store| store.next_kk_number(&lookup))
                .await?
        } else {
            kept_number.clone()
        };
        let (application, new_niks) =
            with_newborn_niks(state, &stored.application, &district).await?;
        let content =
            KkContent::from_application(&application, &state.regions, &kk_number, issued_on)
                .map_err(|error| IssuanceError::Document(error.to_string()))?;
        let issuer = std::sync::Arc::clone(&state.issuer);
        let options = render_options(&state.config);
        let issued = tokio::task::spawn_blocking(move || issue_kk(&content, &issuer, &options))
            .await
            .map_err(|error| IssuanceError::Document(error.to_string()))?
            .map_err(|error| IssuanceError::Document(error.to_string()))?;
        let mut messages = announcements(
            &stored.registration_number.to_string(),
            &kk_number,
            &account,
            &issued.pin.display_grouped(),
        );
        let issuance = NewIssuance {
            family: resulting_family(&application, &kk_number)?,
            new_niks,
            new_number,
            kk_number,
            key_id: state.issuer.key_id.clone(),
            pdf_sha256: hex::encode(Sha256::digest(&issued.encrypted_pdf)),
            encrypted_pdf: issued.encrypted_pdf,
        };
        let target = id.to_owned();
        let now = state.now();
        let recorded = state
            .in_store(move |store| {
                let new_niks = &issuance.new_niks;
                messages.extend(member_left_notices(store, &issuance.family, new_niks)?);
                match store.record_issuance(&target, issuance, messages, now) {
                    // Another issuance took the number or a newborn's NIK first: try again.
                    Err(StoreError::AlreadyExists("kk_number" | "nik")) => Ok(None),
                    other => other.map(Some),
                }
            })
            .await?;
        if let Some(issued) = recorded {
            state.outbox.notify_one();
            tracing::info!(application = id, "KK issued");
            return Ok(issued);
        }
    }
    Err(IssuanceError::NoFreeNumber)
}

/// The application with a NIK for each newborn (kk-domain.md §1.1: the district, the birth
/// date with 40 added to a girl's day, and the next free serial), and the NIKs given.
async fn with_newborn_niks(
    state: &AppState,
    application: &Application,
    district: &str,
) -> Result<(Application, Vec<String>), IssuanceError> {
    let mut application = application.clone();
    let Some(service) = application.service else {
        return Ok((application, Vec::new()));
    };
    let mut given: Vec<String> = Vec::new();
    for member in application.members.iter_mut() {
        if !needs_newborn_nik(service, member) {
            continue;
        }
        let (Some(birth_date), Some(sex)) = (member.birth_date, member.sex) else {
            return Err(IssuanceError::NewbornUnknown);
        };
        let prefix = newborn_nik_prefix(district, birth_date, sex);
        let lookup = prefix.clone();
        let mut nik = state.in_store(move |store| store.next_nik(&lookup)).await?;
        // Twins share a prefix: the second takes the serial after the first's.
        while given.contains(&nik) {
            let serial: u32 = nik[prefix.len()..].parse().unwrap_or(0) + 1;
            nik = format!("{prefix}{serial:04}");
        }
        member.nik = nik.clone();
        given.push(nik);
    }
    Ok((application, given))
}

/// The family as the register holds it once the KK is issued: the resulting members, each
/// now simply on the KK.
fn resulting_family(application: &Application, kk_number: &str) -> Result<Family, IssuanceError> {
    let members: Vec<Member> = application
        .resulting_members()
        .map(|(_, member)| Member {
            change: MemberChange::Unchanged,
            ..member.clone()
        })
        .collect();
    if members.iter().any(|member| member.nik.trim().is_empty()) {
        return Err(IssuanceError::MemberWithoutNik);
    }
    Ok(Family {
        kk_number: kk_number.to_owned(),
        address: application.address.clone(),
        members,
    })
}

/// "KK siap diunduh" by email, and the PIN by SMS.
fn announcements(
    number: &str,
    kk_number: &str,
    account: &Account,
    pin: &str,
) -> Vec<OutgoingMessage> {
    vec![
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
                 / PIN for KK {number}: {pin}. Do not share it."
            ),
            attempts: 0,
        },
    ]
}

/// What the register says against approving application `id` now: a family that changed
/// since the application started from it, or a member who stands on another KK without
/// moving in (R3/R4). Empty when the approval may go ahead.
pub async fn register_refusals(state: &AppState, id: &str) -> StoreResult<Vec<RegisterRefusal>> {
    let target = id.to_owned();
    state
        .in_store(move |store| {
            let stored = store.application(&target)?.ok_or(StoreError::NotFound)?;
            let application = stored.application;
            let current_version = store
                .family(&application.existing_kk_digits())?
                .map(|family| family.version);
            let mut standing = std::collections::HashMap::new();
            for (_, member) in application.resulting_members() {
                if let Some(kk_number) = store.kk_number_of(&member.nik)? {
                    standing.insert(member.nik.clone(), kk_number);
                }
            }
            Ok(check_against_register(
                &application,
                current_version,
                |nik| standing.get(nik).cloned(),
            ))
        })
        .await
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
