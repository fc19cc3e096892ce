//! The audit trail: `kk-server audit verify` passes on an untouched database and names the
//! row when one is edited or deleted behind the server's back.

mod common;

use std::process::Command;

use common::TestServer;
use rusqlite::Connection;

fn verify(data_dir: &std::path::Path) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_kk-server"))
        .args(["audit", "verify", "--data-dir"])
        .arg(data_dir)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// A data directory with some history: two accounts, uploads and a submission.
async fn some_history() -> (tempfile::TempDir, i64) {
    let server = TestServer::start().await;
    let citizen = server.citizen(40).await;
    let application = server.family_with_documents(&citizen).await;
    assert!(
        server
            .submit(&citizen.token, "k", &application)
            .await
            .status()
            .is_success()
    );
    server.citizen(41).await;
    let data = server.stop().await;
    let database = data
        .path()
        .join(kk_server::store::sqlite::SqliteStore::FILE_NAME);
    let rows: i64 = Connection::open(database)
        .unwrap()
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap();
    (data, rows)
}

#[tokio::test]
async fn an_untouched_trail_verifies() {
    let (data, rows) = some_history().await;
    assert!(rows >= 10, "{rows} rows");
    let (ok, said) = verify(data.path());
    assert!(ok, "{said}");
    assert_eq!(
        said.trim(),
        format!("The audit trail is intact: {rows} rows.")
    );
}

#[tokio::test]
async fn the_trail_refuses_edits_and_verify_names_an_edited_row() {
    let (data, _) = some_history().await;
    let database = data
        .path()
        .join(kk_server::store::sqlite::SqliteStore::FILE_NAME);
    let connection = Connection::open(&database).unwrap();
    let refused = connection.execute("UPDATE audit SET actor = 'officer:1' WHERE seq = 3", []);
    assert!(refused.unwrap_err().to_string().contains("append-only"));

    connection
        .execute_batch(
            "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'officer:1' WHERE seq = 3;",
        )
        .unwrap();
    drop(connection);
    let (ok, said) = verify(data.path());
    assert!(!ok);
    assert_eq!(
        said.trim(),
        "The audit trail is broken at audit row 3: changed after it was written."
    );
}

#[tokio::test]
async fn verify_names_a_deleted_row_in_the_middle_and_at_the_end() {
    let (data, rows) = some_history().await;
    let database = data
        .path()
        .join(kk_server::store::sqlite::SqliteStore::FILE_NAME);
    let connection = Connection::open(&database).unwrap();
    connection
        .execute_batch(&format!(
            "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = {rows};"
        ))
        .unwrap();
    let (ok, said) = verify(data.path());
    assert!(!ok);
    assert_eq!(
        said.trim(),
        format!(
            "The audit trail is broken at audit row {rows}: missing (deleted), up to row {rows}."
        )
    );

    connection
        .execute("DELETE FROM audit WHERE seq = 5", [])
        .unwrap();
    let (ok, said) = verify(data.path());
    assert!(!ok);
    assert_eq!(
        said.trim(),
        "The audit trail is broken at audit row 5: missing (deleted); the next row is 6."
    );
}
