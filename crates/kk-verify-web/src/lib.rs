//! The KK verifier for a browser: the server's `/verifikasi` page loads this wasm and the key
//! bundle once, then checks pictures with no further network: the QR is read from the picture
//! (`kk_document::scan`), checked through the trust chain (`kk_document::trust`), and put in
//! words (`kk_document::report`), as the app's "Verifikasi KK" does.

use kk_document::TrustStore;
use kk_document::report::{unreadable_picture, verification};
use kk_document::scan::qr_text_from_picture;
use kk_document::seal::verify;
use kk_document::trust::bundled;
use kk_domain::text::Text;
use kk_domain::wire::KkVerification;
use wasm_bindgen::prelude::wasm_bindgen;

/// Checks the KK QR code in `picture` (JPEG or PNG) against the bundled roots (and the demo
/// root when `trust_demo_root`) and the certificates and revocations in `bundle_json` (what
/// `GET /v1/keys` returned). Returns JSON: a `KkVerification`, or `{"error": Text}` when the
/// picture holds no readable code.
#[wasm_bindgen]
pub fn verify_picture(picture: &[u8], bundle_json: &str, trust_demo_root: bool) -> String {
    let trust = bundled::trust_store(trust_demo_root, Some(bundle_json));
    let answer = match check(picture, &trust) {
        Ok(found) => serde_json::to_value(found),
        Err(error) => serde_json::to_value(serde_json::json!({ "error": error })),
    };
    answer
        .map(|value| value.to_string())
        .unwrap_or_else(|_| "{}".to_owned())
}

fn check(picture: &[u8], trust: &TrustStore) -> Result<KkVerification, Text> {
    let text = qr_text_from_picture(picture).map_err(|error| unreadable_picture(&error).1)?;
    Ok(verification(verify(&text, trust)))
}
