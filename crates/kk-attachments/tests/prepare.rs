//! What happens to each kind of file a citizen may attach, good and bad.

use std::sync::LazyLock;

use kk_attachments::{AttachmentError, Limits, prepare, sample};

/// A 12 MP phone photo, made once for the tests that need it.
static PHONE_PHOTO: LazyLock<Vec<u8>> = LazyLock::new(|| sample::phone_photo_jpeg(4000, 3000));

fn dimensions(jpeg: &[u8]) -> (u32, u32) {
    image::ImageReader::with_format(std::io::Cursor::new(jpeg), image::ImageFormat::Jpeg)
        .into_dimensions()
        .unwrap()
}

#[test]
fn a_12_megapixel_phone_photo_comes_out_at_2048_px_and_at_most_400_kb() {
    assert!(
        PHONE_PHOTO.len() > 1_000_000,
        "the sample is a realistic size: {}",
        PHONE_PHOTO.len()
    );
    let prepared = prepare(&PHONE_PHOTO, &Limits::default()).unwrap();
    assert_eq!(prepared.media_type, "image/jpeg");
    assert_eq!(dimensions(&prepared.bytes), (2048, 1536));
    assert!(
        prepared.bytes.len() <= 400 * 1024,
        "{} bytes",
        prepared.bytes.len()
    );
    assert_eq!(prepared.original_bytes, PHONE_PHOTO.len());
    let thumbnail = prepared.thumbnail_jpeg.unwrap();
    assert_eq!(dimensions(&thumbnail), (240, 180));
    assert_eq!(prepared.sha256.len(), 64);
}

#[test]
fn a_small_png_screenshot_is_stored_as_jpeg_without_upscaling() {
    let mut png = Vec::new();
    image::RgbImage::from_pixel(300, 200, image::Rgb([250, 250, 250]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let prepared = prepare(&png, &Limits::default()).unwrap();
    assert_eq!(prepared.media_type, "image/jpeg");
    assert_eq!(dimensions(&prepared.bytes), (300, 200));
}

#[test]
fn a_pdf_is_kept_byte_for_byte() {
    let pdf = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec();
    let prepared = prepare(&pdf, &Limits::default()).unwrap();
    assert_eq!(prepared.media_type, "application/pdf");
    assert_eq!(prepared.bytes, pdf);
    assert!(prepared.thumbnail_jpeg.is_none());
}

#[test]
fn an_exe_renamed_jpg_is_refused_and_named_for_what_it_is() {
    let mut exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
    exe.resize(4096, 0);
    let error = prepare(&exe, &Limits::default()).unwrap_err();
    assert_eq!(
        error,
        AttachmentError::UnsupportedType {
            detected: Some("exe".into())
        }
    );
    assert!(error.text().id.contains(".exe"));
}

#[test]
fn plain_text_is_refused_as_an_unknown_type() {
    let error = prepare(b"just some words, not a document", &Limits::default()).unwrap_err();
    assert_eq!(error, AttachmentError::UnsupportedType { detected: None });
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(
        prepare(&[], &Limits::default()).unwrap_err(),
        AttachmentError::Empty
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_decoded() {
    let limits = Limits {
        max_file_bytes: 1000,
        ..Limits::default()
    };
    let error = prepare(&PHONE_PHOTO, &limits).unwrap_err();
    assert_eq!(
        error,
        AttachmentError::TooLarge {
            bytes: PHONE_PHOTO.len(),
            limit: 1000
        }
    );
    assert!(error.text().en.contains("too large"));
}

#[test]
fn a_truncated_photo_is_reported_as_damaged() {
    let error = prepare(&PHONE_PHOTO[..300], &Limits::default()).unwrap_err();
    assert_eq!(error, AttachmentError::CorruptImage);
}

#[test]
fn a_decompression_bomb_is_refused_from_its_header_alone() {
    // A PNG that claims 100,000 × 100,000 pixels (10 gigapixels) in 57 bytes.
    let bomb = png_header_claiming(100_000, 100_000);
    let error = prepare(&bomb, &Limits::default()).unwrap_err();
    assert_eq!(
        error,
        AttachmentError::TooManyPixels {
            width: 100_000,
            height: 100_000
        }
    );
}

#[test]
fn every_refusal_has_a_stable_code_and_both_languages() {
    let errors = [
        AttachmentError::Empty,
        AttachmentError::TooLarge {
            bytes: 209_715_200,
            limit: 20_971_520,
        },
        AttachmentError::UnsupportedType {
            detected: Some("exe".into()),
        },
        AttachmentError::UnsupportedType { detected: None },
        AttachmentError::CorruptImage,
        AttachmentError::TooManyPixels {
            width: 1,
            height: 1,
        },
    ];
    for error in errors {
        assert!(error.code().starts_with("attachment."));
        let text = error.text();
        assert!(!text.id.is_empty() && !text.en.is_empty() && text.id != text.en);
    }
    let two_hundred_megabytes = AttachmentError::TooLarge {
        bytes: 209_715_200,
        limit: 20_971_520,
    }
    .text();
    assert!(
        two_hundred_megabytes.id.contains("200.0 MB")
            && two_hundred_megabytes.id.contains("20.0 MB")
    );
}

/// The PNG signature and an IHDR chunk (with a correct CRC) for an image of this size.
fn png_header_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut chunk = b"IHDR".to_vec();
    chunk.extend(width.to_be_bytes());
    chunk.extend(height.to_be_bytes());
    chunk.extend([8, 2, 0, 0, 0]); // 8-bit RGB, deflate, no filter, no interlace
    let mut crc = flate2::Crc::new();
    crc.update(&chunk);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(13u32.to_be_bytes());
    png.extend(&chunk);
    png.extend(crc.sum().to_be_bytes());
    png.extend(0u32.to_be_bytes());
    png.extend(b"IDAT");
    png.extend(crc.sum().to_be_bytes());
    png
}
