//! A stand-in for a phone photo, for tests and the benchmark: smooth light with paper-like
//! texture and sensor noise, encoded at high quality like a phone camera's JPEG.

use image::codecs::jpeg::JpegEncoder;
use image::{Rgb, RgbImage};

/// A `width`×`height` JPEG at quality 92. 4000×3000 is a 12 MP phone photo.
pub fn phone_photo_jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut noise_state: u32 = 0x2545_f491;
    let image = RgbImage::from_fn(width, height, |x, y| {
        // xorshift: cheap, repeatable sensor noise.
        noise_state ^= noise_state << 13;
        noise_state ^= noise_state >> 17;
        noise_state ^= noise_state << 5;
        let noise = (noise_state % 9) as f32 - 4.0;
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let light = 150.0 + 60.0 * fx - 40.0 * fy;
        let texture = 12.0 * ((x as f32 * 0.05).sin() * (y as f32 * 0.03).cos());
        let text_lines = if (y / 24) % 3 == 0 && (x / 9) % 5 != 0 {
            -70.0
        } else {
            0.0
        };
        let value =
            |offset: f32| (light + texture + text_lines + noise + offset).clamp(0.0, 255.0) as u8;
        Rgb([value(8.0), value(2.0), value(-6.0)])
    });
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 92)
        .encode_image(&image)
        .expect("encoding to memory works");
    jpeg
}
