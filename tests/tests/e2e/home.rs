//! The home page: Bahasa Indonesia first, the ID/EN toggle, and the version from the shell.

use kk_e2e::{RealApp, once_more_if_the_web_process_died};

#[tokio::test]
async fn the_home_page_speaks_bahasa_indonesia_and_switches_to_english_and_back()
-> anyhow::Result<()> {
    once_more_if_the_web_process_died(|| async {
        let data = tempfile::tempdir()?;
        let app = RealApp::launch(data.path()).await?;

        assert_eq!(app.text_of("#home-title").await?, "Pilih layanan");
        assert_eq!(app.text_of("#language-toggle").await?, "English");
        let services = app.texts_of_all("#group-change .service").await?;
        assert!(services.contains(&"Kelahiran".to_owned()), "{services:?}");
        // The version comes from the shell's `app_info` command: a real IPC round trip.
        app.wait_for_text("#app-version", "the shell's version", |text| {
            text == env!("CARGO_PKG_VERSION")
        })
        .await?;
        app.screenshot("home-id").await?;
        // Opening a draft comes next for most citizens: its chunk loads in the background first.
        app.element("body[data-wizard-loaded]").await?;

        app.click("#language-toggle").await?;
        app.wait_for_text("#home-title", "English", |text| text == "Choose a service")
            .await?;
        assert_eq!(app.text_of("#language-toggle").await?, "Bahasa Indonesia");
        let services = app.texts_of_all("#group-change .service").await?;
        assert!(services.contains(&"Birth".to_owned()), "{services:?}");
        assert_eq!(
            app.attribute_of("html", "lang").await?.as_deref(),
            Some("en")
        );
        app.screenshot("home-en").await?;

        app.click("#language-toggle").await?;
        app.wait_for_text("#home-title", "Bahasa Indonesia again", |text| {
            text == "Pilih layanan"
        })
        .await?;
        app.close().await
    })
    .await
}

/// WebKit's web process can die under the app: Mesa's software renderer crashed it under Xvfb,
/// as it could on a kiosk without a GPU. The app starts a new one and loads its page again, so
/// the citizen is not left with a blank window. WebDriver, though, ends its session on a page
/// crash ("session deleted because of page crash or hang"): that answer is what makes an e2e
/// test run once more (`kk_e2e::once_more_if_the_web_process_died`), and this test pins it.
#[tokio::test]
async fn the_page_comes_back_by_itself_when_its_web_process_dies() -> anyhow::Result<()> {
    let data = tempfile::tempdir()?;
    let app = RealApp::launch(data.path()).await?;
    app.element("body[data-wizard-loaded]").await?;
    let before = app.web_process_ids()?;
    app.kill_web_process()?;

    // The app loads its page in a new web process.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let now = app.web_process_ids()?;
        if now.iter().any(|pid| !before.contains(pid)) {
            break;
        }
        anyhow::ensure!(
            std::time::Instant::now() < deadline,
            "no new web process: the page was not loaded again (before {before:?}, now {now:?})"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // And WebDriver's session did not survive the crash.
    let lost = app
        .element("#home-title")
        .await
        .expect_err("the session is gone");
    assert!(kk_e2e::web_process_died(&lost), "{lost:?}");
    Ok(())
}

/// Makes every later fetch of `file` fail, as if the app's copy were missing or damaged;
/// `restore` puts the browser's own fetch back.
const BREAK_FETCH_OF: &str = "const file = arguments[0];
    window.originalFetch = window.originalFetch || window.fetch;
    window.fetch = (url, options) => String(url).endsWith('/' + file)
        ? Promise.reject(new TypeError('missing for the test: ' + file))
        : window.originalFetch(url, options);";
const RESTORE_FETCH: &str = "window.fetch = window.originalFetch;";

#[tokio::test]
async fn a_page_whose_code_does_not_load_says_so_and_opens_once_it_can() -> anyhow::Result<()> {
    once_more_if_the_web_process_died(|| async {
        let data = tempfile::tempdir()?;
        let app = RealApp::launch(data.path()).await?;
        app.element("#home-title").await?;
        app.client()
            .execute(BREAK_FETCH_OF, vec!["split_verify_page.wasm".into()])
            .await?;

        app.click("#open-verify").await?;
        let notice = app
            .element(".error-notice[data-code='ui.chunk_not_loaded']")
            .await?;
        let text = notice.text().await?;
        assert!(text.starts_with("Halaman ini tidak dapat dimuat"), "{text}");
        app.wait_for_count(".page-loading", 0).await?;
        app.screenshot("page-not-loaded").await?;
        app.assert_accessible("page-not-loaded").await?;

        // The way home still works, and the page opens once its file loads.
        app.click("#back-home").await?;
        app.element("#home-title").await?;
        app.client().execute(RESTORE_FETCH, vec![]).await?;
        app.click("#open-verify").await?;
        app.element("#verify-title").await?;
        app.close().await
    })
    .await
}
