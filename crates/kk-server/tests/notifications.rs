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
