//! A server that tries to send the app elsewhere: a tus `Location` on another origin, and a
//! redirect to another origin. The app sends its token and data to neither; the other origin
//! sees no request at all.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use kk_sync::{AccountClient, ServerClient, SyncError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A listener that answers every request with `response` and counts the requests.
async fn canned(response: String) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request).await;
            let _ = stream.write_all(response.as_bytes()).await;
        }
    });
    (url, seen)
}

#[tokio::test]
async fn the_token_never_follows_the_server_to_another_origin() {
    let (elsewhere, seen_elsewhere) =
        canned("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n".into()).await;
    let (rogue, _) = canned(format!(
        "HTTP/1.1 201 Created\r\nLocation: {elsewhere}/steal\r\nContent-Length: 0\r\n\r\n"
    ))
    .await;
    let client = ServerClient::new(&rogue, "secret-token");
    let created = client.create_upload(&"ab".repeat(32), 10, "akta.pdf").await;
    assert!(
        matches!(&created, Err(SyncError::Refused(body)) if body.code == "sync.foreign_location"),
        "{created:?}"
    );
    let sent = client
        .send_chunk(&format!("{elsewhere}/steal"), 0, b"0123456789")
        .await;
    assert!(sent.is_err());

    let (redirecting, _) = canned(format!(
        "HTTP/1.1 307 Temporary Redirect\r\nLocation: {elsewhere}/v1/applications\r\nContent-Length: 0\r\n\r\n"
    ))
    .await;
    let _ = ServerClient::new(&redirecting, "secret-token")
        .applications()
        .await;
    let _ = AccountClient::new(&redirecting)
        .application("secret-token", "some-id")
        .await;
    assert_eq!(
        seen_elsewhere.load(Ordering::SeqCst),
        0,
        "the other origin was reached"
    );
}
