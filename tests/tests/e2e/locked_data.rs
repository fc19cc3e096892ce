//! An encrypted database whose key is not in the keyring: the app says so plainly, in
//! Indonesian, and leaves the file exactly as it was (no crash, no new empty database).

use kk_device_store::{DeviceStore, Owner, StoreKey};
use kk_e2e::{RealApp, once_more_if_the_web_process_died};

#[tokio::test]
async fn a_database_without_its_key_gets_a_clear_message_and_is_left_untouched()
-> anyhow::Result<()> {
    once_more_if_the_web_process_died(|| async {
        let data = tempfile::tempdir()?;
        let database = data.path().join("kk-mandiri.sqlite3");
        {
            // Written under a key the keyring never saw, as after a keyring was reset.
            let mut store = DeviceStore::open(&database, &StoreKey::random())?;
            store.create_draft(&Owner::Device, &kk_domain::sample::valid_family())?;
        }
        let before = std::fs::read(&database)?;

        let app = RealApp::launch(data.path()).await?;
        app.wait_for_text("#startup-problem-title", "the problem's title", |t| {
            t == "KK Mandiri tidak dapat membuka datanya"
        })
        .await?;
        let message = app.text_of("[data-code='store.key_missing']").await?;
        assert!(
            message.starts_with("Kunci untuk membuka data di perangkat ini tidak ada"),
            "{message}"
        );
        assert!(message.contains("Data tidak dihapus"), "{message}");
        app.screenshot("locked-data").await?;
        app.close().await?;

        assert_eq!(std::fs::read(&database)?, before, "the file is untouched");
        let names: Vec<String> = std::fs::read_dir(data.path())?
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names
                .iter()
                .all(|name| name.starts_with("kk-mandiri.sqlite3")),
            "no other database was made: {names:?}"
        );
        Ok(())
    })
    .await
}
