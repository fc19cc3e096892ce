//! The family from the register through the real app: a citizen who stands on a demo KK logs
//! in, shows their family on "KK saya", sees it again with no server at all, and a "Kelahiran"
//! starts with the three members already there; removing one marks them as leaving, and
//! "Periksa & kirim" lists who stays and who leaves.

use kk_e2e::{RealApp, once_more_if_the_web_process_died};

const NIK: &str = "3201011205900001";
const PASSWORD: &str = "bunga mawar merah";

#[tokio::test]
async fn a_citizen_shows_their_family_offline_and_a_birth_starts_from_it() -> anyhow::Result<()> {
    once_more_if_the_web_process_died(|| async {
        let server_data = tempfile::tempdir()?;
        let server = kk_server::start(kk_e2e::server_config(server_data.path())).await?;
        kk_e2e::load_demo_register(&server)?;
        kk_e2e::verified_citizen(&server, NIK, PASSWORD).await?;
        let data = tempfile::tempdir()?;
        let app =
            RealApp::launch_with(data.path(), &[("KK_MANDIRI_SERVER_URL", &server.url())]).await?;
        app.log_in(NIK, PASSWORD).await?;

        // A number the citizen is not on is refused; their own shows the family.
        app.click("#open-my-kk").await?;
        app.type_into("#family-kk-number", "3201011502120007")
            .await?;
        app.click("#family-fetch").await?;
        app.wait_for_text("#family .error-notice", "the refusal", |t| {
            t.starts_with("Tidak ada KK dengan nomor ini yang mencantumkan NIK Anda")
        })
        .await?;
        app.type_into("#family-kk-number", "3201 0120 0615 0003")
            .await?;
        app.click("#family-fetch").await?;
        app.wait_for_count(".family-member", 3).await?;
        assert_eq!(app.text_of("#family-number").await?, "3201012006150003");
        app.assert_accessible("my-family").await?;
        app.screenshot("my-family").await?;
        app.close().await?;

        // No server: the family is still on the device.
        server.stop().await?;
        let app = RealApp::launch_with(
            data.path(),
            &[("KK_MANDIRI_SERVER_URL", "http://127.0.0.1:9")],
        )
        .await?;
        app.click("#open-my-kk").await?;
        app.wait_for_count(".family-member", 3).await?;

        // A birth starts from it: the three members are there, the KK number too.
        app.click("#back-home").await?;
        app.click("[data-service='change.birth']").await?;
        app.click("[data-step='members'] .task-name").await?;
        app.wait_for_count(".member-row", 3).await?;
        app.screenshot("family-birth-prefilled").await?;

        // Someone on the KK cannot just vanish: removing Rizky marks him as leaving.
        app.click(".member-row[data-member='2'] .remove-member")
            .await?;
        app.click(".member-row[data-member='2'] .confirm-remove")
            .await?;
        app.wait_for_count(".member-row[data-member='2'] .change-leaving", 1)
            .await?;
        app.wait_for_count(".member-row", 3).await?;
        // A birth gives no reason for anyone to leave; the row says so, for the officer to ask.
        assert_eq!(
            app.text_of(".member-row[data-member='2'] .leaving-reason")
                .await?,
            "alasan belum disebut"
        );
        app.scroll_to(".member-row[data-member='2']").await?;
        app.screenshot("family-member-leaving").await?;

        // "Periksa & kirim" shows what the application changes on the KK.
        app.click("#back-to-tasks").await?;
        app.click("[data-step='review'] .task-name").await?;
        app.wait_for_count("#family-changes > li.change-unchanged", 2)
            .await?;
        app.wait_for_count("#family-changes > li.change-leaving", 1)
            .await?;
        assert_eq!(
            app.text_of("#family-changes > li.change-leaving .leaving-reason")
                .await?,
            "alasan belum disebut"
        );
        app.scroll_to("#family-changes").await?;
        app.screenshot("family-review-changes").await?;
        app.close().await?;
        Ok(())
    })
    .await
}
