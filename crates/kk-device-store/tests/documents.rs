//! Attached files in the device store.

mod support;

use kk_device_store::{DeviceStore, NewDocument, Owner};

fn document<'a>(content: &'a [u8], thumbnail: Option<&'a [u8]>) -> NewDocument<'a> {
    NewDocument {
        sha256: "ab12",
        media_type: "image/jpeg",
        content,
        thumbnail,
    }
}

#[test]
fn a_kept_file_and_its_thumbnail_read_back_for_their_owner_only() {
    let directory = tempfile::tempdir().unwrap();
    let mut store =
        DeviceStore::open(&directory.path().join("kk.sqlite3"), &support::test_key()).unwrap();
    store
        .put_document(&Owner::Device, &document(b"photo", Some(b"thumb")))
        .unwrap();
    assert_eq!(
        store
            .document_content(&Owner::Device, "ab12")
            .unwrap()
            .as_deref(),
        Some(&b"photo"[..])
    );
    assert_eq!(
        store
            .document_thumbnail(&Owner::Device, "ab12")
            .unwrap()
            .as_deref(),
        Some(&b"thumb"[..])
    );
    let stranger = Owner::Account("someone-else".into());
    assert_eq!(store.document_content(&stranger, "ab12").unwrap(), None);
    assert_eq!(store.document_thumbnail(&stranger, "ab12").unwrap(), None);
}

#[test]
fn keeping_the_same_file_twice_keeps_one_copy() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("kk.sqlite3");
    let mut store = DeviceStore::open(&path, &support::test_key()).unwrap();
    store
        .put_document(&Owner::Device, &document(b"photo", None))
        .unwrap();
    store
        .put_document(&Owner::Device, &document(b"photo", None))
        .unwrap();
    drop(store);
    let rows: i64 = support::keyed_connection(&path)
        .query_row("SELECT COUNT(*) FROM documents", [], |row| row.get(0))
        .unwrap();
    assert_eq!(rows, 1);
}
