//! Attaching documents: the file's bytes arrive as the raw request body (no JSON number arrays
//! for a photo), are checked and prepared by `kk-attachments`, and kept in the device store.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use kk_attachments::{Limits, prepare};
use kk_device_store::NewDocument;
use kk_domain::documents::{AttachedDocument, DocumentKind};
use kk_domain::wire::{ATTACH_FILE_NAME_HEADER, ATTACH_KIND_HEADER, DocumentAttached};
use tauri::State;
use tauri::ipc::{InvokeBody, Request};

use crate::{ShellError, ShellState};

/// Checks, prepares and keeps one file. Async, so decoding a large photo never blocks the window.
#[tauri::command]
pub async fn attach_document(
    state: State<'_, ShellState>,
    request: Request<'_>,
) -> Result<DocumentAttached, ShellError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(ShellError::MalformedRequest(
            "the body must be the file's bytes",
        ));
    };
    let kind = header(&request, ATTACH_KIND_HEADER)
        .and_then(|kind| {
            serde_json::from_value::<DocumentKind>(serde_json::Value::String(kind)).ok()
        })
        .ok_or(ShellError::MalformedRequest("unknown document kind"))?;
    let file_name = header(&request, ATTACH_FILE_NAME_HEADER)
        .map(|encoded| {
            percent_encoding::percent_decode_str(&encoded)
                .decode_utf8_lossy()
                .into_owned()
        })
        .unwrap_or_default();
    let prepared = prepare(bytes, &Limits::default())?;
    state.with_store(|store, owner| {
        store.put_document(
            owner,
            &NewDocument {
                sha256: &prepared.sha256,
                media_type: prepared.media_type,
                content: &prepared.bytes,
                thumbnail: prepared.thumbnail_jpeg.as_deref(),
            },
        )
    })?;
    Ok(DocumentAttached {
        thumbnail: prepared.thumbnail_jpeg.as_deref().map(data_url),
        document: AttachedDocument {
            kind,
            file_name,
            media_type: prepared.media_type.to_owned(),
            size_bytes: prepared.bytes.len() as u64,
            sha256: prepared.sha256,
        },
    })
}

/// The thumbnail of a kept photo as a data URL; `None` for a PDF.
#[tauri::command]
pub fn document_thumbnail(
    state: State<'_, ShellState>,
    sha256: String,
) -> Result<Option<String>, ShellError> {
    let thumbnail = state.with_store(|store, owner| store.document_thumbnail(owner, &sha256))?;
    Ok(thumbnail.as_deref().map(data_url))
}

fn header(request: &Request<'_>, name: &str) -> Option<String> {
    request
        .headers()
        .get(name)?
        .to_str()
        .ok()
        .map(str::to_owned)
}

fn data_url(jpeg: &[u8]) -> String {
    format!("data:image/jpeg;base64,{}", STANDARD.encode(jpeg))
}
