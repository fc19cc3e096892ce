//! Reading a KK QR from a picture: a photo or scan the citizen picks, or a rendered page.

use std::io::Cursor;

use image::{ImageReader, Limits};

/// A picture larger than this on either side is refused before it is decoded.
pub const MAX_SIDE_PIXELS: u32 = 8000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScanError {
    #[error("the file is not a JPEG or PNG picture")]
    NotAPicture,
    #[error("the picture is larger than {MAX_SIDE_PIXELS} pixels on a side")]
    TooLarge,
    #[error("no QR code was found in the picture")]
    NoCode,
}

/// The text of the first readable QR code in a JPEG or PNG file.
pub fn qr_text_from_picture(bytes: &[u8]) -> Result<String, ScanError> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| ScanError::NotAPicture)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE_PIXELS);
    limits.max_image_height = Some(MAX_SIDE_PIXELS);
    reader.limits(limits);
    let image = reader.decode().map_err(|error| match error {
        image::ImageError::Limits(_) => ScanError::TooLarge,
        _ => ScanError::NotAPicture,
    })?;
    let grey = image.to_luma8();
    qr_text_from_luma(grey.width(), grey.height(), grey.as_raw())
}

/// The text of the first readable QR code in RGBA pixels (a rendered page).
pub fn qr_text_from_rgba(width: u32, height: u32, rgba: &[u8]) -> Result<String, ScanError> {
    qr_from_rgba(width, height, rgba).map(|found| found.text)
}

/// A QR code found in a picture: its text and its width in pixels, e.g. to check that a print
/// kept its size.
pub struct FoundQr {
    pub text: String,
    pub side_pixels: f64,
}

/// The first readable QR code in RGBA pixels, with its size.
pub fn qr_from_rgba(width: u32, height: u32, rgba: &[u8]) -> Result<FoundQr, ScanError> {
    let luma: Vec<u8> = rgba
        .chunks_exact(4)
        .map(|pixel| {
            ((u32::from(pixel[0]) * 299 + u32::from(pixel[1]) * 587 + u32::from(pixel[2]) * 114)
                / 1000) as u8
        })
        .collect();
    qr_from_luma(width, height, &luma)
}

fn qr_text_from_luma(width: u32, height: u32, luma: &[u8]) -> Result<String, ScanError> {
    qr_from_luma(width, height, luma).map(|found| found.text)
}

fn qr_from_luma(width: u32, height: u32, luma: &[u8]) -> Result<FoundQr, ScanError> {
    let (width, height) = (width as usize, height as usize);
    // First a plain mid-grey threshold, which suits a rendered page or a clean scan (rqrr's
    // adaptive threshold trips over anti-aliased module edges); then rqrr's own, which suits
    // a photo with uneven light.
    let mut thresholded =
        rqrr::PreparedImage::prepare_from_bitmap(width, height, |x, y| luma[y * width + x] < 128);
    if let Some(text) = thresholded.detect_grids().into_iter().find_map(|grid| {
        grid.decode()
            .ok()
            .map(|(_, text)| found(text, &grid.bounds))
    }) {
        return Ok(text);
    }
    let mut adaptive =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| luma[y * width + x]);
    adaptive
        .detect_grids()
        .into_iter()
        .find_map(|grid| {
            grid.decode()
                .ok()
                .map(|(_, text)| found(text, &grid.bounds))
        })
        .ok_or(ScanError::NoCode)
}

fn found(text: String, corners: &[rqrr::Point; 4]) -> FoundQr {
    let side = |a: &rqrr::Point, b: &rqrr::Point| f64::from(a.x - b.x).hypot(f64::from(a.y - b.y));
    FoundQr {
        text,
        side_pixels: (side(&corners[0], &corners[1]) + side(&corners[1], &corners[2])) / 2.0,
    }
}
