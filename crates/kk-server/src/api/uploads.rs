//! Resumable document uploads with the tus 1.0 protocol: core, creation and checksum.
//!
//! - `POST /v1/uploads` creates an upload from `Upload-Length` and `Upload-Metadata`, which
//!   must carry the file's `sha256`; documents are addressed by it.
//! - `HEAD /v1/uploads/{id}` tells how many bytes the server has.
//! - `PATCH /v1/uploads/{id}` appends from `Upload-Offset`. The body is written as it streams
//!   in, so when a connection drops, what arrived is kept and the client resumes from there.
//!   With `Upload-Checksum`, the chunk is kept only if it arrived whole and matches.
//! - When the last byte arrives, the file must hash to the declared SHA-256 and be a PDF, JPEG
//!   or PNG by its content; then it becomes a document of its owner.
//!
//! Uploads belong to the account that created them: anyone else gets 404. The bytes are kept
//! by the [`DocumentStore`](crate::documents::DocumentStore); these handlers only map tus
//! headers to its operations and its outcomes to answers.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use kk_domain::text::Text;

use crate::auth::session::CitizenSession;
use crate::documents::{AppendOutcome, Checksum, Filing, is_sha256_hex};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::Upload;

const TUS_VERSION: &str = "1.0.0";
/// tus's own status for a chunk whose checksum does not match.
const CHECKSUM_MISMATCH: u16 = 460;

fn tus_headers(response: &mut Response) {
    response
        .headers_mut()
        .insert("tus-resumable", HeaderValue::from_static(TUS_VERSION));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

fn bad_request(code: &str, id: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, code, id, en)
}

fn require_tus(headers: &HeaderMap) -> Result<(), ApiError> {
    if headers.get("tus-resumable").and_then(|v| v.to_str().ok()) == Some(TUS_VERSION) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::PRECONDITION_FAILED,
            "tus.version",
            "Klien harus memakai tus 1.0.0 (header Tus-Resumable).",
            "The client must use tus 1.0.0 (Tus-Resumable header).",
        ))
    }
}

fn number_header(headers: &HeaderMap, name: &str) -> Option<u64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

/// `Upload-Metadata`: comma-separated `key base64(value)` pairs.
fn metadata(headers: &HeaderMap) -> Vec<(String, String)> {
    let Some(text) = headers.get("upload-metadata").and_then(|v| v.to_str().ok()) else {
        return Vec::new();
    };
    text.split(',')
        .filter_map(|pair| {
            let mut parts = pair.trim().splitn(2, ' ');
            // tus: a key is never empty (an empty header, or ",," has no pair).
            let key = parts.next().filter(|key| !key.is_empty())?.to_owned();
            let value = STANDARD.decode(parts.next().unwrap_or("").trim()).ok()?;
            Some((key, String::from_utf8(value).ok()?))
        })
        .collect()
}

/// `OPTIONS /v1/uploads`: what this server speaks.
pub async fn options(State(state): State<AppState>) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    headers.insert("tus-resumable", HeaderValue::from_static(TUS_VERSION));
    headers.insert("tus-version", HeaderValue::from_static(TUS_VERSION));
    headers.insert(
        "tus-extension",
        HeaderValue::from_static("creation,checksum"),
    );
    headers.insert(
        "tus-checksum-algorithm",
        HeaderValue::from_static("sha1,sha256"),
    );
    headers.insert(
        "tus-max-size",
        HeaderValue::from(state.config.limits.document_bytes),
    );
    response
}

/// `POST /v1/uploads` → 201 with `Location`.
pub async fn create(
    State(state): State<AppState>,
    session: CitizenSession,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    require_tus(&headers)?;
    let length = number_header(&headers, "upload-length").ok_or_else(|| {
        bad_request(
            "tus.length_missing",
            "Header Upload-Length wajib ada.",
            "The Upload-Length header is required.",
        )
    })?;
    let limit = state.config.limits.document_bytes;
    if length > limit {
        return Err(ApiError::with_text(
            StatusCode::PAYLOAD_TOO_LARGE,
            "document.too_large",
            kk_domain::documents::attachment_too_large(length as usize, limit as usize),
        ));
    }
    if length == 0 {
        return Err(bad_request(
            "document.empty",
            "Berkas kosong.",
            "The file is empty.",
        ));
    }
    let owner = session.account.id;
    let held = state.store(move |store| store.bytes_held(owner)).await?;
    if held.saturating_add(length) > state.config.limits.bytes_per_account {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "document.quota",
            "Ruang unggahan akun Anda sudah penuh. Hapus permohonan yang tidak jadi dikirim, \
             atau datang ke kantor Dukcapil.",
            "Your account's upload space is full. Remove applications you will not send, or \
             visit a Dukcapil office.",
        ));
    }
    let metadata = metadata(&headers);
    let value = |key: &str| {
        metadata
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    let sha256 = value("sha256")
        .map(|s| s.to_ascii_lowercase())
        .filter(|s| is_sha256_hex(s))
        .ok_or_else(|| {
            bad_request(
                "tus.sha256_missing",
                "Upload-Metadata wajib memuat sha256 berkas (64 digit heksadesimal).",
                "Upload-Metadata must carry the file's sha256 (64 hex digits).",
            )
        })?;
    // The name is kept for people to read, never used as a path.
    let file_name: String = value("filename")
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(255)
        .collect();
    let upload = Upload {
        id: uuid::Uuid::new_v4().simple().to_string(),
        owner: session.account.id,
        length,
        offset: 0,
        sha256,
        file_name,
    };
    let location = format!("/v1/uploads/{}", upload.id);
    let now = state.now();
    state
        .store(move |store| store.create_upload(&upload, now))
        .await?;
    let mut response = StatusCode::CREATED.into_response();
    response.headers_mut().insert(
        header::LOCATION,
        HeaderValue::from_str(&location).map_err(ApiError::internal)?,
    );
    tus_headers(&mut response);
    Ok(response)
}

/// The upload `id` when `owner` created it; 404 otherwise.
async fn own_upload(state: &AppState, owner: i64, id: &str) -> Result<Upload, ApiError> {
    if uuid::Uuid::try_parse(id).is_err() {
        return Err(ApiError::not_found());
    }
    let id = id.to_owned();
    state
        .store(move |store| store.upload(&id))
        .await?
        .filter(|upload| upload.owner == owner)
        .ok_or_else(ApiError::not_found)
}

/// `HEAD /v1/uploads/{id}` → `Upload-Offset` and `Upload-Length`.
pub async fn head(
    State(state): State<AppState>,
    session: CitizenSession,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let upload = own_upload(&state, session.account.id, &id).await?;
    let mut response = StatusCode::OK.into_response();
    response
        .headers_mut()
        .insert("upload-offset", HeaderValue::from(upload.offset));
    response
        .headers_mut()
        .insert("upload-length", HeaderValue::from(upload.length));
    tus_headers(&mut response);
    Ok(response)
}

/// The chunk's checksum from `Upload-Checksum: <algorithm> <base64>`, if it has one.
fn checksum_header(headers: &HeaderMap) -> Result<Option<Checksum>, ApiError> {
    let Some(value) = headers.get("upload-checksum") else {
        return Ok(None);
    };
    let unsupported = || {
        bad_request(
            "tus.checksum_unsupported",
            "Upload-Checksum harus sha1 atau sha256 dengan nilai base64.",
            "Upload-Checksum must be sha1 or sha256 with a base64 value.",
        )
    };
    let text = value.to_str().map_err(|_| unsupported())?;
    let (algorithm, encoded) = text.trim().split_once(' ').ok_or_else(unsupported)?;
    let expected = STANDARD.decode(encoded.trim()).map_err(|_| unsupported())?;
    Checksum::new(algorithm, expected)
        .map(Some)
        .ok_or_else(unsupported)
}

/// `PATCH /v1/uploads/{id}` → 204 with the new `Upload-Offset`.
pub async fn patch(
    State(state): State<AppState>,
    session: CitizenSession,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    require_tus(&headers)?;
    if headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        != Some("application/offset+octet-stream")
    {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "tus.content_type",
            "PATCH harus memakai Content-Type application/offset+octet-stream.",
            "PATCH must use Content-Type application/offset+octet-stream.",
        ));
    }
    let upload = own_upload(&state, session.account.id, &id).await?;
    let offset = number_header(&headers, "upload-offset").ok_or_else(|| {
        bad_request(
            "tus.offset_missing",
            "Header Upload-Offset wajib ada.",
            "The Upload-Offset header is required.",
        )
    })?;
    if offset != upload.offset {
        return Err(ApiError::with_text(
            StatusCode::CONFLICT,
            "tus.offset_mismatch",
            Text::new(
                format!(
                    "Server sudah menerima {} byte; lanjutkan dari situ.",
                    upload.offset
                ),
                format!("The server has {} bytes; resume from there.", upload.offset),
            ),
        ));
    }
    let checksum = checksum_header(&headers)?;
    let partial = state
        .documents
        .resume(&upload)
        .await
        .map_err(ApiError::internal)?;
    let new_offset = match partial
        .append(body.into_data_stream(), checksum)
        .await
        .map_err(ApiError::internal)?
    {
        AppendOutcome::Stored { offset } => offset,
        AppendOutcome::PastLength => {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "tus.past_length",
                "Data yang dikirim melebihi Upload-Length.",
                "More data was sent than Upload-Length.",
            ));
        }
        AppendOutcome::ChecksumMismatch => {
            return Err(ApiError::new(
                StatusCode::from_u16(CHECKSUM_MISMATCH).expect("a valid status"),
                "tus.checksum_mismatch",
                "Potongan berkas rusak di jalan (checksum tidak cocok). Kirim ulang potongan ini.",
                "The chunk was damaged on the way (checksum mismatch). Send it again.",
            ));
        }
    };
    let upload_id = upload.id.clone();
    let now = state.now();
    state
        .store(move |store| store.set_upload_offset(&upload_id, new_offset, now))
        .await?;
    if new_offset == upload.length {
        finish(&state, &upload).await?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert("upload-offset", HeaderValue::from(new_offset));
    tus_headers(&mut response);
    Ok(response)
}

/// Files a complete upload as a document; a bad file is dropped with a reason, and the upload
/// starts again from zero.
async fn finish(state: &AppState, upload: &Upload) -> Result<(), ApiError> {
    let filing = state
        .documents
        .file(upload)
        .await
        .map_err(ApiError::internal)?;
    let refusal = match filing {
        Filing::Filed(document) => {
            let id = upload.id.clone();
            let now = state.now();
            return state
                .store(move |store| store.finish_upload(&id, &document, now))
                .await;
        }
        Filing::HashMismatch => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "document.hash_mismatch",
            "Isi berkas tidak sama dengan sidik (SHA-256) yang dikirim. Unggah ulang dari awal.",
            "The file's content does not match the SHA-256 sent. Upload it again from the start.",
        ),
        Filing::TypeNotAllowed => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "document.type_not_allowed",
            "Berkas ini bukan PDF, JPG, atau PNG menurut isinya.",
            "By its content, this file is not a PDF, JPG or PNG.",
        ),
    };
    let id = upload.id.clone();
    let now = state.now();
    state
        .store(move |store| store.set_upload_offset(&id, 0, now))
        .await?;
    Err(refusal)
}

/// `HEAD /v1/documents/{sha256}`: 200 when the citizen already has this document, so the app
/// can skip uploading it again.
pub async fn has_document(
    State(state): State<AppState>,
    session: CitizenSession,
    Path(sha256): Path<String>,
) -> Result<StatusCode, ApiError> {
    if !is_sha256_hex(&sha256) {
        return Err(ApiError::not_found());
    }
    let owner = session.account.id;
    state
        .store(move |store| store.document(owner, &sha256))
        .await?
        .map(|_| StatusCode::OK)
        .ok_or_else(ApiError::not_found)
}

/// Collects the uploads begun more than `stale_upload_after` ago and never finished: their
/// rows, then their partial files. Returns how many went.
pub async fn collect_stale_uploads(state: &AppState) -> Result<usize, ApiError> {
    let now = state.now();
    let after = chrono::Duration::from_std(state.config.limits.stale_upload_after)
        .map_err(ApiError::internal)?;
    let dropped = state
        .store(move |store| store.drop_stale_uploads(now - after, now))
        .await?;
    for id in &dropped {
        if let Err(error) = state.documents.forget_partial(id).await {
            tracing::warn!(%error, "a stale partial upload could not be deleted");
        }
    }
    Ok(dropped.len())
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue};
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;

    use super::metadata;

    proptest::proptest! {
        /// Any `Upload-Metadata` header: no panic; well-formed pairs come back as they went.
        #[test]
        fn any_metadata_header_parses_without_panic_and_pairs_round_trip(
            raw in "[ -~]{0,300}",
            pairs in proptest::collection::vec(("[a-z]{1,12}", ".{0,40}"), 0..5),
        ) {
            let mut headers = HeaderMap::new();
            if let Ok(value) = HeaderValue::from_str(&raw) {
                headers.insert("upload-metadata", value);
                let _ = metadata(&headers);
            }
            let written: Vec<String> = pairs
                .iter()
                .map(|(key, value)| format!("{key} {}", STANDARD.encode(value)))
                .collect();
            headers.insert(
                "upload-metadata",
                HeaderValue::from_str(&written.join(",")).unwrap(),
            );
            proptest::prop_assert_eq!(metadata(&headers), pairs);
        }
    }
}
