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
//! Uploads belong to the account that created them: anyone else gets 404.

use std::io::SeekFrom;
use std::path::PathBuf;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use futures_util::StreamExt;
use kk_domain::text::Text;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use tokio::io::{AsyncSeekExt, AsyncWriteExt};

use crate::auth::session::CitizenSession;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{DocumentRecord, Upload};

const TUS_VERSION: &str = "1.0.0";
const MEDIA_TYPES: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];
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
            let key = parts.next()?.to_owned();
            let value = STANDARD.decode(parts.next().unwrap_or("").trim()).ok()?;
            Some((key, String::from_utf8(value).ok()?))
        })
        .collect()
}

pub fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn partial_path(state: &AppState, id: &str) -> PathBuf {
    state
        .config
        .data_dir
        .join("uploads")
        .join(format!("{id}.part"))
}

/// Where a document's bytes live; the name is its SHA-256, checked to be 64 hex digits.
pub fn document_path(state: &AppState, sha256: &str) -> PathBuf {
    state.config.data_dir.join("documents").join(sha256)
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
    tokio::fs::create_dir_all(state.config.data_dir.join("uploads"))
        .await
        .map_err(ApiError::internal)?;
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

/// A chunk's expected checksum from `Upload-Checksum: <algorithm> <base64>`.
enum Checksum {
    Sha1(Sha1, Vec<u8>),
    Sha256(Sha256, Vec<u8>),
}

impl Checksum {
    fn from_headers(headers: &HeaderMap) -> Result<Option<Checksum>, ApiError> {
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
        match algorithm {
            "sha1" => Ok(Some(Checksum::Sha1(Sha1::new(), expected))),
            "sha256" => Ok(Some(Checksum::Sha256(Sha256::new(), expected))),
            _ => Err(unsupported()),
        }
    }

    fn update(&mut self, bytes: &[u8]) {
        match self {
            Checksum::Sha1(hasher, _) => hasher.update(bytes),
            Checksum::Sha256(hasher, _) => hasher.update(bytes),
        }
    }

    fn matches(self) -> bool {
        match self {
            Checksum::Sha1(hasher, expected) => hasher.finalize().as_slice() == expected,
            Checksum::Sha256(hasher, expected) => hasher.finalize().as_slice() == expected,
        }
    }
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
    let mut checksum = Checksum::from_headers(&headers)?;
    let path = partial_path(&state, &upload.id);
    let mut file = tokio::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .await
        .map_err(ApiError::internal)?;
    // Anything past the recorded offset is an unconfirmed leftover of an earlier try.
    file.set_len(offset).await.map_err(ApiError::internal)?;
    file.seek(SeekFrom::Start(offset))
        .await
        .map_err(ApiError::internal)?;

    let mut received = 0u64;
    let mut interrupted = false;
    let mut too_long = false;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let Ok(bytes) = chunk else {
            interrupted = true;
            break;
        };
        if offset + received + bytes.len() as u64 > upload.length {
            too_long = true;
            break;
        }
        file.write_all(&bytes).await.map_err(ApiError::internal)?;
        if let Some(checksum) = checksum.as_mut() {
            checksum.update(&bytes);
        }
        received += bytes.len() as u64;
    }
    let keep = !too_long && checksum.is_none_or(|checksum| !interrupted && checksum.matches());
    if !keep {
        file.set_len(offset).await.map_err(ApiError::internal)?;
    }
    file.sync_data().await.map_err(ApiError::internal)?;
    drop(file);
    if too_long {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "tus.past_length",
            "Data yang dikirim melebihi Upload-Length.",
            "More data was sent than Upload-Length.",
        ));
    }
    if !keep {
        return Err(ApiError::new(
            StatusCode::from_u16(CHECKSUM_MISMATCH).expect("a valid status"),
            "tus.checksum_mismatch",
            "Potongan berkas rusak di jalan (checksum tidak cocok). Kirim ulang potongan ini.",
            "The chunk was damaged on the way (checksum mismatch). Send it again.",
        ));
    }
    let new_offset = offset + received;
    let upload_id = upload.id.clone();
    state
        .store(move |store| store.set_upload_offset(&upload_id, new_offset))
        .await?;
    if new_offset == upload.length {
        finish(&state, &upload, &path).await?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert("upload-offset", HeaderValue::from(new_offset));
    tus_headers(&mut response);
    Ok(response)
}

/// Checks a complete upload and files it as a document; a bad file is dropped with a reason.
async fn finish(state: &AppState, upload: &Upload, path: &std::path::Path) -> Result<(), ApiError> {
    let bytes = tokio::fs::read(path).await.map_err(ApiError::internal)?;
    let actual = hex::encode(Sha256::digest(&bytes));
    let media_type = infer::get(&bytes)
        .map(|kind| kind.mime_type())
        .filter(|mime| MEDIA_TYPES.contains(mime));
    let refusal = if actual != upload.sha256 {
        Some(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "document.hash_mismatch",
            "Isi berkas tidak sama dengan sidik (SHA-256) yang dikirim. Unggah ulang dari awal.",
            "The file's content does not match the SHA-256 sent. Upload it again from the start.",
        ))
    } else if media_type.is_none() {
        Some(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "document.type_not_allowed",
            "Berkas ini bukan PDF, JPG, atau PNG menurut isinya.",
            "By its content, this file is not a PDF, JPG or PNG.",
        ))
    } else {
        None
    };
    if let Some(refusal) = refusal {
        let _ = tokio::fs::remove_file(path).await;
        let id = upload.id.clone();
        state
            .store(move |store| store.set_upload_offset(&id, 0))
            .await?;
        return Err(refusal);
    }
    let documents = state.config.data_dir.join("documents");
    tokio::fs::create_dir_all(&documents)
        .await
        .map_err(ApiError::internal)?;
    tokio::fs::rename(path, document_path(state, &actual))
        .await
        .map_err(ApiError::internal)?;
    let document = DocumentRecord {
        sha256: actual,
        owner: upload.owner,
        media_type: media_type.expect("checked above").to_owned(),
        size: upload.length,
    };
    let id = upload.id.clone();
    let now = state.now();
    state
        .store(move |store| store.finish_upload(&id, &document, now))
        .await
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
