//! The layout from a 360 px phone to a 1920×1080 kiosk: no page scrolls sideways, and each
//! size leaves a screenshot to look at.

use kk_e2e::{RealApp, once_more_if_the_web_process_died};

/// How far the page reaches past the window's right edge, in CSS pixels; 0 when nothing does.
const SIDEWAYS_OVERFLOW: &str =
    "return Math.max(0, document.documentElement.scrollWidth - window.innerWidth);";

/// The page process learns of a new window size a moment after WebDriver sets it.
async fn wait_for_window_width(app: &RealApp, width: u32) -> anyhow::Result<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let inner_width = app
            .client()
            .execute("return window.innerWidth;", vec![])
            .await?;
        if inner_width.as_u64() == Some(u64::from(width)) {
            return Ok(());
        }
        anyhow::ensure!(
            std::time::Instant::now() < deadline,
            "the window is {inner_width} px wide, not {width}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

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
    once_more_if_the_web_process_died(|| async {
        for (size, width, height) in [("360", 360, 740), ("1920", 1920, 1080)] {
            let data = tempfile::tempdir()?;
            let app = RealApp::launch(data.path()).await?;
            app.client().set_window_size(width, height).await?;
            wait_for_window_width(&app, width).await?;

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
    })
    .await
}
