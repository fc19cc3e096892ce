//! Files a citizen attaches, checked and prepared before they are stored.
//!
//! - The type is decided by the content (magic bytes, via `infer`), never by the name, so an
//!   `.exe` renamed `.jpg` is refused and named for what it is.
//! - The size is capped before anything is decoded.
//! - An image's pixel count is read from its header and capped before decoding, so a
//!   decompression bomb costs nothing.
//! - Photos are turned upright (EXIF orientation), downscaled to a long side of 2048 px and
//!   re-encoded as JPEG within a byte budget, which also drops their metadata (location!).
//! - PDFs are kept byte for byte.

mod errors;
mod photo;
pub mod sample;

use sha2::{Digest, Sha256};

pub use errors::AttachmentError;

/// The limits a file must fit. The defaults are the app's.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Bigger files are refused before they are read further.
    pub max_file_bytes: usize,
    /// Bigger images are refused from their header, before decoding.
    pub max_image_pixels: u64,
    /// A photo's long side after downscaling.
    pub long_side: u32,
    /// The size a photo should come down to; quality is lowered step by step to reach it.
    pub target_photo_bytes: usize,
    /// A thumbnail's long side.
    pub thumbnail_side: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: kk_domain::documents::MAX_ATTACHMENT_BYTES,
            max_image_pixels: 64_000_000,
            long_side: 2048,
            target_photo_bytes: 400 * 1024,
            thumbnail_side: 240,
        }
    }
}

/// A file ready to store: its bytes, what they are, their SHA-256, and a thumbnail for photos.
#[derive(Debug, Clone)]
pub struct PreparedAttachment {
    /// `application/pdf` or `image/jpeg` (photos are always stored as JPEG).
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
    /// Lower-case hex SHA-256 of `bytes`.
    pub sha256: String,
    /// The size of the file as given.
    pub original_bytes: usize,
    /// A small JPEG for lists; `None` for a PDF.
    pub thumbnail_jpeg: Option<Vec<u8>>,
}

/// Checks a file and prepares it for storage.
pub fn prepare(bytes: &[u8], limits: &Limits) -> Result<PreparedAttachment, AttachmentError> {
    if bytes.is_empty() {
        return Err(AttachmentError::Empty);
    }
    if bytes.len() > limits.max_file_bytes {
        return Err(AttachmentError::TooLarge {
            bytes: bytes.len(),
            limit: limits.max_file_bytes,
        });
    }
    let detected = infer::get(bytes);
    let (media_type, stored, thumbnail_jpeg) = match detected.map(|kind| kind.mime_type()) {
        Some("application/pdf") => ("application/pdf", bytes.to_vec(), None),
        Some("image/jpeg") => photo_parts(bytes, image::ImageFormat::Jpeg, limits)?,
        Some("image/png") => photo_parts(bytes, image::ImageFormat::Png, limits)?,
        _ => {
            return Err(AttachmentError::UnsupportedType {
                detected: detected.map(|kind| kind.extension().to_owned()),
            });
        }
    };
    Ok(PreparedAttachment {
        media_type,
        sha256: hex_sha256(&stored),
        bytes: stored,
        original_bytes: bytes.len(),
        thumbnail_jpeg,
    })
}

type Parts = (&'static str, Vec<u8>, Option<Vec<u8>>);

fn photo_parts(
    bytes: &[u8],
    format: image::ImageFormat,
    limits: &Limits,
) -> Result<Parts, AttachmentError> {
    let prepared = photo::prepare_photo(bytes, format, limits)?;
    Ok(("image/jpeg", prepared.jpeg, Some(prepared.thumbnail)))
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
