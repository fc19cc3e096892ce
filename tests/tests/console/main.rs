//! The officer console of a real server, driven in headless Chromium: log in, find the queue,
//! see the family's current KK beside an application, return one application for correction
//! with a reason on a field, approve another, which keeps the family's KK number. And the
//! server's `/verifikasi` page (`verifier.rs`).

mod verifier;

use kk_domain::status::ApplicationStatus;
use kk_e2e::browser::Browser;
use kk_server::demo::{DEMO_OFFICER_LOGIN, DEMO_OFFICER_PASSWORD};

#[tokio::test]
async fn an_officer_returns_one_application_for_correction_and_approves_another()
-> anyhow::Result<()> {
    let data = tempfile::tempdir()?;
    let mut config = kk_e2e::server_config(data.path());
    config.demo = true;
    let server = kk_server::start(config).await?;
    let store = std::sync::Arc::clone(&server.state.store);
    let ids = kk_server::demo::seed_sample_applications(
        store.as_ref(),
        &kk_server::documents::DocumentStore::in_data_dir(data.path()),
        2,
    )?;
    let browser = Browser::launch().await?;

    browser.goto(&format!("{}/console", server.url())).await?;
    browser.type_into("#login", DEMO_OFFICER_LOGIN).await?;
    browser.type_into("#password", "kata sandi keliru").await?;
    browser.click("#sign-in").await?;
    assert_eq!(
        browser.text_of("#login-problem").await?,
        "Nama pengguna atau kata sandi salah."
    );
    browser.type_into("#login", DEMO_OFFICER_LOGIN).await?;
    browser
        .type_into("#password", DEMO_OFFICER_PASSWORD)
        .await?;
    browser.click("#sign-in").await?;

    browser.element("#queue").await?;
    assert_eq!(
        browser.count(".queue-row").await?,
        3,
        "the demo's three, once"
    );
    browser.screenshot("console-queue").await?;

    // Return the first for correction, with a reason on the wife's birth date.
    browser
        .goto(&format!("{}/console/applications/{}", server.url(), ids[0]))
        .await?;
    // Opening the page changes nothing; "Mulai periksa" takes it into review.
    assert_eq!(browser.text_of("#status").await?, "Diajukan");
    browser.click("#start-review").await?;
    browser.wait_for_text("#status", "Sedang diperiksa").await?;
    assert!(
        browser.count("#duplicates tbody tr").await? > 0,
        "the shared NIKs are flagged"
    );
    // Beside it, the family's current KK from the demo register and what the birth changes.
    assert_eq!(browser.count("#family-diff tr.diff-unchanged").await?, 3);
    assert_eq!(browser.count("#family-diff tr.diff-added").await?, 1);
    browser.screenshot("console-application").await?;
    browser.choose("#field-1", "members[1].birth_date").await?;
    browser
        .type_into(
            "#field-reason-1",
            "Tanggal lahir berbeda dengan akta kelahiran.",
        )
        .await?;
    browser
        .type_into("#return-note", "Mohon periksa kembali.")
        .await?;
    browser.screenshot("console-return-form").await?;
    browser.click("#return-submit").await?;
    browser.wait_for_text("#status", "Perlu perbaikan").await?;

    let returned = store.application(&ids[0])?.expect("stored");
    assert_eq!(returned.status, ApplicationStatus::NeedsCorrection);
    let timeline = store.timeline(&ids[0])?;
    let last = timeline.last().expect("events");
    assert_eq!(
        last.reason.as_deref(),
        Some("Mohon periksa kembali."),
        "the return's note; the whole timeline: {timeline:?}"
    );
    assert_eq!(last.field_reasons[0].field, "members[1].birth_date");
    assert_eq!(
        last.field_reasons[0].reason,
        "Tanggal lahir berbeda dengan akta kelahiran."
    );

    // Approve the second.
    browser
        .goto(&format!("{}/console/applications/{}", server.url(), ids[1]))
        .await?;
    browser.click("#start-review").await?;
    browser.wait_for_text("#status", "Sedang diperiksa").await?;
    browser.click("#approve-submit").await?;
    // Approval issues the KK at once: the page shows it, with its number and no PIN.
    browser.wait_for_text("#status", "KK terbit").await?;
    assert_eq!(
        store.application(&ids[1])?.expect("stored").status,
        ApplicationStatus::Issued
    );
    // A birth keeps the family's number, and the register now lists the baby with her NIK.
    assert_eq!(browser.text_of("#kk-number").await?, "3201012006150003");
    let family = store.family("3201012006150003")?.expect("registered");
    assert_eq!(family.family.members.len(), 4);
    assert_eq!(family.family.members[3].nik, "3201014110260001");

    // The queue filters by status.
    browser
        .goto(&format!("{}/console?status=issued", server.url()))
        .await?;
    assert_eq!(browser.count(".queue-row").await?, 1);
    browser
        .goto(&format!("{}/console?status=approved", server.url()))
        .await?;
    assert_eq!(browser.count(".queue-row").await?, 0);

    browser.close().await?;
    server.stop().await?;
    Ok(())
}
