//! The server's disk against abuse: an account holds a bounded number of bytes (its documents
//! and the uploads it has begun), and an upload never finished is collected with its partial
//! file.

mod common;

use std::time::Duration;

use common::TestServer;
use reqwest::StatusCode;

fn pdf(size: usize, seed: u8) -> Vec<u8> {
    let mut bytes = format!("%PDF-1.7\n% {seed}\n").into_bytes();
    bytes.resize(size, seed);
    bytes
}

#[tokio::test]
async fn an_account_holds_no_more_than_its_quota() {
    let server = TestServer::start_with(|config| config.limits.bytes_per_account = 5_000).await;
    let citizen = server.citizen(90).await;
    server.upload(&citizen.token, &pdf(2_000, 1)).await;
    assert_eq!(
        server
            .begin_upload(&citizen.token, &pdf(2_000, 2), "akta.pdf")
            .await
            .status(),
        StatusCode::CREATED,
        "an upload begun counts too"
    );
    let refused = server
        .begin_upload(&citizen.token, &pdf(2_000, 3), "akta.pdf")
        .await;
    assert_eq!(refused.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["code"], "document.quota");
    let other = server.citizen(91).await;
    server.upload(&other.token, &pdf(2_000, 3)).await;
}

#[tokio::test]
async fn an_upload_never_finished_is_collected_with_its_partial_file() {
    let server =
        TestServer::start_with(|config| config.limits.stale_upload_after = Duration::ZERO).await;
    let citizen = server.citizen(92).await;
    let bytes = pdf(4_000, 4);
    let url = server
        .create_upload(&citizen.token, &bytes, "akta.pdf")
        .await;
    let half = server
        .patch(&citizen.token, &url, 0, bytes[..2_000].to_vec())
        .await;
    assert_eq!(half.status(), StatusCode::NO_CONTENT);
    let partials = server.data_dir().join("uploads");
    assert_eq!(std::fs::read_dir(&partials).unwrap().count(), 1);

    tokio::time::sleep(Duration::from_millis(10)).await;
    let collected = kk_server::api::uploads::collect_stale_uploads(&server.server.state)
        .await
        .unwrap();
    assert_eq!(collected, 1);
    assert_eq!(std::fs::read_dir(&partials).unwrap().count(), 0);
    let rest = server
        .patch(&citizen.token, &url, 2_000, bytes[2_000..].to_vec())
        .await;
    assert_eq!(rest.status(), StatusCode::NOT_FOUND);
}
