//! Submissions against a real server: idempotency, the server's own validation, one citizen
//! never reaching another's applications, and hostile bodies that must get a 4xx, never a 500.

mod common;

use std::collections::BTreeSet;

use common::{TestServer, small_pdf};
use kk_domain::sample::{TODAY, date};
use kk_domain::validation::{self, Severity, ValidationContext};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn the_same_key_and_body_replay_and_a_changed_body_is_a_conflict() {
    let server = TestServer::start().await;
    let citizen = server.citizen(20).await;
    let application = server.family_with_documents(&citizen).await;

    let first = server
        .submit(&citizen.token, "draft-1:rev-3", &application)
        .await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    assert_eq!(first["status"], "submitted");
    let number = first["registration_number"].as_str().unwrap();
    assert!(
        kk_domain::registration_number::RegistrationNumber::parse(number).is_ok(),
        "{number}"
    );

    let again = server
        .submit(&citizen.token, "draft-1:rev-3", &application)
        .await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.json::<Value>().await.unwrap(), first);

    let mut changed = application.clone();
    changed.address.street = "Jalan Melati 9".into();
    let conflict = server
        .submit(&citizen.token, "draft-1:rev-3", &changed)
        .await;
    assert_eq!(conflict.status(), StatusCode::CONFLICT);
    let conflict: Value = conflict.json().await.unwrap();
    assert_eq!(conflict["code"], "idempotency_key.reused");

    let list = server.get_json(&citizen.token, "/v1/applications").await;
    assert_eq!(list.as_array().unwrap().len(), 1, "exactly one application");
    let id = first["id"].as_str().unwrap();
    let view = server
        .get_json(&citizen.token, &format!("/v1/applications/{id}"))
        .await;
    assert_eq!(view["registration_number"], number);
    assert_eq!(view["timeline"][0]["status"], "submitted");
    assert_eq!(view["timeline"][0]["actor"], "citizen");
}

#[tokio::test]
async fn the_server_refuses_what_the_app_would_refuse_with_the_same_field_errors() {
    let server = TestServer::start().await;
    let citizen = server.citizen(21).await;
    let mut application = server.family_with_documents(&citizen).await;
    application.members[0].nik = "3201011205900".into();
    application.members[1].birth_date = None;
    application.address.rt.clear();

    let refused = server
        .submit(&citizen.token, "k-invalid", &application)
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused: Value = refused.json().await.unwrap();
    assert_eq!(refused["code"], "application.invalid");
    let from_server: BTreeSet<(String, String)> = refused["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|issue| {
            (
                issue["code"].as_str().unwrap().to_owned(),
                issue["field"].as_str().unwrap().to_owned(),
            )
        })
        .collect();

    let regions = kk_domain::region::embedded::load();
    let context = ValidationContext::new(date(TODAY), Some(&regions));
    let from_app: BTreeSet<(String, String)> = validation::validate(&application, &context)
        .into_iter()
        .filter(|issue| issue.severity == Severity::Error)
        .map(|issue| (issue.code, issue.field.to_string()))
        .collect();
    assert!(!from_app.is_empty());
    assert_eq!(from_server, from_app);
    assert!(
        from_server
            .iter()
            .any(|(_, field)| field == "members[0].nik"),
        "{from_server:?}"
    );
}

#[tokio::test]
async fn a_submission_needs_its_key_and_its_uploaded_documents() {
    let server = TestServer::start().await;
    let citizen = server.citizen(22).await;
    let application = kk_domain::sample::valid_family();
    let no_key = server
        .http
        .post(server.url("/v1/applications"))
        .bearer_auth(&citizen.token)
        .json(&application)
        .send()
        .await
        .unwrap();
    assert_eq!(no_key.status(), StatusCode::BAD_REQUEST);
    let missing = server.submit(&citizen.token, "k-docs", &application).await;
    assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let missing: Value = missing.json().await.unwrap();
    assert!(
        missing["issues"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["code"] == "document.not_uploaded"),
        "{missing}"
    );
    let anonymous = server
        .http
        .post(server.url("/v1/applications"))
        .header("idempotency-key", "k")
        .json(&application)
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn one_citizen_cannot_read_list_change_or_upload_to_anothers() {
    let server = TestServer::start().await;
    let alice = server.citizen(23).await;
    let bob = server.citizen(24).await;
    let application = server.family_with_documents(&alice).await;
    let receipt: Value = server
        .submit(&alice.token, "alice-1", &application)
        .await
        .json()
        .await
        .unwrap();
    let id = receipt["id"].as_str().unwrap();

    let read = server
        .get(&bob.token, &format!("/v1/applications/{id}"))
        .await;
    assert_eq!(
        read.status(),
        StatusCode::NOT_FOUND,
        "someone else's id is not found, not forbidden"
    );
    let nothing = server
        .get(
            &bob.token,
            "/v1/applications/00000000-0000-0000-0000-000000000000",
        )
        .await;
    assert_eq!(nothing.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        read.json::<Value>().await.unwrap(),
        nothing.json::<Value>().await.unwrap()
    );

    let list = server.get_json(&bob.token, "/v1/applications").await;
    assert_eq!(list, json!([]));
    let change = server
        .http
        .put(server.url(&format!("/v1/applications/{id}")))
        .bearer_auth(&bob.token)
        .header("idempotency-key", "bob-1")
        .json(&application)
        .send()
        .await
        .unwrap();
    assert_eq!(change.status(), StatusCode::NOT_FOUND);

    let upload = server
        .create_upload(&alice.token, &small_pdf("alice"), "a.pdf")
        .await;
    let bobs_patch = server
        .patch(&bob.token, &upload, 0, small_pdf("alice"))
        .await;
    assert_eq!(bobs_patch.status(), StatusCode::NOT_FOUND);
    let bobs_head = server
        .http
        .head(&upload)
        .bearer_auth(&bob.token)
        .header("tus-resumable", "1.0.0")
        .send()
        .await
        .unwrap();
    assert_eq!(bobs_head.status(), StatusCode::NOT_FOUND);
    // Alice's documents cannot be borrowed by knowing their hashes.
    let borrowed = server.submit(&bob.token, "bob-2", &application).await;
    assert_eq!(borrowed.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn hostile_bodies_get_a_clear_4xx_and_never_a_500() {
    let server = TestServer::start().await;
    let citizen = server.citizen(25).await;
    let send = |body: reqwest::Body, content_type: &'static str| {
        server
            .http
            .post(server.url("/v1/applications"))
            .bearer_auth(&citizen.token)
            .header("idempotency-key", "hostile")
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let cases: Vec<(reqwest::Body, &str, StatusCode, &str)> = vec![
        (
            r#"{"members": "semua"}"#.into(),
            "application/json",
            StatusCode::UNPROCESSABLE_ENTITY,
            "request.wrong_shape",
        ),
        (
            r#"{"service": 12}"#.into(),
            "application/json",
            StatusCode::UNPROCESSABLE_ENTITY,
            "request.wrong_shape",
        ),
        (
            "{not json".into(),
            "application/json",
            StatusCode::BAD_REQUEST,
            "request.malformed",
        ),
        (
            "{}".into(),
            "text/plain",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "request.not_json",
        ),
        (
            format!("[\"{}\"]", "x".repeat(10 * 1024 * 1024)).into(),
            "application/json",
            StatusCode::PAYLOAD_TOO_LARGE,
            "request.too_large",
        ),
    ];
    for (body, content_type, status, code) in cases {
        let answer = send(body, content_type).await.unwrap();
        assert_eq!(answer.status(), status, "{code}");
        let answer: Value = answer.json().await.unwrap();
        assert_eq!(answer["code"], code);
    }

    // SQL in a name is only a name.
    let mut application = server.family_with_documents(&citizen).await;
    application.members[0].father_name = "Robert'); DROP TABLE applications;--".into();
    let stored = server.submit(&citizen.token, "sql", &application).await;
    assert_eq!(stored.status(), StatusCode::CREATED);
    let id = stored.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let view = server
        .get_json(&citizen.token, &format!("/v1/applications/{id}"))
        .await;
    assert_eq!(
        view["application"]["members"][0]["father_name"],
        "Robert'); DROP TABLE applications;--"
    );

    // A path in a file name is only a name: the file lands under its hash.
    let bytes = small_pdf("traversal");
    let url = server
        .create_upload(&citizen.token, &bytes, "../../../../tmp/kk-escape.pdf")
        .await;
    assert_eq!(
        server
            .patch(&citizen.token, &url, 0, bytes.clone())
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert!(!std::path::Path::new("/tmp/kk-escape.pdf").exists());
    assert!(
        server
            .data_dir()
            .join("documents")
            .join(hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes)))
            .exists()
    );

    // Ids that are not ids, and paths that try to climb.
    for path in [
        "/v1/applications/'%20OR%201=1--",
        "/v1/applications/..%2F..%2Fetc%2Fpasswd",
        "/v1/uploads/..%2Fkk-server.sqlite3",
    ] {
        let answer = server.get(&citizen.token, path).await;
        assert!(
            answer.status().is_client_error(),
            "{path}: {}",
            answer.status()
        );
    }
}

/// Each submission is validated in full and lands in the officers' queue: an account gets a
/// bounded number an hour.
#[tokio::test]
async fn submissions_are_limited_per_account() {
    let server =
        TestServer::start_with(|config| config.limits.submissions_per_account_per_hour = 2).await;
    let citizen = server.citizen(95).await;
    let application = server.family_with_documents(&citizen).await;
    for key in ["k1", "k2"] {
        let sent = server.submit(&citizen.token, key, &application).await;
        assert!(sent.status().is_success(), "{key}");
    }
    let limited = server.submit(&citizen.token, "k3", &application).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers().contains_key("retry-after"));
    let body: serde_json::Value = limited.json().await.unwrap();
    assert_eq!(body["code"], "application.rate_limited");
}
