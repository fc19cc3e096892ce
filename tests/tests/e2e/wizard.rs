//! The wizard's pages: errors appear in a summary and beside the field once "Lanjutkan" is
//! pressed and follow every keystroke after, warnings show without blocking, the region picker
//! cascades and fills in the postal code, and every answer survives the app being killed.

use kk_e2e::{RealApp, once_more_if_the_web_process_died};

const SAVED: &str = "Tersimpan di perangkat ini";

#[tokio::test]
async fn the_service_and_address_pages_check_as_you_type_and_keep_every_answer()
-> anyhow::Result<()> {
    once_more_if_the_web_process_died(|| async {
        let data = tempfile::tempdir()?;
        let app = RealApp::launch(data.path()).await?;
        app.click("[data-service='change.birth']").await?;
        app.click("[data-step='service'] .task-name").await?;
        app.wait_for_text("#step-title", "the service question", |t| {
            t == "Layanan apa yang Anda butuhkan?"
        })
        .await?;

        // Continuing without the KK number shows the summary; a wrong number is explained inline.
        app.click("#continue").await?;
        app.wait_for_text("#error-summary li", "the missing KK number", |t| {
            t == "Nomor KK wajib diisi."
        })
        .await?;
        app.type_into("[id='existing_kk_number']", "12").await?;
        app.wait_for_text(
            "[id='existing_kk_number-messages'] .field-error",
            "the length error",
            |t| t == "Nomor KK harus 16 digit; yang diisi 2 digit.",
        )
        .await?;
        app.screenshot("step-service-error").await?;
        app.type_into("[id='existing_kk_number']", "3201 0120 0615 0003")
            .await?;
        app.wait_for_count("#error-summary", 0).await?;
        app.click("#continue").await?;
        app.wait_for_text("[data-step='service'] .status", "complete", |t| {
            t == "Selesai"
        })
        .await?;

        // The region chain, searched and picked level by level; the village brings its postal code.
        app.click("[data-step='address'] .task-name").await?;
        app.choose("[id='address.province']", "32").await?;
        app.choose("[id='address.regency']", "32.01").await?;
        app.type_into("[id='address.district-search']", "cibin")
            .await?;
        app.wait_for_count("[id='address.district'] option", 2)
            .await?;
        app.choose("[id='address.district']", "32.01.01").await?;
        app.choose("[id='address.village']", "32.01.01.1002")
            .await?;
        app.wait_for_text("#save-state", "saved", |t| t == SAVED)
            .await?;
        assert_eq!(app.value_of("[id='address.postal_code']").await?, "16913");
        app.type_into("[id='address.rt']", "3A").await?;
        app.type_into("[id='address.rw']", "009").await?;

        // "Lanjutkan" without a street: the error blocks; the RT warning shows but would not.
        app.click("#continue").await?;
        app.wait_for_text("#error-summary li", "the missing street", |t| {
            t == "Isi alamat (jalan, nomor rumah, dusun)."
        })
        .await?;
        app.wait_for_text(
            "[id='address.rt-messages'] .field-warning",
            "the RT warning",
            |t| t.starts_with("RT biasanya berupa angka"),
        )
        .await?;
        app.screenshot("step-address").await?;
        app.type_into("[id='address.street']", "Jalan Mawar No. 7")
            .await?;
        app.wait_for_count("#error-summary", 0).await?;
        app.wait_for_text("#save-state", "saved", |t| t == SAVED)
            .await?;
        app.click("#continue").await?;
        app.wait_for_text("[data-step='address'] .status", "complete", |t| {
            t == "Selesai"
        })
        .await?;
        app.kill_app().await?;

        let app = RealApp::launch(data.path()).await?;
        app.click(".draft-row .resume").await?;
        app.wait_for_text("[data-step='service'] .status", "still complete", |t| {
            t == "Selesai"
        })
        .await?;
        app.wait_for_text("[data-step='address'] .status", "still complete", |t| {
            t == "Selesai"
        })
        .await?;
        app.click("[data-step='address'] .task-name").await?;
        assert_eq!(
            app.value_of("[id='address.street']").await?,
            "Jalan Mawar No. 7"
        );
        assert_eq!(
            app.value_of("[id='address.village']").await?,
            "32.01.01.1002"
        );
        app.close().await
    })
    .await
}
