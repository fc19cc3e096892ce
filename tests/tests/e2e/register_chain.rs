//! A family's changes, one after the other, from the demo register through the real app and a
//! real server: the citizen proves their KK, a "Kelahiran" starts from it and adds only the
//! baby, the officer approves, and the issued KK keeps the family's number and gives the baby a
//! NIK of her own. Then the KK is lost: "Cetak ulang: KK hilang" starts from the refreshed
//! family, with no member typed, and is issued under the same number again. "Keluar" at the
//! end ends the session on the server as well.

use chrono::NaiveDate;
use kk_device_store::os_keyring::open_with_os_keyring;
use kk_document::open::OpenedKk;
use kk_domain::nik::{Nik, Sex};
use kk_e2e::{RealApp, once_more_if_the_web_process_died};

const NIK: &str = "3201011205900001";
const PASSWORD: &str = "bunga mawar merah";
const KK_NUMBER: &str = "3201012006150003";
const BABY: &str = "Putri Ayu Santoso";

/// Fills in the new baby the "Tambah anggota" button adds to a birth: a daughter born on
/// 1 November 2026, to the head and his wife.
async fn add_the_baby(app: &RealApp) -> anyhow::Result<()> {
    let field = |name: &str| format!("[id='members[3].{name}']");
    app.click("#add-member").await?;
    app.type_into(&field("full_name"), BABY).await?;
    app.choose(&field("sex"), "2").await?;
    app.type_into(&field("birth_place"), "Bogor").await?;
    app.type_into(&field("birth_date"), "01-11-2026").await?;
    app.choose(&field("religion"), "1").await?;
    app.choose(&field("education"), "1").await?;
    app.choose(&field("occupation"), "1").await?;
    app.choose(&field("blood_type"), "13").await?;
    app.choose(&field("marital_status"), "1").await?;
    app.choose(&field("citizenship"), "1").await?;
    app.type_into(&field("father_name"), "Budi Santoso").await?;
    app.type_into(&field("mother_name"), "Siti Aminah").await?;
    app.click("#member-done").await?;
    app.wait_for_count(".member-row", 4).await
}

/// Attaches `scan` as each of the documents named by their `#attach-…` ids, visits "Pengambilan"
/// and sends the application from "Periksa & kirim"; returns once the home page lists
/// `outbox_rows` sent applications.
async fn attach_and_send(
    app: &RealApp,
    documents: &[&str],
    scan: &std::path::Path,
    outbox_rows: usize,
) -> anyhow::Result<()> {
    app.click("[data-step='documents'] .task-name").await?;
    for (attached, document) in documents.iter().enumerate() {
        app.attach_file(&format!("#attach-{document}"), scan)
            .await?;
        app.wait_for_count(".attached-document", attached + 1)
            .await?;
    }
    app.click("#continue").await?;
    app.click("[data-step='pickup'] .task-name").await?;
    app.click("#continue").await?;
    app.click("[data-step='review'] .task-name").await?;
    app.wait_for_text("#review-status", "nothing left to fix", |t| {
        t.starts_with("Semua bagian sudah lengkap")
    })
    .await?;
    // What the application changes on the KK, one line per member, before it goes.
    app.wait_for_count("#family-changes > li", 4).await?;
    app.click("#send-application").await?;
    app.wait_for_count(".outbox-row", outbox_rows).await
}

/// The server's id of the `count`-th application this citizen sent, once the home page shows a
/// registration number for each of the `count`.
async fn sent_application(
    app: &RealApp,
    server: &kk_server::RunningServer,
    count: usize,
) -> anyhow::Result<String> {
    app.wait_for_count(".outbox-row .registration-number", count)
        .await?;
    let account = server
        .state
        .store
        .account_by_login(NIK)?
        .expect("an account");
    let mut applications = server.state.store.applications_of(account.id)?;
    anyhow::ensure!(
        applications.len() == count,
        "{} applications",
        applications.len()
    );
    applications.sort_by_key(|application| application.created_at);
    Ok(applications[count - 1].id.clone())
}

/// Whether the server still takes `token`.
async fn session_works(server: &kk_server::RunningServer, token: &str) -> anyhow::Result<bool> {
    let response = reqwest::Client::new()
        .get(format!("{}/v1/applications", server.url()))
        .bearer_auth(token)
        .send()
        .await?;
    Ok(response.status().is_success())
}

#[tokio::test]
async fn a_birth_keeps_the_kk_number_and_gives_a_nik_and_a_reprint_needs_no_typing()
-> anyhow::Result<()> {
    once_more_if_the_web_process_died(|| async {
        let files = tempfile::tempdir()?;
        let scan = files.path().join("scan.jpg");
        std::fs::write(&scan, kk_attachments::sample::phone_photo_jpeg(1200, 900))?;
        let server_data = tempfile::tempdir()?;
        let server = kk_server::start(kk_e2e::server_config(server_data.path())).await?;
        kk_e2e::load_demo_register(&server)?;
        kk_e2e::verified_citizen(&server, NIK, PASSWORD).await?;
        let data = tempfile::tempdir()?;
        let app =
            RealApp::launch_with(data.path(), &[("KK_MANDIRI_SERVER_URL", &server.url())]).await?;
        app.log_in(NIK, PASSWORD).await?;
        app.click("#open-my-kk").await?;
        app.type_into("#family-kk-number", KK_NUMBER).await?;
        app.click("#family-fetch").await?;
        app.wait_for_count(".family-member", 3).await?;

        // "Kelahiran" from the kept family: only the baby is typed.
        app.click("#back-home").await?;
        app.click("[data-service='change.birth']").await?;
        app.click("[data-step='members'] .task-name").await?;
        app.wait_for_count(".member-row", 3).await?;
        add_the_baby(&app).await?;
        app.wait_for_count(".member-row[data-member='3'] .change-added", 1)
            .await?;
        app.click("#continue").await?;
        attach_and_send(&app, &["kk_lama", "akta_kelahiran"], &scan, 1).await?;
        let birth = sent_application(&app, &server, 1).await?;
        kk_e2e::officer::approve_and_issue(&server, &birth).await?;

        // The same KK number; the baby has a NIK of her own, built from the district of
        // registration, her birth date + 40 (a girl) and the first serial.
        let issued = server.state.store.issued_kk(&birth)?.expect("issued");
        assert_eq!(issued.kk_number, KK_NUMBER);
        let family = server.state.store.family(KK_NUMBER)?.expect("registered");
        let baby = family
            .family
            .members
            .iter()
            .find(|member| member.full_name == BABY)
            .expect("the baby is on the KK");
        let nik = Nik::parse(&baby.nik)?;
        assert_eq!(nik.sex(), Sex::Female);
        assert_eq!(
            nik.birth_date(kk_domain::sample::date(kk_e2e::TODAY)),
            NaiveDate::from_ymd_opt(2026, 11, 1).expect("a date")
        );
        assert_eq!(&baby.nik[..6], "320101");
        assert_eq!(family.family.members.len(), 4);
        // The issued page, as the family will print it: the same number, four members.
        let registration_number = server
            .state
            .store
            .application(&birth)?
            .expect("sent")
            .registration_number;
        let pin =
            kk_e2e::sms::pin_from_sms(server_data.path(), registration_number.as_str()).await?;
        let page = OpenedKk::open(issued.encrypted_pdf, &pin)?.render_page_png(0, 110.0)?;
        kk_e2e::save_screenshot("register-birth-issued-kk", &page)?;

        // The KK is lost. The citizen refreshes the family and asks for a reprint: every
        // member is already there, the baby with her new NIK.
        app.click("#open-my-kk").await?;
        app.click("#family-fetch").await?;
        app.wait_for_count(".family-member", 4).await?;
        app.wait_for_text("#family-members", "the baby's NIK", |t| {
            t.contains(&baby.nik)
        })
        .await?;
        app.click("#back-home").await?;
        app.click("[data-service='reprint.lost']").await?;
        app.click("[data-step='members'] .task-name").await?;
        app.wait_for_count(".member-row", 4).await?;
        app.screenshot("register-reprint-members").await?;
        app.click("#continue").await?;
        attach_and_send(
            &app,
            &["surat_keterangan_hilang_kepolisian", "ktp_el"],
            &scan,
            2,
        )
        .await?;
        let reprint = sent_application(&app, &server, 2).await?;
        kk_e2e::officer::approve_and_issue(&server, &reprint).await?;
        let reissued = server.state.store.issued_kk(&reprint)?.expect("issued");
        assert_eq!(reissued.kk_number, KK_NUMBER);
        let family_now = server.state.store.family(KK_NUMBER)?.expect("registered");
        assert_eq!(family_now.family.members, family.family.members);

        // "Keluar" ends the session on the server too, not only on the device.
        let token = open_with_os_keyring(&data.path().join("kk-mandiri.sqlite3"))?
            .account_session()?
            .expect("logged in")
            .token;
        assert!(session_works(&server, &token).await?);
        app.click("#logout").await?;
        app.element("#login-nik").await?;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while session_works(&server, &token).await? {
            anyhow::ensure!(
                std::time::Instant::now() < deadline,
                "the session outlived the logout"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        app.close().await?;
        server.stop().await
    })
    .await
}
