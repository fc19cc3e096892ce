//! tus 1.0 uploads: a connection cut in the middle and resumed from the server's offset,
//! checksums per chunk, and files refused by size, hash or content.

mod common;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::{TestServer, small_pdf};
use reqwest::StatusCode;
use serde_json::Value;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

async fn offset_of(server: &TestServer, token: &str, url: &str) -> u64 {
    let head = server
        .http
        .head(url)
        .bearer_auth(token)
        .header("tus-resumable", "1.0.0")
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), StatusCode::OK);
    head.headers()["upload-offset"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// A 3 MB PDF-looking document.
fn big_document() -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..3 * 1024 * 1024 - 9).map(|i| (i * 7 % 251) as u8));
    bytes
}

#[tokio::test]
async fn an_upload_cut_in_the_middle_resumes_from_the_servers_offset() {
    let server = TestServer::start().await;
    let citizen = server.citizen(30).await;
    let document = big_document();
    let url = server
        .create_upload(&citizen.token, &document, "kk-lama.pdf")
        .await;
    let path = url.trim_start_matches(&server.server.url()).to_owned();

    // Announce the whole file, send half, and drop the connection.
    let half = document.len() / 2;
    let mut connection = tokio::net::TcpStream::connect(server.server.address)
        .await
        .unwrap();
    let request = format!(
        "PATCH {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\nTus-Resumable: 1.0.0\r\n\
         Upload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: {}\r\n\r\n",
        server.server.address,
        citizen.token,
        document.len()
    );
    connection.write_all(request.as_bytes()).await.unwrap();
    connection.write_all(&document[..half]).await.unwrap();
    connection.flush().await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    drop(connection);

    // The server kept what arrived.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    let mut offset = offset_of(&server, &citizen.token, &url).await;
    while offset != half as u64 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        offset = offset_of(&server, &citizen.token, &url).await;
    }
    assert_eq!(
        offset, half as u64,
        "every byte sent before the cut was kept"
    );

    let rest = server
        .patch(
            &citizen.token,
            &url,
            offset,
            document[offset as usize..].to_vec(),
        )
        .await;
    assert_eq!(rest.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        rest.headers()["upload-offset"],
        document.len().to_string().as_str()
    );
    let sha256 = hex::encode(Sha256::digest(&document));
    let kept = std::fs::read(server.data_dir().join("documents").join(&sha256)).unwrap();
    assert!(
        kept == document,
        "the stored document is byte for byte the original"
    );
    let has = server
        .http
        .head(server.url(&format!("/v1/documents/{sha256}")))
        .bearer_auth(&citizen.token)
        .send()
        .await
        .unwrap();
    assert_eq!(has.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_chunk_with_a_wrong_checksum_is_dropped_and_a_right_one_kept() {
    let server = TestServer::start().await;
    let citizen = server.citizen(31).await;
    let document = small_pdf("checksummed");
    let url = server
        .create_upload(&citizen.token, &document, "a.pdf")
        .await;
    let send = |checksum: String| {
        server
            .http
            .patch(&url)
            .bearer_auth(&citizen.token)
            .header("tus-resumable", "1.0.0")
            .header("upload-offset", "0")
            .header("content-type", "application/offset+octet-stream")
            .header("upload-checksum", checksum)
            .body(document.clone())
            .send()
    };
    let wrong = send(format!(
        "sha256 {}",
        STANDARD.encode(Sha256::digest(b"other"))
    ))
    .await
    .unwrap();
    assert_eq!(wrong.status().as_u16(), 460);
    assert_eq!(offset_of(&server, &citizen.token, &url).await, 0);
    let right = send(format!(
        "sha1 {}",
        STANDARD.encode(<sha1::Sha1 as Digest>::digest(&document))
    ))
    .await
    .unwrap();
    assert_eq!(right.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn files_are_refused_by_size_by_hash_and_by_content() {
    let server = TestServer::start().await;
    let citizen = server.citizen(32).await;
    let too_large = server
        .http
        .post(server.url("/v1/uploads"))
        .bearer_auth(&citizen.token)
        .header("tus-resumable", "1.0.0")
        .header("upload-length", (200 * 1024 * 1024).to_string())
        .header(
            "upload-metadata",
            format!("sha256 {}", STANDARD.encode("0".repeat(64))),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(too_large.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = too_large.json().await.unwrap();
    assert!(
        body["message"]["id"]
            .as_str()
            .unwrap()
            .starts_with("Berkas terlalu besar (200.0 MB)"),
        "{body}"
    );

    // A Windows program renamed .jpg.
    let mut program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
    program.extend(std::iter::repeat_n(0u8, 512));
    let url = server
        .create_upload(&citizen.token, &program, "foto.jpg")
        .await;
    let refused = server.patch(&citizen.token, &url, 0, program.clone()).await;
    assert_eq!(refused.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["code"], "document.type_not_allowed");

    // Bytes that are not the file the hash names.
    let declared = small_pdf("declared");
    let url = server
        .create_upload(&citizen.token, &declared, "a.pdf")
        .await;
    let other = small_pdf("switched");
    assert_eq!(other.len(), declared.len());
    let refused = server.patch(&citizen.token, &url, 0, other).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Past the announced length, and from the wrong offset.
    let url = server
        .create_upload(&citizen.token, &small_pdf("short"), "b.pdf")
        .await;
    let mut longer = small_pdf("short");
    longer.extend_from_slice(b"extra");
    assert_eq!(
        server.patch(&citizen.token, &url, 0, longer).await.status(),
        StatusCode::PAYLOAD_TOO_LARGE
    );
    assert_eq!(
        server
            .patch(&citizen.token, &url, 5, small_pdf("short"))
            .await
            .status(),
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn the_server_says_what_tus_it_speaks() {
    let server = TestServer::start().await;
    let options = server
        .http
        .request(reqwest::Method::OPTIONS, server.url("/v1/uploads"))
        .send()
        .await
        .unwrap();
    assert_eq!(options.status(), StatusCode::NO_CONTENT);
    assert_eq!(options.headers()["tus-version"], "1.0.0");
    assert_eq!(options.headers()["tus-extension"], "creation,checksum");
    assert_eq!(options.headers()["tus-checksum-algorithm"], "sha1,sha256");
}
