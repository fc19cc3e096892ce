//! The layout from a 360 px phone to a 1920×1080 kiosk: no page scrolls sideways, and each
//! size leaves a screenshot to look at.

use kk_e2e::RealApp;

/// How far the page reaches past the window's right edge, in CSS pixels; 0 when nothing does.
const SIDEWAYS_OVERFLOW: &str =
    "return Math.max(0, document.documentElement.scrollWidth - window.innerWidth);";

async fn assert_fits_sideways(app: &RealApp, page: &str) -> anyhow::Result<()> {
    let overflow = app.client().execute(SIDEWAYS_OVERFLOW, vec![]).await?;
    assert_eq!(
        overflow.as_f64(),
        Some(0.0),
        "{page} reaches {overflow} px past the right edge"
    );
    Ok(())
}

#[tokio::test]
async fn every_page_fits_a_phone_and_a_kiosk_screen_without_sideways_scrolling()
-> anyhow::Result<()> {
    for (size, width, height) in [("360", 360, 740), ("1920", 1920, 1080)] {
        let data = tempfile::tempdir()?;
        let app = RealApp::launch(data.path()).await?;
        app.client().set_window_size(width, height).await?;
        let inner_width = app
            .client()
            .execute("return window.innerWidth;", vec![])
            .await?;
        assert_eq!(inner_width.as_u64(), Some(width as u64), "window width");

        app.element("[data-service='change.birth']").await?;
        assert_fits_sideways(&app, "home").await?;
        app.screenshot(&format!("layout-{size}-home")).await?;

        app.click("[data-service='change.birth']").await?;
        app.element("[data-step='review']").await?;
        assert_fits_sideways(&app, "task list").await?;
        app.screenshot(&format!("layout-{size}-tasks")).await?;

        app.click("[data-step='members'] .task-name").await?;
        app.click("#add-member").await?;
        app.type_into("[id='members[0].nik']", "3201011205900001")
            .await?;
        app.wait_for_text(".nik-decoded", "the decoded NIK", |t| !t.is_empty())
            .await?;
        assert_fits_sideways(&app, "member form").await?;
        app.screenshot(&format!("layout-{size}-member")).await?;
        app.close().await?;
    }
    Ok(())
}
