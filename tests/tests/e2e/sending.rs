//! Sending through the real app to a real server: "Kirim" before login queues the application,
//! registering and logging in from the home page sends it with no further action, the
//! registration number appears, and the officer's "Perlu perbaikan" comes back with its reason.

use std::time::{Duration, Instant};

use kk_device_store::os_keyring::open_with_os_keyring;
use kk_device_store::{NewDocument, Owner};
use kk_domain::api::{ActorRole, FieldReason};
use kk_domain::status::ApplicationStatus;
use kk_e2e::{RealApp, once_more_if_the_web_process_died};
use kk_server::store::{Actor, Transition};
use sha2::{Digest, Sha256};

const NIK: &str = "3201011205900001";
const PASSWORD: &str = "bunga mawar merah";

/// A finished newborn application on the device, its documents kept in the device store.
fn finished_draft(data: &std::path::Path) -> anyhow::Result<()> {
    // The app's own file, under its key in the keyring, as the app would open it.
    let mut store = open_with_os_keyring(&data.join("kk-mandiri.sqlite3"))?;
    let mut application = kk_domain::sample::valid_family();
    for (index, document) in application.documents.iter_mut().enumerate() {
        let content = format!("%PDF-1.7\n% scan {index}\n%%EOF\n").into_bytes();
        let sha256 = hex::encode(Sha256::digest(&content));
        store.put_document(
            &Owner::Device,
            &NewDocument {
                sha256: &sha256,
                media_type: "application/pdf",
                content: &content,
                thumbnail: None,
            },
        )?;
        document.sha256 = sha256;
        document.media_type = "application/pdf".into();
        document.size_bytes = content.len() as u64;
    }
    store.create_draft(&Owner::Device, &application)?;
    Ok(())
}

/// The code in the newest SMS the server wrote to its file outbox.
async fn otp(server_data: &std::path::Path) -> anyhow::Result<String> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        for message in kk_e2e::outbox_messages(server_data) {
            if let Some(code) = message["text"].as_str().and_then(|text| {
                text.split(|c: char| !c.is_ascii_digit())
                    .find(|w| w.len() == 6)
            }) {
                return Ok(code.to_owned());
            }
        }
        anyhow::ensure!(Instant::now() < deadline, "no OTP arrived");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn an_application_sent_before_login_goes_out_after_login_and_its_correction_comes_back()
-> anyhow::Result<()> {
    once_more_if_the_web_process_died(|| async {
        let server_data = tempfile::tempdir()?;
        let config = kk_e2e::server_config(server_data.path());
        let server = kk_server::start(config).await?;
        let data = tempfile::tempdir()?;
        finished_draft(data.path())?;
        let app =
            RealApp::launch_with(data.path(), &[("KK_MANDIRI_SERVER_URL", &server.url())]).await?;

        // "Kirim" works offline and before login: the item waits.
        app.click(".draft-row .resume").await?;
        app.click("[data-step='review'] .task-name").await?;
        app.click("#send-application").await?;
        app.wait_for_text(".outbox-row .outbox-state", "waiting for a login", |t| {
            t == "Menunggu Anda masuk"
        })
        .await?;
        app.screenshot("sending-1-waiting").await?;

        // Register, verify the phone with the OTP, log in: the worker sends at once.
        app.click("#show-register").await?;
        app.type_into("#register-nik", NIK).await?;
        app.type_into("#register-name", "Budi Santoso").await?;
        app.type_into("#register-phone", "0812 0000 0001").await?;
        app.type_into("#register-email", "budi@contoh.id").await?;
        app.type_into("#register-password", PASSWORD).await?;
        app.click("#register-submit").await?;
        app.element("#verify-code").await?;
        app.type_into("#verify-code", &otp(server_data.path()).await?)
            .await?;
        app.click("#verify-submit").await?;
        app.log_in(NIK, PASSWORD).await?;

        let number = app
            .wait_for_text(
                ".outbox-row .registration-number",
                "a registration number",
                |t| t.starts_with("KK"),
            )
            .await?;
        let store = &server.state.store;
        let account = store.account_by_login(NIK)?.expect("registered");
        let applications = store.applications_of(account.id)?;
        assert_eq!(applications.len(), 1);
        assert_eq!(number, applications[0].registration_number.as_str());
        app.screenshot("sending-2-sent").await?;
        app.assert_accessible("outbox").await?;

        // The officer returns it; "Coba lagi" brings the news at once.
        let officer = Actor {
            role: ActorRole::Officer,
            account: None,
        };
        let id = &applications[0].id;
        let at = server.state.now();
        store.transition(
            id,
            Transition {
                to: ApplicationStatus::InReview,
                actor: officer,
                reason: None,
                field_reasons: vec![],
                at,
            },
        )?;
        let reasons = vec![FieldReason {
            field: "members[1].birth_date".into(),
            reason: "Tanggal lahir berbeda dengan akta.".into(),
        }];
        store.transition(
            id,
            Transition {
                to: ApplicationStatus::NeedsCorrection,
                actor: officer,
                reason: Some("Periksa tanggal lahir.".into()),
                field_reasons: reasons,
                at,
            },
        )?;
        let notifications = kk_e2e::notifications::NotificationWatch::start()?;
        app.click("#retry-sending").await?;
        app.wait_for_text(".outbox-row .outbox-state", "needs correction", |t| {
            t == "Perlu perbaikan"
        })
        .await?;
        // The desktop is told too, with the number to look for.
        notifications
            .wait_for(
                &[number.as_str(), "Perlu perbaikan"],
                Duration::from_secs(20),
            )
            .await?;

        app.click(".outbox-row .view-status").await?;
        app.wait_for_text("#status-registration-number", "the number", |t| t == number)
            .await?;
        assert_eq!(app.text_of("#status-current").await?, "Perlu perbaikan");
        let timeline = app.text_of("#status-timeline").await?;
        assert!(timeline.contains("Periksa tanggal lahir."), "{timeline}");
        assert!(
            timeline.contains("Tanggal lahir berbeda dengan akta."),
            "{timeline}"
        );
        app.screenshot("sending-3-status").await?;
        app.assert_accessible("status").await?;

        // The draft reopens with the officer's reason beside the field it names.
        app.click("#back-home").await?;
        app.click(".draft-row .resume").await?;
        app.click("[data-step='members'] .task-name").await?;
        app.click("[data-member='1'] .edit-member").await?;
        app.wait_for_text(
            "[id='members[1].birth_date-messages'] [data-code='officer.correction']",
            "the officer's reason",
            |t| t == "Petugas: Tanggal lahir berbeda dengan akta.",
        )
        .await?;
        app.screenshot("sending-4-correction").await?;
        app.close().await?;
        server.stop().await
    })
    .await
}
