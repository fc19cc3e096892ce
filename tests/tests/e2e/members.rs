//! The members step: a member's form shows what the NIK encodes, warns (without blocking) when
//! the birth date disagrees with it, explains an unreadable date, and the list adds and removes.

use kk_e2e::{RealApp, once_more_if_the_web_process_died};

/// What the form reads out of NIK 3201011205900001.
const DECODED_NIK: &str = "Menurut NIK: laki-laki, lahir 12-05-1990, pertama terdaftar di \
    Cibinong, Kabupaten Bogor, Jawa Barat (32.01.01)";

#[tokio::test]
async fn a_member_form_decodes_the_nik_and_the_list_adds_and_removes_members() -> anyhow::Result<()>
{
    once_more_if_the_web_process_died(|| async {
        let data = tempfile::tempdir()?;
        let app = RealApp::launch(data.path()).await?;
        app.click("[data-service='change.birth']").await?;
        app.click("[data-step='members'] .task-name").await?;
        app.wait_for_text("#step-title", "the members page", |t| {
            t == "Anggota keluarga"
        })
        .await?;

        app.click("#add-member").await?;
        app.wait_for_text("#step-title", "the first member's form", |t| {
            t == "Anggota keluarga 1"
        })
        .await?;
        assert_eq!(
            app.value_of("[id='members[0].relationship']").await?,
            "1",
            "the first member is the head"
        );
        app.type_into("[id='members[0].full_name']", "Budi Santoso")
            .await?;
        app.type_into("[id='members[0].nik']", "3201 0112 0590 0001")
            .await?;
        app.wait_for_text("#nik-decoded", "the decoded NIK", |t| t == DECODED_NIK)
            .await?;

        // Messages appear once the member is finished once, then follow every keystroke.
        app.click("#member-done").await?;
        app.click("[data-member='0'] .edit-member").await?;
        app.type_into("[id='members[0].birth_date']", "31-02-1990")
            .await?;
        app.wait_for_text(
            "[data-code='date.unreadable']",
            "the unreadable date",
            |t| t.starts_with("Tanggal ini tidak dapat dibaca"),
        )
        .await?;
        app.type_into("[id='members[0].birth_date']", "13-05-1990")
            .await?;
        app.wait_for_text(
            "[id='members[0].nik-messages'] .field-warning",
            "the NIK date warning",
            |t| t.starts_with("Tanggal lahir berbeda dengan yang tersirat di NIK"),
        )
        .await?;
        app.screenshot("step-member-form").await?;
        app.type_into("[id='members[0].birth_date']", "12-05-1990")
            .await?;
        app.wait_for_count("[id='members[0].nik-messages'] .field-warning", 0)
            .await?;

        app.click("#member-done").await?;
        app.wait_for_count(".member-row", 1).await?;
        assert_eq!(
            app.text_of("[data-member='0'] .member-name").await?,
            "Budi Santoso"
        );
        app.click("#add-member").await?;
        app.wait_for_text("#step-title", "the second member's form", |t| {
            t == "Anggota keluarga 2"
        })
        .await?;
        app.click("#member-done").await?;
        app.wait_for_count(".member-row", 2).await?;
        app.screenshot("step-members").await?;
        app.click("[data-member='1'] .remove-member").await?;
        app.click("[data-member='1'] .confirm-remove").await?;
        app.wait_for_count(".member-row", 1).await?;
        app.wait_for_text("#save-state", "saved", |t| {
            t == "Tersimpan di perangkat ini"
        })
        .await?;

        // The check-answers page lists the member, says what still blocks sending, and its
        // "Ubah" links lead back to the service page and into that member's form.
        app.click("#back-to-tasks").await?;
        app.click("[data-step='review'] .task-name").await?;
        app.wait_for_text("#step-title", "the review page", |t| {
            t == "Periksa jawaban Anda"
        })
        .await?;
        assert!(
            app.text_of("#review-status")
                .await?
                .starts_with("Masih ada")
        );
        let rows = app.texts_of_all(".summary-row").await?;
        assert!(
            rows.iter()
                .any(|row| row.contains("Budi Santoso") && row.contains("3201 0112 0590 0001")),
            "{rows:?}"
        );
        app.screenshot("review").await?;
        app.click(".summary-row:nth-child(1) .change-answer")
            .await?;
        app.wait_for_text("#step-title", "the service page", |t| {
            t == "Layanan apa yang Anda butuhkan?"
        })
        .await?;
        app.click("#back-to-tasks").await?;
        app.click("[data-step='review'] .task-name").await?;
        app.click("dl.summary:nth-of-type(3) .change-answer")
            .await?;
        app.wait_for_text("#step-title", "the member's form", |t| {
            t == "Anggota keluarga 1"
        })
        .await?;
        app.close().await
    })
    .await
}
