//! The issued KK through the real app: an application approved on a real server is issued; the
//! app downloads it after login; a wrong PIN is refused with a clear message; the PIN from the
//! SMS opens it with a rendered preview; "Cetak" sends the PDF to the CUPS virtual PDF printer
//! (`KK-PDF`, set up by `cargo xtask test`) whose output is an A4 page at 100% scale whose QR
//! holds the KK number and the head's name; "Simpan PDF" saves the still-locked file; and
//! "Verifikasi KK" checks a picture of the page offline.

use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use kk_document::open::OpenedKk;
use kk_document::scan::qr_from_rgba;
use kk_document::seal::verify;
use kk_document::{Pin, Verdict};
use kk_e2e::{RealApp, once_more_if_the_web_process_died};
use kk_server::store::{Submission, SubmitOutcome};
use sha2::{Digest, Sha256};

const NIK: &str = "3201011205900001";
const PASSWORD: &str = "bunga mawar merah";
/// The CUPS queue `cargo xtask test` creates with the cups-pdf backend.
const VIRTUAL_PRINTER: &str = "KK-PDF";

/// A citizen with a password, and an application of theirs approved and issued.
async fn issued_application(server: &kk_server::RunningServer) -> anyhow::Result<String> {
    let store = &server.state.store;
    let owner = kk_e2e::verified_citizen(server, NIK, PASSWORD).await?;
    let application = kk_domain::sample::valid_family();
    let body = serde_json::to_vec(&application)?;
    let SubmitOutcome::Created(stored) = store.submit(Submission {
        owner,
        idempotency_key: "issued-e2e".into(),
        body_sha256: hex::encode(Sha256::digest(&body)),
        application,
        at: server.state.now(),
    })?
    else {
        anyhow::bail!("the application was not created");
    };
    kk_e2e::officer::approve_and_issue(server, &stored.id).await?;
    Ok(stored.id)
}

/// The PDF cups-pdf writes for a job that started after `since` (cups-pdf's `Out ${HOME}/PDF`),
/// opened with `pin`. cups-pdf creates the file before it finishes writing it, so a file that
/// does not open yet is read again until the deadline; then its last error is the verdict.
async fn printed_kk(since: SystemTime, pin: &Pin) -> anyhow::Result<OpenedKk> {
    let directory = PathBuf::from(std::env::var("HOME")?).join("PDF");
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut last_error = None;
    loop {
        if let Ok(entries) = std::fs::read_dir(&directory) {
            for entry in entries.flatten() {
                let modified = entry.metadata()?.modified()?;
                let path = entry.path();
                if modified >= since && path.extension().is_some_and(|e| e == "pdf") {
                    match OpenedKk::open(std::fs::read(&path)?, pin) {
                        Ok(opened) => return Ok(opened),
                        Err(error) => last_error = Some(error),
                    }
                }
            }
        }
        if Instant::now() > deadline {
            return Err(match last_error {
                Some(error) => anyhow::Error::from(error).context("the printed PDF does not open"),
                None => anyhow::anyhow!(
                    "the virtual printer wrote nothing to {}",
                    directory.display()
                ),
            });
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn an_issued_kk_downloads_opens_with_its_pin_prints_on_a4_and_verifies() -> anyhow::Result<()>
{
    once_more_if_the_web_process_died(|| async {
        let server_data = tempfile::tempdir()?;
        let config = kk_e2e::server_config(server_data.path());
        let server = kk_server::start(config).await?;
        let server_id = issued_application(&server).await?;
        let kk_number = server
            .state
            .store
            .issued_kk(&server_id)?
            .expect("issued")
            .kk_number;

        let registration_number = server
            .state
            .store
            .application(&server_id)?
            .expect("submitted")
            .registration_number;
        let pin =
            kk_e2e::sms::pin_from_sms(server_data.path(), registration_number.as_str()).await?;
        let notifications = kk_e2e::notifications::NotificationWatch::start()?;
        let data = tempfile::tempdir()?;
        let saved = tempfile::tempdir()?;
        let saved_directory = saved.path().display().to_string();
        let app = RealApp::launch_with(
            data.path(),
            &[
                ("KK_MANDIRI_SERVER_URL", &server.url()),
                // The queue by its IPP URI, as a kiosk's printer setting names it.
                (
                    "KK_MANDIRI_PRINTER",
                    &format!("ipp://localhost:631/printers/{VIRTUAL_PRINTER}"),
                ),
                ("KK_MANDIRI_SAVE_DIR", &saved_directory),
            ],
        )
        .await?;
        app.log_in(NIK, PASSWORD).await?;

        // The worker downloads the KK after login; the PIN form appears once it is complete.
        app.click("#open-my-kk").await?;
        app.wait_for_text("#kk-number", "the KK number", |text| text == kk_number)
            .await?;
        app.element("#kk-pin").await?;
        notifications
            .wait_for(
                &[registration_number.as_str(), "KK siap dibuka"],
                Duration::from_secs(20),
            )
            .await?;

        // A wrong PIN: refused, with the tries left; a look-alike letter: named.
        app.type_into("#kk-pin", "22222-22222").await?;
        app.click("#kk-open").await?;
        app.wait_for_text(
            "#kk-problem .error-notice",
            "the wrong-PIN message",
            |text| text.starts_with("PIN salah") && text.contains("Sisa 2"),
        )
        .await?;
        app.type_into("#kk-pin", "O2222-22222").await?;
        app.click("#kk-open").await?;
        app.wait_for_text(
            "#kk-problem .error-notice",
            "the look-alike message",
            |text| text.contains("\"O\""),
        )
        .await?;
        app.screenshot("issued-1-wrong-pin").await?;

        // The right PIN, pasted in lower case with spaces: the preview renders.
        app.type_into(
            "#kk-pin",
            &format!(" {} ", pin.display_grouped().to_lowercase()),
        )
        .await?;
        app.click("#kk-open").await?;
        app.element("#kk-preview img.kk-page").await?;
        let problem = app.text_of("#kk-problem").await?;
        anyhow::ensure!(problem.trim().is_empty(), "an error stayed: {problem}");
        app.screenshot("issued-2-preview").await?;
        app.assert_accessible("my-kk").await?;

        // Printing sends the PDF itself to CUPS; cups-pdf writes what a printer would print.
        let before_print = SystemTime::now() - Duration::from_secs(1);
        app.click("#kk-print").await?;
        app.wait_for_text("#kk-done", "the print job", |text| {
            text.contains("request id")
        })
        .await?;
        let printed_page = printed_kk(before_print, &pin).await?;
        let keys = kk_document::TrustStore::new(
            &kk_document::trust::bundled::demo_root(),
            &server.state.published_keys,
        );
        let dpi = 200.0;
        let page = printed_page.render_page(0, dpi)?;
        // A4 at 200 dpi, either way round: 1653 × 2338 pixels.
        let (short, long) = (page.width.min(page.height), page.width.max(page.height));
        anyhow::ensure!(
            (1650..=1656).contains(&short) && (2335..=2341).contains(&long),
            "the printed page is not A4: {} × {}",
            page.width,
            page.height
        );
        let found = qr_from_rgba(page.width, page.height, &page.rgba)?;
        // 100% scale: the QR keeps its 42 mm (a fit-to-page shrink would be about 71%).
        let printed_mm = found.side_pixels / f64::from(dpi) * 25.4;
        anyhow::ensure!(
            (40.0..44.0).contains(&printed_mm),
            "the printed QR is {printed_mm:.1} mm wide, not 42 mm: the print was scaled"
        );
        match verify(&found.text, &keys) {
            Verdict::Valid { claims, .. } => {
                anyhow::ensure!(claims.kk_number == kk_number);
                anyhow::ensure!(claims.head_name == "BUDI SANTOSO");
            }
            other => anyhow::bail!("the printed QR did not verify: {other:?}"),
        }

        // "Simpan PDF" keeps the locked PDF.
        app.click("#kk-save").await?;
        let path = app
            .wait_for_text("#kk-done", "the saved path", |text| text.ends_with(".pdf"))
            .await?;
        let saved_pdf = std::fs::read(&path)?;
        anyhow::ensure!(saved_pdf.starts_with(b"%PDF"));
        anyhow::ensure!(
            matches!(
                OpenedKk::open(saved_pdf.clone(), &Pin::parse("22222-22222")?),
                Err(kk_document::open::OpenError::WrongPin)
            ),
            "the saved PDF opens without its PIN"
        );

        // "Verifikasi KK": a picture of page 1 verifies offline with the key fetched from the
        // server; the same picture with its QR smudged does not read as valid.
        let opened = OpenedKk::open(saved_pdf, &pin)?;
        let picture = data.path().join("kk-photo.png");
        std::fs::write(&picture, opened.render_page_png(0, 150.0)?)?;
        app.click("#back-home").await?;
        app.click("#open-verify").await?;
        app.attach_file("#verify-file", &picture).await?;
        app.wait_for_text("#verify-verdict", "the verdict", |text| {
            text.starts_with("Asli")
        })
        .await?;
        let shown = app.text_of("#verify-kk-number").await?;
        anyhow::ensure!(shown == kk_number, "verified number {shown}");
        app.screenshot("issued-3-verified").await?;
        app.assert_accessible("verify").await?;

        app.close().await?;
        server.stop().await?;
        Ok(())
    })
    .await
}
