//! The whole journey of "add a newborn" (Perubahan data → kelahiran): every page filled in,
//! a validation error seen and fixed on the way, the check-answers page reached with nothing
//! left to fix, then the app killed and the draft found intact and ready.

use kk_e2e::{RealApp, once_more_if_the_web_process_died};

const SAVED: &str = "Tersimpan di perangkat ini";

/// One member's answers, as a citizen would type and pick them.
struct Answers {
    name: &'static str,
    nik: &'static str,
    relationship: &'static str,
    sex: &'static str,
    birth_place: &'static str,
    birth_date: &'static str,
    education: &'static str,
    occupation: &'static str,
    marital_status: &'static str,
    marriage: Option<(&'static str, &'static str)>,
    father: &'static str,
    mother: &'static str,
}

const HEAD: Answers = Answers {
    name: "Budi Santoso",
    nik: "3201011205900001",
    relationship: "1",
    sex: "1",
    birth_place: "Bogor",
    birth_date: "12-05-1990",
    education: "8",
    occupation: "15",
    marital_status: "2",
    marriage: Some(("3201-KW-06062015-0012", "20-06-2015")),
    father: "Slamet Santoso",
    mother: "Sri Wahyuni",
};

const WIFE: Answers = Answers {
    name: "Siti Aminah",
    nik: "3201015708920002",
    relationship: "3",
    sex: "2",
    birth_place: "Jakarta",
    birth_date: "17-08-1992",
    education: "5",
    occupation: "2",
    marital_status: "2",
    marriage: Some(("3201-KW-06062015-0012", "20-06-2015")),
    father: "Ahmad Yani",
    mother: "Dewi Lestari",
};

const NEWBORN: Answers = Answers {
    name: "Putri Ayu Santoso",
    nik: "",
    relationship: "4",
    sex: "2",
    birth_place: "Bogor",
    birth_date: "01-10-2026",
    education: "1",
    occupation: "1",
    marital_status: "1",
    marriage: None,
    father: "Budi Santoso",
    mother: "Siti Aminah",
};

async fn fill_member(app: &RealApp, index: usize, answers: &Answers) -> anyhow::Result<()> {
    let field = |name: &str| format!("[id='members[{index}].{name}']");
    app.click("#add-member").await?;
    app.type_into(&field("full_name"), answers.name).await?;
    if !answers.nik.is_empty() {
        app.type_into(&field("nik"), answers.nik).await?;
    }
    app.choose(&field("relationship"), answers.relationship)
        .await?;
    app.choose(&field("sex"), answers.sex).await?;
    app.type_into(&field("birth_place"), answers.birth_place)
        .await?;
    app.type_into(&field("birth_date"), answers.birth_date)
        .await?;
    app.choose(&field("religion"), "1").await?;
    app.choose(&field("education"), answers.education).await?;
    app.choose(&field("occupation"), answers.occupation).await?;
    app.choose(&field("blood_type"), "13").await?;
    app.choose(&field("marital_status"), answers.marital_status)
        .await?;
    if let Some((certificate, date)) = answers.marriage {
        app.type_into(&field("marriage_certificate_number"), certificate)
            .await?;
        app.type_into(&field("marriage_date"), date).await?;
    }
    app.choose(&field("citizenship"), "1").await?;
    app.type_into(&field("father_name"), answers.father).await?;
    app.type_into(&field("mother_name"), answers.mother).await?;
    if index == 0 {
        app.assert_accessible("newborn-3-member-form").await?;
    }
    app.click("#member-done").await?;
    app.wait_for_count(".member-row", index + 1).await
}

#[tokio::test]
async fn a_newborn_is_added_through_every_page_and_the_finished_draft_survives_a_kill()
-> anyhow::Result<()> {
    once_more_if_the_web_process_died(|| async {
        let files = tempfile::tempdir()?;
        let scan = files.path().join("scan.jpg");
        std::fs::write(&scan, kk_attachments::sample::phone_photo_jpeg(1600, 1200))?;
        let data = tempfile::tempdir()?;
        let app = RealApp::launch(data.path()).await?;
        app.element("[data-service='change.birth']").await?;
        app.assert_accessible("home").await?;
        app.click("[data-service='change.birth']").await?;
        app.element("[data-step='review']").await?;
        app.assert_accessible("task-list").await?;

        // Layanan, with a mistyped KK number fixed on the way.
        app.click("[data-step='service'] .task-name").await?;
        app.type_into("[id='existing_kk_number']", "3201 0120 0615 003")
            .await?;
        app.click("#continue").await?;
        app.wait_for_text("#error-summary li", "the length error", |t| {
            t == "Nomor KK harus 16 digit; yang diisi 15 digit."
        })
        .await?;
        app.assert_accessible("newborn-1-service-error").await?;
        app.type_into("[id='existing_kk_number']", "3201 0120 0615 0003")
            .await?;
        app.screenshot("newborn-1-service").await?;
        app.assert_accessible("newborn-1-service").await?;
        app.click("#continue").await?;

        // Alamat.
        app.click("[data-step='address'] .task-name").await?;
        app.choose("[id='address.province']", "32").await?;
        app.choose("[id='address.regency']", "32.01").await?;
        app.choose("[id='address.district']", "32.01.01").await?;
        app.choose("[id='address.village']", "32.01.01.1002")
            .await?;
        app.type_into("[id='address.street']", "Jalan Mawar No. 7")
            .await?;
        app.type_into("[id='address.rt']", "003").await?;
        app.type_into("[id='address.rw']", "009").await?;
        app.screenshot("newborn-2-address").await?;
        app.assert_accessible("newborn-2-address").await?;
        app.click("#continue").await?;

        // Anggota keluarga: the parents and the baby.
        app.click("[data-step='members'] .task-name").await?;
        fill_member(&app, 0, &HEAD).await?;
        fill_member(&app, 1, &WIFE).await?;
        fill_member(&app, 2, &NEWBORN).await?;
        let picture = app
            .attribute_of("#family-diagram", "aria-label")
            .await?
            .unwrap_or_default();
        assert_eq!(
            picture,
            "Budi Santoso (Kepala Keluarga), Siti Aminah (Istri), Putri Ayu Santoso (Anak)"
        );
        app.screenshot("newborn-3-members").await?;
        app.assert_accessible("newborn-3-members").await?;
        app.click("#continue").await?;

        // Dokumen.
        app.click("[data-step='documents'] .task-name").await?;
        app.attach_file("#attach-kk_lama", &scan).await?;
        app.wait_for_count(".attached-document", 1).await?;
        app.attach_file("#attach-akta_kelahiran", &scan).await?;
        app.wait_for_count(".attached-document", 2).await?;
        app.screenshot("newborn-4-documents").await?;
        app.assert_accessible("newborn-4-documents").await?;
        app.click("#continue").await?;

        // Pengambilan keeps its default, download and print.
        app.click("[data-step='pickup'] .task-name").await?;
        // Every change so far is on disk before the app is killed below (the check-answers page
        // shows no save state).
        app.wait_for_text("#save-state", "saved", |t| t == SAVED)
            .await?;
        app.screenshot("newborn-5-pickup").await?;
        app.assert_accessible("newborn-5-pickup").await?;
        app.click("#continue").await?;

        for step in ["service", "address", "members", "documents", "pickup"] {
            let status = app
                .text_of(&format!("[data-step='{step}'] .status"))
                .await?;
            assert_eq!(status, "Selesai", "{step}");
        }
        app.click("[data-step='review'] .task-name").await?;
        app.wait_for_text("#review-status", "complete", |t| {
            t.starts_with("Semua bagian sudah lengkap")
        })
        .await?;
        app.screenshot("newborn-6-review").await?;
        app.assert_accessible("newborn-6-review").await?;

        app.kill_app().await?;
        let app = RealApp::launch(data.path()).await?;
        app.wait_for_text(".draft-row .draft-family", "the family's name", |t| {
            t == "Budi Santoso"
        })
        .await?;
        assert_eq!(app.text_of(".draft-row .pill").await?, "Siap dikirim");
        app.assert_accessible("drafts-list").await?;
        app.close().await
    })
    .await
}
