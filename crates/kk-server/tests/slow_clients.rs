//! Slow and greedy clients against a real server: 200 connections that send half a request
//! and stall (slowloris) from one address get at most its share of connections, are closed
//! once the header timeout passes, and meanwhile a citizen at another address is answered at
//! once; a request body that stops arriving is cut off.

mod common;

use std::time::{Duration, Instant};

use common::TestServer;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

const SLOW: usize = 200;
const PER_CLIENT: usize = 50;

async fn connect_from(source: &str, server: std::net::SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(format!("{source}:0").parse().unwrap()).unwrap();
    socket.connect(server).await.unwrap()
}

/// Whether the server closed `stream` within `wait` (end of file, or a reset).
async fn closed_within(stream: &mut TcpStream, wait: Duration) -> bool {
    let mut byte = [0u8; 512];
    loop {
        match tokio::time::timeout(wait, stream.read(&mut byte)).await {
            Err(_) => return false,
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            // An answer (a 408) is fine; what matters is that the connection then ends.
            Ok(Ok(_)) => continue,
        }
    }
}

#[tokio::test]
async fn two_hundred_slow_connections_neither_starve_others_nor_stay_open() {
    let server = TestServer::start_with(|config| {
        config.limits.header_read_timeout = Duration::from_secs(3);
        config.limits.connections_per_client = PER_CLIENT;
    })
    .await;
    let address = server.server.address;
    let mut slow = Vec::with_capacity(SLOW);
    for _ in 0..SLOW {
        let mut stream = connect_from("127.0.0.2", address).await;
        let _ = stream
            .write_all(b"GET /v1/keys HTTP/1.1\r\nHost: kk\r\nX-Slow: ")
            .await;
        slow.push(stream);
    }

    let started = Instant::now();
    let answer = reqwest::get(server.url("/v1/keys")).await.unwrap();
    assert!(answer.status().is_success());
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "a citizen waited {:?} behind the slow connections",
        started.elapsed()
    );

    // All at once, well inside the header timeout: the refused ones are closed already.
    let looks = slow.into_iter().map(|mut stream| async move {
        let closed = closed_within(&mut stream, Duration::from_millis(300)).await;
        (closed, stream)
    });
    let (refused, mut held): (Vec<_>, Vec<_>) = futures_util::future::join_all(looks)
        .await
        .into_iter()
        .partition(|(closed, _)| *closed);
    assert_eq!(held.len(), PER_CLIENT, "{} refused", refused.len());
    for (_, stream) in &mut held {
        assert!(
            closed_within(stream, Duration::from_secs(5)).await,
            "a stalled connection outlived the header timeout"
        );
    }
}

#[tokio::test]
async fn a_request_body_that_stops_arriving_is_cut_off() {
    let server = TestServer::start_with(|config| {
        config.limits.body_idle_timeout = Duration::from_secs(1);
    })
    .await;
    let mut stream = connect_from("127.0.0.3", server.server.address).await;
    stream
        .write_all(
            b"POST /v1/sessions HTTP/1.1\r\nHost: kk\r\nContent-Type: application/json\r\n\
              Content-Length: 200\r\n\r\n{\"nik\": \"32010",
        )
        .await
        .unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the stalled body held the connection open");
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 4"),
        "{answer}"
    );
}
