//! The console's response headers: what a browser may load into its pages, and who may frame
//! them. Pages may load only the console's own images and PDFs and its one inline stylesheet
//! (by hash), run no script, be framed by no one, and post forms only to the console. A
//! document an officer previews carries its own `Content-Security-Policy: sandbox`, set where
//! it is served, so a crafted file runs nothing with the console's origin.

use std::sync::LazyLock;

use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The page policy, with the stylesheet's hash worked out once.
static PAGE_POLICY: LazyLock<HeaderValue> = LazyLock::new(|| {
    let style_hash =
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(super::layout::STYLE));
    HeaderValue::from_str(&format!(
        "default-src 'none'; img-src 'self'; object-src 'self'; style-src 'sha256-{style_hash}'; \
         form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ))
    .expect("an ASCII header")
});

/// Adds the console's headers to a response that has not set its own policy.
pub async fn add(mut response: Response) -> Response {
    let headers: &mut HeaderMap = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, PAGE_POLICY.clone());
    }
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // Browsers heed this only over HTTPS, where it keeps them there.
    headers.insert(
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=31536000"),
    );
    response
}
