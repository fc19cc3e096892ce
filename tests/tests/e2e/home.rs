//! The home page: Bahasa Indonesia first, the ID/EN toggle, and the version from the shell.

use kk_e2e::RealApp;

#[tokio::test]
async fn the_home_page_speaks_bahasa_indonesia_and_switches_to_english_and_back()
-> anyhow::Result<()> {
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
}
