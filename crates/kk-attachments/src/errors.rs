//! Why a file was refused, in words the citizen can act on.

use kk_domain::documents::attachment_too_large;
use kk_domain::text::Text;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttachmentError {
    #[error("the file is empty")]
    Empty,
    #[error("the file has {bytes} bytes; the limit is {limit}")]
    TooLarge { bytes: usize, limit: usize },
    #[error("the file is not a PDF, JPEG or PNG (detected: {detected:?})")]
    UnsupportedType { detected: Option<String> },
    #[error("the image cannot be read")]
    CorruptImage,
    #[error("the image is {width}×{height} pixels, too many to open safely")]
    TooManyPixels { width: u32, height: u32 },
}

impl AttachmentError {
    /// A stable code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            AttachmentError::Empty => "attachment.empty",
            AttachmentError::TooLarge { .. } => "attachment.too_large",
            AttachmentError::UnsupportedType { .. } => "attachment.unsupported_type",
            AttachmentError::CorruptImage => "attachment.corrupt_image",
            AttachmentError::TooManyPixels { .. } => "attachment.too_many_pixels",
        }
    }

    pub fn text(&self) -> Text {
        match self {
            AttachmentError::Empty => Text::new(
                "Berkas ini kosong. Pilih berkas lain.",
                "This file is empty. Choose another file.",
            ),
            AttachmentError::TooLarge { bytes, limit } => attachment_too_large(*bytes, *limit),
            AttachmentError::UnsupportedType {
                detected: Some(kind),
            } => Text::new(
                format!(
                    "Berkas ini sebenarnya berjenis .{kind}, bukan PDF, JPG, atau PNG. Pilih foto atau PDF dokumennya."
                ),
                format!(
                    "This file is really a .{kind}, not a PDF, JPG or PNG. Choose a photo or a PDF of the document."
                ),
            ),
            AttachmentError::UnsupportedType { detected: None } => Text::new(
                "Jenis berkas ini tidak dikenali. Lampirkan PDF, JPG, atau PNG.",
                "This kind of file is not recognised. Attach a PDF, JPG or PNG.",
            ),
            AttachmentError::CorruptImage => Text::new(
                "Gambar ini rusak atau tidak lengkap sehingga tidak dapat dibuka. Foto ulang dokumennya.",
                "This image is damaged or incomplete and cannot be opened. Take the photo again.",
            ),
            AttachmentError::TooManyPixels { width, height } => Text::new(
                format!(
                    "Gambar ini berukuran {width}×{height} piksel, terlalu besar untuk dibuka dengan aman."
                ),
                format!("This image is {width}×{height} pixels, too large to open safely."),
            ),
        }
    }
}
