//! Behind a reverse proxy: the client is the address the trusted proxy forwards for, so each
//! citizen keeps a limit of their own; the same header from anyone else is ignored, so a client
//! cannot escape its limit by naming another address.

mod common;

use std::net::IpAddr;

use common::{TestServer, nik};
use reqwest::StatusCode;
use serde_json::json;

async fn login_from(server: &TestServer, local: &str, forwarded_for: &str) -> StatusCode {
    let client = reqwest::Client::builder()
        .local_address(local.parse::<IpAddr>().unwrap())
        .build()
        .unwrap();
    client
        .post(server.url("/v1/sessions"))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({ "nik": nik(80), "password": "kata sandi keliru" }))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn the_forwarded_client_is_limited_and_a_forged_header_is_ignored() {
    let server = TestServer::start_with(|config| {
        config.limits.logins_per_ip_per_minute = 2;
        config.limits.logins_per_account_per_minute = 100;
        config.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    // Through the proxy: one citizen uses up their two tries, another still has theirs. The
    // left-most address is the client's own claim and is passed over.
    for _ in 0..2 {
        assert_eq!(
            login_from(&server, "127.0.0.1", "198.51.100.1, 203.0.113.5").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        login_from(&server, "127.0.0.1", "198.51.100.2, 203.0.113.5").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        login_from(&server, "127.0.0.1", "203.0.113.6").await,
        StatusCode::UNAUTHORIZED
    );
    // Not a proxy: its header names a new address each time, and changes nothing.
    let mut statuses = Vec::new();
    for forged in ["192.0.2.1", "192.0.2.2", "192.0.2.3"] {
        statuses.push(login_from(&server, "127.0.0.4", forged).await);
    }
    assert_eq!(
        statuses,
        [
            StatusCode::UNAUTHORIZED,
            StatusCode::UNAUTHORIZED,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
}
