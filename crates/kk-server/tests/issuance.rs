//! Approval issues the KK through a real server: a KK number, the encrypted PDF for its owner
//! only (resumable with Range), the notice by email and the PIN by SMS, a PIN the server no
//! longer holds once delivered, and a QR that verifies against `GET /v1/keys`.

mod common;

use std::time::{Duration, Instant};

use chrono::Utc;
use common::TestServer;
use kk_document::open::OpenedKk;
use kk_document::scan::qr_text_from_rgba;
use kk_document::seal::verify;
use kk_document::trust::bundled;
use kk_document::{Pin, TrustStore, Verdict};
use kk_domain::api::ActorRole;
use kk_domain::nik::Nik;
use kk_domain::status::ApplicationStatus;
use kk_server::store::{Actor, Transition};
use reqwest::StatusCode;
use serde_json::Value;
use sha2::{Digest, Sha256};

fn officer_moves(to: ApplicationStatus) -> Transition {
    Transition {
        to,
        actor: Actor {
            role: ActorRole::Officer,
            account: Some(1),
        },
        reason: None,
        field_reasons: Vec::new(),
        at: Utc::now(),
    }
}

async fn approved_application(server: &TestServer, citizen: &common::Citizen) -> String {
    let application = server.family_with_documents(citizen).await;
    let receipt: Value = server
        .submit(&citizen.token, "issue-1", &application)
        .await
        .json()
        .await
        .unwrap();
    let id = receipt["id"].as_str().unwrap().to_owned();
    let store = &server.server.state.store;
    store
        .transition(&id, officer_moves(ApplicationStatus::InReview))
        .unwrap();
    store
        .transition(&id, officer_moves(ApplicationStatus::Approved))
        .unwrap();
    id
}

async fn wait_for_message(server: &TestServer, to: &str, kind: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(message) = server.messages(to, kind).pop() {
            return message;
        }
        assert!(Instant::now() < deadline, "no {kind} message for {to}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn pin_in(text: &str) -> Pin {
    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .find_map(|word| {
            (word.len() == 11 && word.as_bytes()[5] == b'-')
                .then(|| Pin::parse(word).ok())
                .flatten()
        })
        .unwrap_or_else(|| panic!("no PIN in {text:?}"))
}

#[tokio::test]
async fn approval_issues_a_kk_the_owner_downloads_and_opens_with_the_pin_from_the_sms() {
    let server = TestServer::start().await;
    let citizen = server.citizen(61).await;
    let stranger = server.citizen(62).await;
    let id = approved_application(&server, &citizen).await;
    let issued = kk_server::issuance::issue(&server.server.state, &id)
        .await
        .unwrap();
    assert_eq!(issued.status, ApplicationStatus::Issued);
    // Issuing twice changes nothing.
    kk_server::issuance::issue(&server.server.state, &id)
        .await
        .unwrap();

    let view = server
        .get_json(&citizen.token, &format!("/v1/applications/{id}"))
        .await;
    assert_eq!(view["status"], "issued");
    // A birth keeps the family's KK number, and the newborn is given a NIK (kk-domain.md §1.1):
    // the registration district, her birth date with 40 added to the day, serial 0001.
    let kk_number = view["issued"]["kk_number"].as_str().unwrap().to_owned();
    assert_eq!(kk_number, "3201012006150003");
    let registered = server
        .server
        .state
        .store
        .family(&kk_number)
        .unwrap()
        .expect("issuance writes the register");
    assert_eq!(registered.family.members.len(), 4);
    let newborn = &registered.family.members[3];
    assert_eq!(newborn.nik, "3201014110260001");
    let nik = Nik::parse(&newborn.nik).unwrap();
    assert_eq!(nik.sex(), kk_domain::application::Sex::Female);
    assert_eq!(
        Some(nik.birth_date(kk_domain::sample::date(kk_domain::sample::TODAY))),
        newborn.birth_date
    );
    assert_eq!(
        server
            .server
            .state
            .store
            .kk_number_of(&newborn.nik)
            .unwrap()
            .as_deref(),
        Some(kk_number.as_str())
    );
    let size = view["issued"]["pdf_bytes"].as_u64().unwrap() as usize;

    // The notice by email and the PIN by SMS: two channels.
    let notice = wait_for_message(&server, "warga61@contoh.id", "kk.ready").await;
    assert_eq!(notice["channel"], "email");
    assert!(notice["text"].as_str().unwrap().contains("KK siap diunduh"));
    assert!(notice["text"].as_str().unwrap().contains(&kk_number));
    let sms = wait_for_message(&server, &citizen.phone, "kk.pin").await;
    assert_eq!(sms["channel"], "sms");
    let pin = pin_in(sms["text"].as_str().unwrap());

    // A resumable download: the first 1000 bytes, then the rest from there.
    let path = format!("/v1/applications/{id}/kk.pdf");
    let first = server
        .http
        .get(server.url(&path))
        .bearer_auth(&citizen.token)
        .header("range", "bytes=0-999")
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        first.headers()["content-range"],
        format!("bytes 0-999/{size}").as_str()
    );
    let mut pdf = first.bytes().await.unwrap().to_vec();
    let rest = server
        .http
        .get(server.url(&path))
        .bearer_auth(&citizen.token)
        .header("range", "bytes=1000-")
        .send()
        .await
        .unwrap();
    assert_eq!(rest.status(), StatusCode::PARTIAL_CONTENT);
    pdf.extend_from_slice(&rest.bytes().await.unwrap());
    assert_eq!(pdf.len(), size);
    assert_eq!(
        hex::encode(Sha256::digest(&pdf)),
        view["issued"]["pdf_sha256"].as_str().unwrap()
    );
    let beyond = server
        .http
        .get(server.url(&path))
        .bearer_auth(&citizen.token)
        .header("range", format!("bytes={size}-"))
        .send()
        .await
        .unwrap();
    assert_eq!(beyond.status(), StatusCode::RANGE_NOT_SATISFIABLE);

    // Only the owner gets it; to anyone else it does not exist.
    let refused = server.get(&stranger.token, &path).await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);

    // The PIN opens it, and the QR on the page verifies through the published certificate to
    // the demo root the test server's key is certified under.
    let published = server.published_keys().await;
    let opened = OpenedKk::open(pdf, &pin).unwrap();
    let page = opened.render_page(0, 150.0).unwrap();
    let qr = qr_text_from_rgba(page.width, page.height, &page.rgba).unwrap();
    let keys = TrustStore::new(&bundled::demo_root(), &published);
    match verify(&qr, &keys) {
        Verdict::Valid { claims, .. } => {
            assert_eq!(claims.kk_number, kk_number);
            assert_eq!(claims.head_name, "BUDI SANTOSO");
        }
        other => panic!("{other:?}"),
    }

    // Once delivered, the server's copy of the SMS holds no PIN.
    let data_dir = server.data_dir();
    let deadline = Instant::now() + Duration::from_secs(10);
    let database = rusqlite::Connection::open(data_dir.join("kk-server.sqlite3")).unwrap();
    loop {
        let text: String = database
            .query_row("SELECT text FROM outbox WHERE kind = 'kk.pin'", [], |row| {
                row.get(0)
            })
            .unwrap();
        if text.is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "the PIN is still stored");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    drop(database);
    let data = server.stop().await;
    let pin_text = pin.display_grouped();
    let mut checked = 0;
    for name in ["kk-server.sqlite3", "kk-server.sqlite3-wal"] {
        if let Ok(bytes) = std::fs::read(data.path().join(name)) {
            checked += 1;
            assert!(
                !bytes
                    .windows(pin_text.len())
                    .any(|w| w == pin_text.as_bytes()),
                "{name} still holds the PIN"
            );
        }
    }
    assert!(checked >= 1, "the database file was not found");
}

#[tokio::test]
async fn an_approval_interrupted_before_issuance_is_issued_at_the_next_start() {
    let server = TestServer::start().await;
    let citizen = server.citizen(63).await;
    let id = approved_application(&server, &citizen).await;
    let data = server.stop().await;

    let config = common::config_in(data.path());
    let restarted = kk_server::start(config).await.unwrap();
    let stored = restarted.state.store.application(&id).unwrap().unwrap();
    assert_eq!(stored.status, ApplicationStatus::Issued);
    assert!(restarted.state.store.issued_kk(&id).unwrap().is_some());
    restarted.stop().await.unwrap();
}
