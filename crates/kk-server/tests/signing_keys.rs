//! The server's side of the trust chain: it signs only with a key a root certified, picks the
//! newest one after a rotation while still publishing the old one's certificate, publishes a
//! root's revocations, and `kk-server keys` makes a root, an issuer key and a revocation list.

mod common;

use std::process::Command;

use chrono::NaiveDate;
use kk_document::seal::{seal, verify};
use kk_document::trust::bundled;
use kk_document::{IssuerKey, KeyBundle, KkClaims, TrustStore, Verdict};
use kk_server::signing_keys::{self, KeySource, demo_root};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// A KK's claims dated `issued_on`, sealed with the key in `data_dir` whose id is `key_id`.
fn sealed_on(data_dir: &std::path::Path, key_id: &str, issued_on: &str) -> String {
    let path = signing_keys::keys_dir(data_dir).join(format!("issuer-{key_id}.key"));
    let key = IssuerKey::load_or_create(&path, "Dukcapil").unwrap();
    let content = kk_document::KkContent::from_application(
        &kk_domain::sample::valid_family(),
        &kk_domain::sample::regions(),
        "3201012006150003",
        day(issued_on),
    )
    .unwrap();
    seal(&KkClaims::of(&content), &key)
}

#[tokio::test]
async fn a_server_without_a_certified_key_refuses_to_start_and_says_how_to_make_one() {
    let data = tempfile::tempdir().unwrap();
    let mut config = common::config_in(data.path());
    config.keys = KeySource::Certified;
    let refused = kk_server::start(config)
        .await
        .err()
        .expect("no key, no start");
    assert!(
        refused.to_string().contains("kk-server keys issue"),
        "{refused}"
    );
    // And it made none of its own.
    let made = std::fs::read_dir(signing_keys::keys_dir(data.path()))
        .map(|entries| entries.count())
        .unwrap_or(0);
    assert_eq!(made, 0);
}

#[tokio::test]
async fn after_a_rotation_the_server_signs_with_the_new_key_and_old_kks_still_verify() {
    let data = tempfile::tempdir().unwrap();
    let dir = signing_keys::keys_dir(data.path());
    let root = demo_root();
    let old = signing_keys::issue(
        &root,
        &dir,
        "Dukcapil",
        "32.01",
        day("2025-01-01"),
        day("2026-06-30"),
    )
    .unwrap();
    let new = signing_keys::issue(
        &root,
        &dir,
        "Dukcapil",
        "32.01",
        day("2026-07-01"),
        day("2028-06-30"),
    )
    .unwrap();
    let config = common::config_in(data.path());
    let server = common::TestServer::from_running(kk_server::start(config).await.unwrap(), data);
    assert_eq!(server.server.state.issuer.key_id, new.key_id);

    let bundle = server.published_keys().await;
    assert_eq!(
        bundle.certificates.len(),
        2,
        "both certificates are published"
    );
    let trust = TrustStore::new(&bundled::demo_root(), &bundle);
    let data_dir = server.data_dir();
    let before = sealed_on(&data_dir, &old.key_id, "2026-03-01");
    let after = sealed_on(&data_dir, &new.key_id, "2026-11-23");
    for text in [before, after] {
        let verdict = verify(&text, &trust);
        assert!(matches!(verdict, Verdict::Valid { .. }), "{verdict:?}");
    }
    // The old key signing after its period is "expired".
    let late = sealed_on(&data_dir, &old.key_id, "2026-11-23");
    assert!(matches!(
        verify(&late, &trust),
        Verdict::IssuerExpired { .. }
    ));
}

#[tokio::test]
async fn a_revoked_key_is_published_as_revoked_and_no_longer_signs() {
    let server = common::TestServer::start().await;
    let first = server.server.state.issuer.key_id.clone();
    let old_kk = sealed_on(&server.data_dir(), &first, "2026-11-23");
    let data = server.stop().await;
    let dir = signing_keys::keys_dir(data.path());
    signing_keys::revoke(
        &demo_root(),
        &dir,
        std::slice::from_ref(&first),
        day("2026-11-23"),
    )
    .unwrap();

    // The demo server certifies itself a fresh key, since its only one is revoked.
    let config = common::config_in(data.path());
    let server = common::TestServer::from_running(kk_server::start(config).await.unwrap(), data);
    assert_ne!(server.server.state.issuer.key_id, first);
    let trust = TrustStore::new(&bundled::demo_root(), &server.published_keys().await);
    assert!(matches!(
        verify(&old_kk, &trust),
        Verdict::IssuerRevoked { .. }
    ));
}

#[test]
fn kk_server_keys_makes_a_root_an_issuer_key_and_a_revocation_list() {
    let work = tempfile::tempdir().unwrap();
    let root_file = work.path().join("root.json");
    let data_dir = work.path().join("data");
    let run = |arguments: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_kk-server"))
            .args(arguments)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{arguments:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let root = root_file.to_str().unwrap();
    let data = data_dir.to_str().unwrap();
    run(&["keys", "init-root", "--name", "Uji", "--out", root]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&root_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the root's secret is its owner's only");
    }
    let public = std::fs::read_to_string(signing_keys::public_path(&root_file)).unwrap();
    let roots = kk_document::TrustedRoots::from_json(&public).unwrap();
    assert!(!public.contains("secret"));
    // A second init-root never overwrites a root.
    let again = Command::new(env!("CARGO_BIN_EXE_kk-server"))
        .args(["keys", "init-root", "--name", "Uji", "--out", root])
        .output()
        .unwrap();
    assert!(!again.status.success());

    let issued = run(&[
        "keys",
        "issue",
        "--root",
        root,
        "--data-dir",
        data,
        "--issuer",
        "Dinas Dukcapil Kabupaten Bogor",
        "--region",
        "32.01",
        "--valid-from",
        "2026-01-01",
        "--valid-until",
        "2027-12-31",
    ]);
    let key_id = issued.split_whitespace().nth(2).unwrap().to_owned();
    run(&[
        "keys",
        "revoke",
        "--root",
        root,
        "--data-dir",
        data,
        &key_id,
    ]);

    let dir = signing_keys::keys_dir(&data_dir);
    let bundle = KeyBundle {
        certificates: vec![hex::encode(
            std::fs::read(dir.join(format!("issuer-{key_id}.cose"))).unwrap(),
        )],
        revocations: vec![hex::encode(
            std::fs::read(dir.join("revocations-1.cose")).unwrap(),
        )],
    };
    let trust = TrustStore::new(&roots, &bundle);
    let kk = sealed_on(&data_dir, &key_id, "2026-11-23");
    match verify(&kk, &trust) {
        Verdict::IssuerRevoked { issuer } => {
            assert_eq!(issuer.issuer, "Dinas Dukcapil Kabupaten Bogor");
        }
        other => panic!("{other:?}"),
    }
}
