//! The draft store on a real SQLite file.

mod support;

use kk_device_store::{DeviceStore, DraftId, Owner, StoreError};
use kk_domain::application::{Application, ChangeReason, Service};
use kk_domain::sample;

fn open_in(directory: &tempfile::TempDir) -> DeviceStore {
    DeviceStore::open(
        &directory.path().join("kk-mandiri.sqlite3"),
        &support::test_key(),
    )
    .unwrap()
}

#[test]
fn a_saved_draft_reads_back_whole_after_reopening_the_file() {
    let directory = tempfile::tempdir().unwrap();
    let family = sample::ten_member_family();
    let id = {
        let mut store = open_in(&directory);
        let draft = store
            .create_draft(&Owner::Device, &Application::default())
            .unwrap();
        assert_eq!(draft.revision, 1);
        assert_eq!(
            store
                .save_draft(&Owner::Device, &draft.id, &family)
                .unwrap(),
            2
        );
        draft.id
    };
    let store = open_in(&directory);
    let draft = store.draft(&Owner::Device, &id).unwrap();
    assert_eq!(draft.application, family);
    assert_eq!(draft.revision, 2);
    store.check_integrity().unwrap();
}

#[test]
fn drafts_are_listed_most_recent_first() {
    let directory = tempfile::tempdir().unwrap();
    let mut store = open_in(&directory);
    let older = store
        .create_draft(&Owner::Device, &Application::default())
        .unwrap();
    let newer = store
        .create_draft(&Owner::Device, &Application::default())
        .unwrap();
    let ids: Vec<DraftId> = store
        .drafts(&Owner::Device)
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, [newer.id.clone(), older.id.clone()]);
    store
        .save_draft(&Owner::Device, &older.id, &sample::valid_family())
        .unwrap();
    let ids: Vec<DraftId> = store
        .drafts(&Owner::Device)
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, [older.id, newer.id]);
}

#[test]
fn a_duplicate_is_a_separate_draft_with_the_same_content() {
    let directory = tempfile::tempdir().unwrap();
    let mut store = open_in(&directory);
    let original = store
        .create_draft(&Owner::Device, &sample::valid_family())
        .unwrap();
    let copy = store.duplicate_draft(&Owner::Device, &original.id).unwrap();
    assert_ne!(copy.id, original.id);
    assert_eq!(copy.application, original.application);
    let mut changed = copy.application.clone();
    changed.service = Some(Service::Change(ChangeReason::Death));
    store
        .save_draft(&Owner::Device, &copy.id, &changed)
        .unwrap();
    assert_eq!(
        store
            .draft(&Owner::Device, &original.id)
            .unwrap()
            .application,
        original.application
    );
}

#[test]
fn a_deleted_draft_is_gone_and_deleting_it_again_is_harmless() {
    let directory = tempfile::tempdir().unwrap();
    let mut store = open_in(&directory);
    let draft = store
        .create_draft(&Owner::Device, &Application::default())
        .unwrap();
    store.delete_draft(&Owner::Device, &draft.id).unwrap();
    assert!(matches!(
        store.draft(&Owner::Device, &draft.id),
        Err(StoreError::DraftNotFound(_))
    ));
    store.delete_draft(&Owner::Device, &draft.id).unwrap();
    assert!(store.drafts(&Owner::Device).unwrap().is_empty());
}

#[test]
fn one_owner_never_sees_or_changes_another_owners_drafts() {
    let directory = tempfile::tempdir().unwrap();
    let mut store = open_in(&directory);
    let alice = Owner::Account("alice".into());
    let bob = Owner::Account("bob".into());
    let draft = store.create_draft(&alice, &sample::valid_family()).unwrap();
    assert!(store.drafts(&bob).unwrap().is_empty());
    assert!(store.drafts(&Owner::Device).unwrap().is_empty());
    assert!(matches!(
        store.draft(&bob, &draft.id),
        Err(StoreError::DraftNotFound(_))
    ));
    assert!(matches!(
        store.save_draft(&bob, &draft.id, &Application::default()),
        Err(StoreError::DraftNotFound(_))
    ));
    store.delete_draft(&bob, &draft.id).unwrap();
    assert_eq!(store.drafts(&alice).unwrap().len(), 1);
}

#[test]
fn saving_a_draft_that_does_not_exist_says_so() {
    let directory = tempfile::tempdir().unwrap();
    let mut store = open_in(&directory);
    let missing = DraftId("no-such-draft".into());
    assert!(matches!(
        store.save_draft(&Owner::Device, &missing, &Application::default()),
        Err(StoreError::DraftNotFound(_))
    ));
}

#[test]
fn the_file_is_in_wal_mode_with_full_sync() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("kk-mandiri.sqlite3");
    let _store = DeviceStore::open(&path, &support::test_key()).unwrap();
    let connection = support::keyed_connection(&path);
    let mode: String = connection
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = connection
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 7, "rusqlite_migration records the schema version");
}
