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

/// What the hardening issue found unaudited is audited now: an upload's creation and each
/// offset it reaches, a failed login (by account id, never the NIK typed), and a look at the
/// console's queue, which shows the heads' names.
#[tokio::test]
async fn uploads_failed_logins_and_the_queue_are_audited() {
    let server = TestServer::start_with(|config| config.demo = true).await;
    let citizen = server.citizen(42).await;
    server
        .upload(&citizen.token, &common::small_pdf("akta"))
        .await;
    server.login(&citizen.nik, "kata sandi keliru").await;
    server.login(&common::nik(43), "kata sandi keliru").await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let login = http
        .post(server.url("/console/login"))
        .form(&[
            ("login", kk_server::demo::DEMO_OFFICER_LOGIN),
            ("password", kk_server::demo::DEMO_OFFICER_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let cookie = login.headers()["set-cookie"].to_str().unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let queue = http
        .get(server.url("/console"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert!(queue.status().is_success());

    let data = server.stop().await;
    let database = data
        .path()
        .join(kk_server::store::sqlite::SqliteStore::FILE_NAME);
    let connection = Connection::open(database).unwrap();
    let count = |action: &str, subject: &str| -> i64 {
        connection
            .query_row(
                "SELECT count(*) FROM audit WHERE action = ?1 AND subject LIKE ?2",
                [action, subject],
                |row| row.get(0),
            )
            .unwrap()
    };
    assert!(count("upload.created", "upload:%") >= 1);
    assert!(count("upload.offset", "upload:%") >= 1);
    assert_eq!(count("login.failed", "account:unknown"), 1);
    assert_eq!(count("login.failed", "account:_%"), 2);
    assert_eq!(count("queue.read", "queue"), 1);
    let leaked: i64 = connection
        .query_row(
            "SELECT count(*) FROM audit WHERE subject LIKE ?1 OR detail LIKE ?1",
            [format!("%{}%", common::nik(43))],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(leaked, 0, "a NIK in the audit trail");
}
