//! Notifications through an SMS gateway webhook that fails at first: the outbox retries with a
//! pause and delivers once the gateway answers.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::Json;
use axum::http::StatusCode;
use axum::routing::post;
use common::{TestServer, phone};
use tokio::sync::Mutex;

#[tokio::test]
async fn an_sms_is_retried_until_the_gateway_takes_it() {
    let calls = Arc::new(AtomicUsize::new(0));
    let received: Arc<Mutex<Vec<serde_json::Value>>> = Arc::default();
    let gateway = {
        let (calls, received) = (Arc::clone(&calls), Arc::clone(&received));
        axum::Router::new().route(
            "/sms",
            post(move |Json(body): Json<serde_json::Value>| async move {
                if calls.fetch_add(1, Ordering::SeqCst) == 0 {
                    return StatusCode::SERVICE_UNAVAILABLE;
                }
                received.lock().await.push(body);
                StatusCode::ACCEPTED
            }),
        )
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let gateway_url = format!("http://{}/sms", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, gateway).await });

    let server =
        TestServer::start_with(|config| config.channels.sms_webhook = Some(gateway_url)).await;
    server.register(60).await;
    let deadline = Instant::now() + Duration::from_secs(15);
    while received.lock().await.is_empty() {
        assert!(Instant::now() < deadline, "the SMS never arrived");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        calls.load(Ordering::SeqCst),
        2,
        "one failure, then one delivery"
    );
    let sms = received.lock().await[0].clone();
    assert_eq!(sms["to"], phone(60));
    assert_eq!(sms["kind"], "otp.verify_account");
    assert!(sms["text"].as_str().unwrap().contains("kode verifikasi"));
    assert!(
        server.messages(&phone(60), "otp.verify_account").is_empty(),
        "not in the file outbox"
    );
}

/// A minimal SMTP server: it speaks enough of RFC 5321 for one message and hands back what
/// it was given.
async fn smtp_sink(listener: tokio::net::TcpListener) -> String {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

    let (stream, _) = listener.accept().await.unwrap();
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    writer.write_all(b"220 sink ESMTP\r\n").await.unwrap();
    let mut message = String::new();
    let mut in_data = false;
    while let Some(line) = lines.next_line().await.unwrap() {
        if in_data {
            if line == "." {
                in_data = false;
                writer.write_all(b"250 queued\r\n").await.unwrap();
            } else {
                message.push_str(&line);
                message.push('\n');
            }
            continue;
        }
        let verb = line
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" | "HELO" => b"250 sink\r\n",
            "DATA" => {
                in_data = true;
                b"354 go ahead\r\n"
            }
            "QUIT" => {
                writer.write_all(b"221 bye\r\n").await.unwrap();
                break;
            }
            _ => b"250 ok\r\n",
        };
        writer.write_all(reply).await.unwrap();
    }
    message
}

#[tokio::test]
async fn an_email_goes_out_through_smtp() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let sink = tokio::spawn(smtp_sink(listener));
    let server = TestServer::start_with(|config| {
        config.channels.smtp = Some(kk_server::config::SmtpConfig {
            url,
            from: "KK Mandiri <noreply@kk-mandiri.invalid>".into(),
        });
    })
    .await;
    // Email is the channel of "KK siap diunduh"; a queued message shows the path end to end.
    let message = kk_server::store::OutgoingMessage {
        id: "email-1".into(),
        channel: "email".into(),
        to: "budi@contoh.id".into(),
        kind: "kk.ready".into(),
        text: "KK Anda siap diunduh di aplikasi KK Mandiri.".into(),
        attempts: 0,
    };
    server
        .server
        .state
        .store
        .enqueue_message(&message, server.server.state.now())
        .unwrap();
    server.server.state.outbox.notify_one();
    let received = tokio::time::timeout(Duration::from_secs(15), sink)
        .await
        .unwrap()
        .unwrap();
    assert!(received.contains("To: budi@contoh.id"), "{received}");
    assert!(received.contains("Subject: KK siap diunduh"), "{received}");
    assert!(received.contains("KK Anda siap diunduh"), "{received}");
}
