//! Sending the outbox and pulling statuses, one item at a time, recording each step in the
//! device store before taking the next.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::Utc;
use kk_device_store::{DeviceStore, DraftId, IssuedNotice, OutboxItem, OutboxState, Owner};
use kk_document::KeyBundle;
use kk_domain::api::ApplicationReceipt;
use kk_domain::status::ApplicationStatus;
use kk_domain::text::Text;
use kk_domain::validation::{Issue, IssueOrigin, Severity, Step};
use kk_domain::wire::ErrorBody;

use crate::backoff::backoff;
use crate::client::{CHUNK_BYTES, ServerClient, SyncError};

/// What became of one item in this round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemOutcome {
    Sent {
        registration_number: String,
    },
    /// The server found mistakes; the draft carries them now.
    ReturnedToDraft,
    /// The server refused it for good.
    Failed,
    /// Not this time; it stays queued with its next try scheduled.
    RetryLater,
}

/// A status the server reports that differs from what the app knew.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub draft_id: DraftId,
    pub registration_number: String,
    pub status: String,
}

pub struct Engine {
    store: Arc<Mutex<DeviceStore>>,
    owner: Owner,
    client: ServerClient,
}

impl Engine {
    pub fn new(store: Arc<Mutex<DeviceStore>>, owner: Owner, client: ServerClient) -> Engine {
        Engine {
            store,
            owner,
            client,
        }
    }

    fn store(&self) -> MutexGuard<'_, DeviceStore> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Sends every item that is due now.
    pub async fn send_due(&self) -> anyhow::Result<Vec<(DraftId, ItemOutcome)>> {
        let due = self.store().due_outbox(&self.owner, Utc::now())?;
        let mut outcomes = Vec::new();
        for item in due {
            let outcome = self.send(&item).await?;
            outcomes.push((item.draft_id, outcome));
        }
        Ok(outcomes)
    }

    async fn send(&self, item: &OutboxItem) -> anyhow::Result<ItemOutcome> {
        let id = &item.draft_id;
        let outcome = match self.try_send(item).await {
            Ok(receipt) => {
                self.store().outbox_sent(
                    &self.owner,
                    id,
                    &receipt.id,
                    receipt.registration_number.as_str(),
                    receipt.status.key(),
                )?;
                ItemOutcome::Sent {
                    registration_number: receipt.registration_number.to_string(),
                }
            }
            Err(SyncError::Invalid(error)) => {
                self.store()
                    .outbox_returned_to_draft(&self.owner, id, &error.issues)?;
                ItemOutcome::ReturnedToDraft
            }
            Err(SyncError::Refused(error)) => {
                self.store().outbox_failed(&self.owner, id, &error)?;
                ItemOutcome::Failed
            }
            Err(other) => {
                let next = Utc::now()
                    + chrono::Duration::from_std(backoff(item.attempts)).unwrap_or_default();
                self.store()
                    .outbox_retry_later(&self.owner, id, next, Some(&other.reason()))?;
                ItemOutcome::RetryLater
            }
        };
        Ok(outcome)
    }

    async fn try_send(&self, item: &OutboxItem) -> Result<ApplicationReceipt, SyncError> {
        self.upload_documents(item).await?;
        self.client
            .submit(
                item.server_id.as_deref(),
                &item.idempotency_key(),
                &item.application,
            )
            .await
    }

    /// Uploads the documents the server does not have yet, resuming each from the server's
    /// offset, and records the progress after every chunk.
    async fn upload_documents(&self, item: &OutboxItem) -> Result<(), SyncError> {
        let mut seen = HashSet::new();
        let mut pending = Vec::new();
        for document in &item.application.documents {
            if seen.insert(document.sha256.clone())
                && !self.client.has_document(&document.sha256).await?
            {
                let content = self
                    .store()
                    .document_content(&self.owner, &document.sha256)
                    .map_err(|error| local_failure(&error.to_string()))?
                    .ok_or_else(|| local_failure("missing"))?;
                pending.push((document, content));
            }
        }
        let total: u64 = pending
            .iter()
            .map(|(_, content)| content.len() as u64)
            .sum();
        let mut done_before = 0u64;
        for (document, content) in pending {
            let length = content.len() as u64;
            let (url, mut offset) = self
                .resumable_upload(&document.sha256, length, &document.file_name)
                .await?;
            self.progress(item, done_before + offset, total);
            while offset < length {
                let end = (offset as usize + CHUNK_BYTES).min(content.len());
                offset = self
                    .client
                    .send_chunk(&url, offset, &content[offset as usize..end])
                    .await?;
                self.progress(item, done_before + offset, total);
            }
            let _ = self
                .store()
                .set_tus_upload_url(&self.owner, &document.sha256, None);
            done_before += length;
        }
        Ok(())
    }

    /// The upload to continue, and where the server has got to; a new one if the server has
    /// forgotten the old.
    async fn resumable_upload(
        &self,
        sha256: &str,
        length: u64,
        file_name: &str,
    ) -> Result<(String, u64), SyncError> {
        let known = self
            .store()
            .tus_upload_url(&self.owner, sha256)
            .map_err(|error| local_failure(&error.to_string()))?;
        if let Some(url) = known
            && let Some(offset) = self.client.upload_offset(&url).await?
        {
            return Ok((url, offset));
        }
        let url = self.client.create_upload(sha256, length, file_name).await?;
        self.store()
            .set_tus_upload_url(&self.owner, sha256, Some(&url))
            .map_err(|error| local_failure(&error.to_string()))?;
        Ok((url, 0))
    }

    fn progress(&self, item: &OutboxItem, done: u64, total: u64) {
        // Progress is for the eyes; losing one update to a busy disk costs nothing.
        let _ = self
            .store()
            .outbox_progress(&self.owner, &item.draft_id, done, total);
    }

    /// Asks the server for the status of every sent item and records what changed.
    pub async fn pull_statuses(&self) -> anyhow::Result<Vec<StatusChange>> {
        let sent: Vec<OutboxItem> = self
            .store()
            .outbox(&self.owner)?
            .into_iter()
            .filter(|item| matches!(item.state, OutboxState::Sent { .. }))
            .collect();
        if sent.is_empty() {
            return Ok(Vec::new());
        }
        let summaries = self.client.applications().await?;
        let mut changes = Vec::new();
        for item in sent {
            let Some(summary) = summaries
                .iter()
                .find(|summary| Some(&summary.id) == item.server_id.as_ref())
            else {
                continue;
            };
            let status = summary.status.key();
            if item.server_status.as_deref() != Some(status) {
                if summary.status == ApplicationStatus::NeedsCorrection {
                    self.keep_officer_reasons(&item, &summary.id).await?;
                }
                self.store()
                    .outbox_server_status(&self.owner, &item.draft_id, status)?;
                changes.push(StatusChange {
                    draft_id: item.draft_id,
                    registration_number: summary.registration_number.to_string(),
                    status: status.to_owned(),
                });
            }
        }
        Ok(changes)
    }
}

/// Download chunk for an issued KK: on a dropped 2G connection, at most this much is fetched
/// again.
pub const PDF_CHUNK_BYTES: u64 = 64 * 1024;

impl Engine {
    /// Fetches every issued KK of the account that is not fully on the device yet, resuming
    /// each from the bytes already stored. It asks the server, not the outbox, so a KK reaches
    /// a reinstalled app or a second device too. Returns the registration numbers completed.
    pub async fn download_issued(&self) -> anyhow::Result<Vec<String>> {
        let issued: Vec<String> = self
            .client
            .applications()
            .await?
            .into_iter()
            .filter(|summary| summary.status == ApplicationStatus::Issued)
            .map(|summary| summary.id)
            .collect();
        let mut completed = Vec::new();
        for server_id in issued {
            let known = self.store().issued_kk(&self.owner, &server_id)?;
            let record = match known {
                Some(record) => record,
                None => {
                    let view = self.client.application(&server_id).await?;
                    let Some(info) = view.issued else { continue };
                    self.store().note_issued(
                        &self.owner,
                        &IssuedNotice {
                            server_id: &server_id,
                            registration_number: view.registration_number.as_str(),
                            kk_number: &info.kk_number,
                            pdf_sha256: &info.pdf_sha256,
                            pdf_bytes: info.pdf_bytes,
                        },
                    )?;
                    self.store()
                        .issued_kk(&self.owner, &server_id)?
                        .expect("just recorded")
                }
            };
            if record.is_complete() {
                continue;
            }
            let mut offset = record.downloaded_bytes;
            while offset < record.pdf_bytes {
                let end = (offset + PDF_CHUNK_BYTES).min(record.pdf_bytes) - 1;
                let chunk = self
                    .client
                    .issued_pdf_range(&server_id, offset, end)
                    .await?;
                if chunk.is_empty() {
                    break;
                }
                self.store()
                    .append_issued_pdf(&self.owner, &server_id, offset, &chunk)?;
                offset = self
                    .store()
                    .issued_kk(&self.owner, &server_id)?
                    .map_or(0, |record| record.downloaded_bytes);
                if offset == 0 {
                    anyhow::bail!("the downloaded KK did not match its checksum; starting over");
                }
            }
            if offset == record.pdf_bytes {
                completed.push(record.registration_number);
            }
        }
        Ok(completed)
    }

    /// Fetches the server's issuer certificates and revocation lists, and merges them into the
    /// ones the device keeps. Merged, not replaced: a server that stops publishing a document
    /// (a revocation list) cannot make the device forget it, and an answer that does not parse
    /// changes nothing. Whether a root signed each document is checked when a KK is verified.
    pub async fn refresh_trusted_keys(&self) -> anyhow::Result<()> {
        let fetched = KeyBundle::from_json(&self.client.trusted_keys_json().await?)?;
        let kept = self
            .store()
            .trusted_keys_json()?
            .and_then(|json| KeyBundle::from_json(&json).ok())
            .unwrap_or_default();
        self.store()
            .set_trusted_keys_json(&kept.merged(fetched).to_json(), Utc::now())?;
        Ok(())
    }

    /// The officer's reasons for a return, kept on the draft as warnings beside their fields
    /// (they inform, they do not block: only the officer can judge the correction).
    async fn keep_officer_reasons(&self, item: &OutboxItem, server_id: &str) -> anyhow::Result<()> {
        let view = self.client.application(server_id).await?;
        let Some(returned) = view
            .timeline
            .iter()
            .rev()
            .find(|event| event.status == ApplicationStatus::NeedsCorrection)
        else {
            return Ok(());
        };
        let mut issues: Vec<Issue> = returned
            .field_reasons
            .iter()
            .map(|reason| Issue {
                step: reason.field.step(),
                severity: Severity::Warning,
                code: "officer.correction".into(),
                field: reason.field.clone(),
                message: Text::new(
                    format!("Petugas: {}", reason.reason),
                    format!("Officer: {}", reason.reason),
                ),
                origin: IssueOrigin::Officer,
            })
            .collect();
        if let Some(note) = &returned.reason {
            issues.push(Issue {
                step: Step::Service,
                severity: Severity::Warning,
                code: "officer.note".into(),
                field: "service".into(),
                message: Text::new(format!("Petugas: {note}"), format!("Officer: {note}")),
                origin: IssueOrigin::Officer,
            });
        }
        self.store()
            .set_server_issues(&self.owner, &item.draft_id, &issues)?;
        Ok(())
    }
}

/// A document the outbox names is gone from the device: no retry brings it back.
fn local_failure(cause: &str) -> SyncError {
    tracing::warn!("a queued document could not be read from the device: {cause}");
    SyncError::Refused(ErrorBody {
        code: "sync.document_missing".into(),
        message: Text::new(
            "Berkas lampiran tidak ditemukan di perangkat ini. Lampirkan lagi, lalu kirim ulang.",
            "An attached file is no longer on this device. Attach it again, then send again.",
        ),
        issues: Vec::new(),
    })
}
