//! The documents step: a phone photo is attached, shrunk and shown as a thumbnail; an `.exe`
//! renamed `.jpg` is refused with a message that says what it really is.

use kk_e2e::{RealApp, once_more_if_the_web_process_died};

#[tokio::test]
async fn a_photo_is_attached_with_a_thumbnail_and_a_disguised_program_is_refused()
-> anyhow::Result<()> {
    once_more_if_the_web_process_died(|| async {
        let files = tempfile::tempdir()?;
        let photo = files.path().join("kk-lama.jpg");
        std::fs::write(&photo, kk_attachments::sample::phone_photo_jpeg(4000, 3000))?;
        let disguised = files.path().join("akta-kelahiran.jpg");
        let mut program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
        program.resize(8192, 0);
        std::fs::write(&disguised, program)?;

        let data = tempfile::tempdir()?;
        let app = RealApp::launch(data.path()).await?;
        app.click("[data-service='change.birth']").await?;
        app.click("[data-step='documents'] .task-name").await?;
        app.wait_for_text("#step-title", "the documents page", |t| t == "Dokumen")
            .await?;

        app.attach_file("#attach-kk_lama", &photo).await?;
        app.wait_for_count(".attached-document", 1).await?;
        app.element(".attached-document img.thumbnail").await?;
        let attached = app.text_of(".attached-document .attached-name").await?;
        assert!(
            attached.starts_with("Terlampir: kk-lama.jpg ("),
            "{attached}"
        );

        app.attach_file("#attach-akta_kelahiran", &disguised)
            .await?;
        app.wait_for_text(
            "[data-kind='akta_kelahiran'] .error-notice",
            "the refusal",
            |t| t.starts_with("Berkas ini sebenarnya berjenis .exe"),
        )
        .await?;
        app.wait_for_count(".attached-document", 1).await?;
        app.wait_for_text("#save-state", "saved", |t| {
            t == "Tersimpan di perangkat ini"
        })
        .await?;
        app.screenshot("step-documents").await?;
        app.close().await
    })
    .await
}
