//! `/verifikasi`: the KK verifier as a web page, for a bank or a school with no app. The page
//! and its script are compiled in; the wasm checker (`crates/kk-verify-web`, built by `cargo
//! xtask`) is read from `Config::verifier_dir`. Once loaded, the page checks pictures on the
//! visitor's device with the key bundle of `GET /v1/keys`; nothing is sent back.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::signing_keys::KeySource;
use crate::state::AppState;

const PAGE: &str = include_str!("../../kk-verify-web/page/index.html");
const SCRIPT: &str = include_str!("../../kk-verify-web/page/verifier.js");

/// The wasm and its glue, as `cargo xtask` writes them to the verifier directory.
const BUILT_FILES: &[(&str, &str)] = &[
    ("kk_verify_web.js", "text/javascript; charset=utf-8"),
    ("kk_verify_web_bg.wasm", "application/wasm"),
];

/// Only this origin's scripts, styles in the page, and compiling the checker's wasm.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; connect-src 'self'; \
     frame-ancestors 'none'";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/verifikasi", get(page))
        .route("/verifikasi/verifier.js", get(script))
        .route("/verifikasi/{file}", get(built_file))
}

/// The page; a server that signs under the demo root tells it to trust that root.
async fn page(State(state): State<AppState>) -> Response {
    let trust_demo = state.config.keys == KeySource::DemoRoot;
    let html = PAGE.replace(
        "{{TRUST_DEMO_ROOT}}",
        if trust_demo { "true" } else { "false" },
    );
    with_type("text/html; charset=utf-8", html.into_bytes())
}

async fn script() -> Response {
    with_type("text/javascript; charset=utf-8", SCRIPT.as_bytes().to_vec())
}

async fn built_file(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((name, media_type)) = BUILT_FILES.iter().find(|(name, _)| *name == file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match tokio::fs::read(state.config.verifier_dir.join(name)).await {
        Ok(bytes) => with_type(media_type, bytes),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "The verifier is not built on this server: run `cargo xtask ui`.",
        )
            .into_response(),
    }
}

fn with_type(media_type: &'static str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, media_type),
            (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}
