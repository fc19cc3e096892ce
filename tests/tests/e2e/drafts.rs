//! Drafts: choosing a service starts a draft with a task list; the drafts list offers resume,
//! duplicate and delete (with a confirmation); drafts outlive a restart of the app.

use kk_e2e::{RealApp, once_more_if_the_web_process_died};

#[tokio::test]
async fn a_draft_started_from_a_service_is_listed_kept_across_a_restart_and_can_be_managed()
-> anyhow::Result<()> {
    once_more_if_the_web_process_died(|| async {
        let data = tempfile::tempdir()?;
        let app = RealApp::launch(data.path()).await?;
        app.wait_for_count("#my-drafts", 0).await?;

        app.click("[data-service='change.birth']").await?;
        app.wait_for_text("#draft-title", "the birth service", |text| {
            text == "Perubahan data: kelahiran"
        })
        .await?;
        // Only the current KK number is missing from the first section so far.
        assert_eq!(
            app.text_of("[data-step='service'] .status").await?,
            "1 perlu diperbaiki"
        );
        assert_eq!(
            app.text_of("[data-step='review'] .status").await?,
            "Lengkapi bagian di atas dulu"
        );
        app.screenshot("draft-task-list").await?;

        app.click("#back-home").await?;
        app.wait_for_count("#my-drafts .draft-row", 1).await?;
        assert_eq!(
            app.text_of(".draft-row .draft-service").await?,
            "Perubahan data: kelahiran"
        );
        assert_eq!(
            app.text_of(".draft-row .draft-family").await?,
            "Belum ada nama"
        );
        app.close().await?;

        // A new process on the same data: the draft is still there.
        let app = RealApp::launch(data.path()).await?;
        app.wait_for_count("#my-drafts .draft-row", 1).await?;
        app.click(".draft-row .duplicate").await?;
        app.wait_for_count("#my-drafts .draft-row", 2).await?;
        app.screenshot("drafts-list").await?;

        app.click(".draft-row .delete").await?;
        assert_eq!(
            app.text_of(".draft-row .confirm").await?,
            "Hapus draf ini? Isian yang sudah diketik akan hilang."
        );
        app.click(".draft-row .cancel-delete").await?;
        app.wait_for_count(".draft-row .confirm", 0).await?;
        app.wait_for_count("#my-drafts .draft-row", 2).await?;
        app.click(".draft-row .delete").await?;
        app.click(".draft-row .confirm-delete").await?;
        app.wait_for_count("#my-drafts .draft-row", 1).await?;

        app.click(".draft-row .resume").await?;
        app.wait_for_text("#draft-title", "the resumed draft", |text| {
            text == "Perubahan data: kelahiran"
        })
        .await?;
        app.close().await
    })
    .await
}
