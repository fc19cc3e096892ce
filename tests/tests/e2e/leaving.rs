//! Nothing typed is lost by leaving. Autosave's timer is set to a minute here, so a save seen
//! within the test was made by leaving, not by the timer: text typed and then left at once, by
//! "← Beranda", by the window losing focus, and by the page being hidden, is all on disk when
//! the killed app is opened again.

use kk_e2e::{RealApp, once_more_if_the_web_process_died};

const SAVED: &str = "Tersimpan di perangkat ini";

async fn open_the_first_member(app: &RealApp) -> anyhow::Result<()> {
    app.click(".draft-row .resume").await?;
    app.click("[data-step='members'] .task-name").await?;
    app.click(".member-row[data-member='0'] .edit-member").await
}

#[tokio::test]
async fn text_typed_and_left_at_once_is_kept() -> anyhow::Result<()> {
    once_more_if_the_web_process_died(|| async {
        let data = tempfile::tempdir()?;
        let slow_timer = [("KK_MANDIRI_SAVE_DELAY_MS", "60000")];
        let app = RealApp::launch_with(data.path(), &slow_timer).await?;
        app.click("[data-service='change.birth']").await?;
        app.click("[data-step='members'] .task-name").await?;
        app.click("#add-member").await?;

        // Typed, then "← Beranda" straight away.
        app.type_without_waiting("[id='members[0].full_name']", "Budi Santoso")
            .await?;
        app.click("#back-home").await?;
        app.wait_for_text(".draft-row .draft-family", "the name on the draft", |t| {
            t == "Budi Santoso"
        })
        .await?;

        // Typed, then the window loses focus (another app comes to the front).
        open_the_first_member(&app).await?;
        app.type_without_waiting("[id='members[0].birth_place']", "Bogor")
            .await?;
        app.client()
            .execute("window.dispatchEvent(new Event('blur'));", vec![])
            .await?;
        app.wait_for_text("#save-state", "saved on blur", |t| t == SAVED)
            .await?;

        // Typed, then the page is hidden (the phone is locked, the app goes to the background).
        app.type_without_waiting("[id='members[0].father_name']", "Slamet Santoso")
            .await?;
        app.client()
            .execute(
                "document.dispatchEvent(new Event('visibilitychange', {bubbles: true}));",
                vec![],
            )
            .await?;
        app.wait_for_text("#save-state", "saved when hidden", |t| t == SAVED)
            .await?;
        app.kill_app().await?;

        let app = RealApp::launch_with(data.path(), &slow_timer).await?;
        open_the_first_member(&app).await?;
        assert_eq!(
            app.value_of("[id='members[0].full_name']").await?,
            "Budi Santoso"
        );
        assert_eq!(
            app.value_of("[id='members[0].birth_place']").await?,
            "Bogor"
        );
        assert_eq!(
            app.value_of("[id='members[0].father_name']").await?,
            "Slamet Santoso"
        );
        app.close().await
    })
    .await
}
