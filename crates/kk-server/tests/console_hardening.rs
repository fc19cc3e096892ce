//! The console against a browser's abuse: its pages may run no script and be framed by no
//! one, a previewed document is sandboxed, its cookie is Secure outside a demo, opening an
//! application changes nothing (only "Mulai periksa", a POST with the CSRF token, does), and
//! a page number from a URL cannot overflow.

mod common;

use common::TestServer;
use kk_domain::status::ApplicationStatus;
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use serde_json::Value;

const LOGIN: &str = "petugas.uji";
const PASSWORD: &str = "meja lima antrean siang";

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// An officer account made on the store, logged in: the whole `Set-Cookie` line.
async fn officer_cookie_line(server: &TestServer) -> String {
    let password_hash = kk_server::auth::password::hash(PASSWORD.to_owned())
        .await
        .unwrap();
    server
        .server
        .state
        .store
        .create_account(
            kk_server::store::NewAccount::officer(LOGIN, "Petugas Uji", password_hash),
            chrono::Utc::now(),
        )
        .unwrap();
    let response = http()
        .post(server.url("/console/login"))
        .form(&[("login", LOGIN), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn pages_run_no_script_documents_are_sandboxed_and_opening_changes_nothing() {
    let server = TestServer::start().await;
    let cookie_line = officer_cookie_line(&server).await;
    assert!(cookie_line.contains("; Secure"), "{cookie_line}");
    let cookie = cookie_line.split(';').next().unwrap().to_owned();
    let citizen = server.citizen(70).await;
    let application = server.family_with_documents(&citizen).await;
    let receipt: Value = server
        .submit(&citizen.token, "k", &application)
        .await
        .json()
        .await
        .unwrap();
    let id = receipt["id"].as_str().unwrap().to_owned();

    let get = |path: String| {
        http()
            .get(server.url(&path))
            .header("cookie", cookie.clone())
            .send()
    };
    let page = get(format!("/console/applications/{id}")).await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let policy = page.headers()["content-security-policy"].to_str().unwrap();
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(policy.contains("default-src 'none'"), "{policy}");
    assert_eq!(page.headers()["x-frame-options"], "DENY");
    assert!(page.headers().contains_key("strict-transport-security"));
    let store = &server.server.state.store;
    assert_eq!(
        store.application(&id).unwrap().unwrap().status,
        ApplicationStatus::Submitted,
        "a GET changes nothing"
    );

    let html = page.text().await.unwrap();
    let csrf = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let started = http()
        .post(server.url(&format!("/console/applications/{id}/review")))
        .header("cookie", cookie.clone())
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(started.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        store.application(&id).unwrap().unwrap().status,
        ApplicationStatus::InReview
    );

    let sha256 = &application.documents[0].sha256;
    let document = get(format!("/console/applications/{id}/documents/{sha256}"))
        .await
        .unwrap();
    assert_eq!(document.status(), StatusCode::OK);
    assert_eq!(document.headers()["content-security-policy"], "sandbox");
    assert_eq!(document.headers()["x-content-type-options"], "nosniff");

    let far = get(format!("/console?page={}", u32::MAX)).await.unwrap();
    assert_eq!(far.status(), StatusCode::OK);
}
