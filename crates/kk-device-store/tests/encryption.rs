//! Data at rest: the database file and its WAL hold no plaintext of a citizen's data, a wrong
//! key is refused without touching the file, and a file from before encryption is encrypted
//! with its drafts kept.

mod support;

use kk_device_store::{DeviceStore, NewDocument, Owner, StoreError, StoreKey};
use kk_domain::application::Application;
use kk_domain::sample;

const NIK: &str = "3201011205900001";
const NAME: &str = "SITI NURHALIZA PERTIWI";

fn family_with_known_head() -> Application {
    let mut family = sample::valid_family();
    family.members[0].nik = NIK.to_owned();
    family.members[0].full_name = NAME.to_owned();
    family
}

/// Every file SQLite wrote for `path`: the database, its WAL and shared memory.
fn bytes_on_disk(directory: &std::path::Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(directory).unwrap().flatten() {
        all.extend(std::fs::read(entry.path()).unwrap());
    }
    all
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[test]
fn the_files_on_disk_hold_no_plaintext_of_a_known_nik_or_name() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("kk-mandiri.sqlite3");
    let mut store = DeviceStore::open(&path, &support::test_key()).unwrap();
    let draft = store
        .create_draft(&Owner::Device, &family_with_known_head())
        .unwrap();
    let scan = format!("%PDF-1.7\n({NAME} {NIK})\n%%EOF\n");
    store
        .put_document(
            &Owner::Device,
            &NewDocument {
                sha256: "00",
                media_type: "application/pdf",
                content: scan.as_bytes(),
                thumbnail: None,
            },
        )
        .unwrap();
    store
        .save_draft(&Owner::Device, &draft.id, &family_with_known_head())
        .unwrap();

    // While open (data in the WAL) and after closing (checkpointed into the file).
    for moment in ["open", "closed"] {
        let disk = bytes_on_disk(directory.path());
        assert!(disk.len() > 4096, "{moment}: the store wrote its files");
        // Needles of ten bytes and more: a shorter one turns up in random ciphertext by chance
        // (a four-byte string about once in 4 GB of it).
        for needle in [NIK, NAME, "Siti Aminah", &NIK[..10]] {
            assert!(
                !contains(&disk, needle.as_bytes()),
                "{moment}: {needle:?} is readable on disk"
            );
        }
        assert!(
            !contains(&disk, b"SQLite format 3"),
            "{moment}: a plain SQLite header"
        );
        if moment == "open" {
            drop(std::mem::replace(
                &mut store,
                DeviceStore::open(&directory.path().join("other.sqlite3"), &StoreKey::random())
                    .unwrap(),
            ));
        }
    }
    drop(store);
    // And the data is all there for the right key.
    let store = DeviceStore::open(&path, &support::test_key()).unwrap();
    let draft = store.draft(&Owner::Device, &draft.id).unwrap();
    assert_eq!(draft.application.members[0].nik, NIK);
}

#[test]
fn a_wrong_key_is_refused_and_the_file_is_left_as_it_was() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("kk-mandiri.sqlite3");
    let id = {
        let mut store = DeviceStore::open(&path, &support::test_key()).unwrap();
        store
            .create_draft(&Owner::Device, &family_with_known_head())
            .unwrap()
            .id
    };
    let before = std::fs::read(&path).unwrap();
    let refused = DeviceStore::open(&path, &StoreKey::random());
    assert!(
        matches!(refused, Err(StoreError::WrongKey)),
        "{:?}",
        refused.as_ref().err()
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let store = DeviceStore::open(&path, &support::test_key()).unwrap();
    assert!(store.draft(&Owner::Device, &id).is_ok());
}

#[test]
fn a_file_from_before_encryption_is_encrypted_and_keeps_its_drafts() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("kk-mandiri.sqlite3");
    let id = {
        let mut plain = DeviceStore::open_without_encryption(&path).unwrap();
        plain
            .create_draft(&Owner::Device, &family_with_known_head())
            .unwrap()
            .id
    };
    assert!(contains(&std::fs::read(&path).unwrap(), b"SQLite format 3"));

    let store = DeviceStore::open(&path, &support::test_key()).unwrap();
    assert_eq!(
        store
            .draft(&Owner::Device, &id)
            .unwrap()
            .application
            .members[0]
            .full_name,
        NAME
    );
    drop(store);
    assert!(!contains(&bytes_on_disk(directory.path()), NAME.as_bytes()));
    assert!(kk_device_store::holds_encrypted_data(&path));
    let version: i64 = support::keyed_connection(&path)
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    let fresh = directory.path().join("fresh.sqlite3");
    drop(DeviceStore::open(&fresh, &support::test_key()).unwrap());
    let latest: i64 = support::keyed_connection(&fresh)
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, latest, "the schema version came along");
}
