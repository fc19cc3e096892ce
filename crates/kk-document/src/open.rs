//! Opening the issued PDF with its PIN, in memory only: hayro renders the pages for the
//! preview, and lopdf writes a decrypted copy for the printer. The PIN is never stored.

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings, render};

use crate::pin::Pin;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("the PIN does not open this PDF")]
    WrongPin,
    #[error("the file is not a readable PDF")]
    NotAPdf,
    #[error("page {0} does not exist")]
    NoSuchPage(usize),
}

/// A page rendered to pixels: RGBA, 8 bits per channel, on white.
pub struct RenderedPage {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// An issued KK, open in memory.
pub struct OpenedKk {
    pdf: Pdf,
}

impl OpenedKk {
    pub fn open(encrypted_pdf: Vec<u8>, pin: &Pin) -> Result<OpenedKk, OpenError> {
        match Pdf::new_with_password(encrypted_pdf, pin.as_password()) {
            Ok(pdf) => Ok(OpenedKk { pdf }),
            Err(LoadPdfError::Decryption(DecryptionError::PasswordProtected)) => {
                Err(OpenError::WrongPin)
            }
            Err(_) => Err(OpenError::NotAPdf),
        }
    }

    pub fn page_count(&self) -> usize {
        self.pdf.pages().len()
    }

    /// Renders page `index` (from 0) at `dpi` dots per inch.
    pub fn render_page(&self, index: usize, dpi: f32) -> Result<RenderedPage, OpenError> {
        let pages = self.pdf.pages();
        let page = pages.get(index).ok_or(OpenError::NoSuchPage(index))?;
        let scale = dpi / 72.0;
        let pixmap = render(
            page,
            &RenderCache::new(),
            &InterpreterSettings::default(),
            &RenderSettings::default(),
            &PixmapSettings {
                x_scale: scale,
                y_scale: scale,
                bg_color: WHITE,
            },
        );
        Ok(RenderedPage {
            width: u32::from(pixmap.width()),
            height: u32::from(pixmap.height()),
            // Opaque on white, so premultiplied and straight alpha are the same bytes.
            rgba: pixmap.data_as_u8_slice().to_vec(),
        })
    }

    /// Page `index` as a PNG, for the app's preview.
    pub fn render_page_png(&self, index: usize, dpi: f32) -> Result<Vec<u8>, OpenError> {
        let page = self.render_page(index, dpi)?;
        let mut png = Vec::new();
        let image = image::RgbaImage::from_raw(page.width, page.height, page.rgba)
            .ok_or(OpenError::NotAPdf)?;
        image
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .map_err(|_| OpenError::NotAPdf)?;
        Ok(png)
    }
}

/// The PDF without its encryption, for the printer: CUPS cannot open a locked PDF. It exists
/// only in memory and goes straight to the print system.
pub fn decrypted_pdf(encrypted_pdf: &[u8], pin: &Pin) -> Result<Vec<u8>, OpenError> {
    let options = lopdf::LoadOptions::with_password(pin.as_password());
    let mut document = lopdf::Document::load_mem_with_options(encrypted_pdf, options).map_err(
        |error| match error {
            lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => OpenError::WrongPin,
            _ => OpenError::NotAPdf,
        },
    )?;
    document.encryption_state = None;
    let mut bytes = Vec::new();
    document
        .save_to(&mut bytes)
        .map_err(|_| OpenError::NotAPdf)?;
    Ok(bytes)
}
