//! The status machine through a real server: an officer opens, returns for correction with
//! reasons per field, the citizen resubmits a new revision, and the timeline shows both.

mod common;

use chrono::Utc;
use common::TestServer;
use kk_domain::api::{ActorRole, FieldReason};
use kk_domain::status::ApplicationStatus;
use kk_server::store::{Actor, StoreError, Transition};
use reqwest::StatusCode;
use serde_json::Value;

fn officer_moves(
    to: ApplicationStatus,
    reason: Option<&str>,
    field_reasons: Vec<FieldReason>,
) -> Transition {
    Transition {
        to,
        actor: Actor {
            role: ActorRole::Officer,
            account: Some(1),
        },
        reason: reason.map(str::to_owned),
        field_reasons,
        at: Utc::now(),
    }
}

#[tokio::test]
async fn a_returned_application_comes_back_as_a_new_revision_with_its_whole_timeline() {
    let server = TestServer::start().await;
    let citizen = server.citizen(50).await;
    let mut application = server.family_with_documents(&citizen).await;
    let receipt: Value = server
        .submit(&citizen.token, "rev-1", &application)
        .await
        .json()
        .await
        .unwrap();
    let id = receipt["id"].as_str().unwrap().to_owned();
    let store = &server.server.state.store;

    // Only a returned application can be resubmitted.
    let early = server
        .http
        .put(server.url(&format!("/v1/applications/{id}")))
        .bearer_auth(&citizen.token)
        .header("idempotency-key", "rev-2")
        .json(&application)
        .send()
        .await
        .unwrap();
    assert_eq!(early.status(), StatusCode::CONFLICT);

    store
        .transition(
            &id,
            officer_moves(ApplicationStatus::InReview, None, vec![]),
        )
        .unwrap();
    let reasons = vec![FieldReason {
        field: "members[1].birth_date".into(),
        reason: "Tanggal lahir berbeda dengan akta kelahiran.".into(),
    }];
    store
        .transition(
            &id,
            officer_moves(
                ApplicationStatus::NeedsCorrection,
                Some("Periksa tanggal lahir istri."),
                reasons.clone(),
            ),
        )
        .unwrap();
    let refused = store.transition(
        &id,
        officer_moves(ApplicationStatus::Approved, None, vec![]),
    );
    assert!(matches!(refused, Err(StoreError::InvalidTransition { .. })));

    application.members[1].birth_date = Some(kk_domain::sample::date("1992-08-18"));
    let resubmitted = server
        .http
        .put(server.url(&format!("/v1/applications/{id}")))
        .bearer_auth(&citizen.token)
        .header("idempotency-key", "rev-2")
        .json(&application)
        .send()
        .await
        .unwrap();
    assert_eq!(resubmitted.status(), StatusCode::OK);
    let resubmitted: Value = resubmitted.json().await.unwrap();
    assert_eq!(
        (
            resubmitted["status"].as_str(),
            resubmitted["revision"].as_u64()
        ),
        (Some("resubmitted"), Some(2))
    );
    assert_eq!(
        resubmitted["registration_number"],
        receipt["registration_number"]
    );

    let view = server
        .get_json(&citizen.token, &format!("/v1/applications/{id}"))
        .await;
    let timeline: Vec<(String, u64)> = view["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| {
            (
                event["status"].as_str().unwrap().to_owned(),
                event["revision"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        timeline,
        [
            ("submitted".into(), 1),
            ("in_review".into(), 1),
            ("needs_correction".into(), 1),
            ("resubmitted".into(), 2)
        ]
    );
    assert_eq!(
        view["timeline"][2]["reason"],
        "Periksa tanggal lahir istri."
    );
    assert_eq!(
        view["timeline"][2]["field_reasons"][0]["field"],
        "members[1].birth_date"
    );
    assert_eq!(
        view["application"]["members"][1]["birth_date"],
        "1992-08-18"
    );

    store
        .transition(
            &id,
            officer_moves(ApplicationStatus::InReview, None, vec![]),
        )
        .unwrap();
    let approved = store
        .transition(
            &id,
            officer_moves(ApplicationStatus::Approved, None, vec![]),
        )
        .unwrap();
    assert_eq!(approved.status, ApplicationStatus::Approved);
}

#[tokio::test]
async fn a_console_error_is_a_page_for_the_officer_not_json() {
    use kk_server::auth::session::{new_token, token_sha256};
    use kk_server::store::{NewAccount, Role};

    let server = TestServer::start().await;
    let store = &server.server.state.store;
    let officer = store
        .create_account(
            NewAccount {
                login: "petugas.uji".into(),
                nik: String::new(),
                full_name: "Petugas Uji".into(),
                phone: String::new(),
                email: String::new(),
                password_hash: "!".into(),
                role: Role::Officer,
                verified: true,
            },
            Utc::now(),
        )
        .unwrap();
    let token = new_token();
    store
        .create_session(
            &token_sha256(&token),
            officer,
            Utc::now() + chrono::Duration::hours(1),
            Utc::now(),
        )
        .unwrap();

    let missing = server
        .http
        .get(server.url(&format!("/console/applications/{}", uuid::Uuid::new_v4())))
        .header("cookie", format!("kk_officer={token}"))
        .send()
        .await
        .unwrap();

    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let content_type = missing.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let page = missing.text().await.unwrap();
    assert!(page.contains("Data yang dicari tidak ada."), "{page}");
    assert!(page.contains("Kembali ke antrean"), "{page}");
}
