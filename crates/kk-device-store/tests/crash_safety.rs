//! A draft survives `kill -9` at any moment.
//!
//! The test re-runs this test binary as a child that saves a draft in a tight loop and reports
//! each committed revision on stdout. The parent kills it with SIGKILL mid-write, reopens the
//! file, and checks that the file is sound and no reported commit is lost.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use kk_device_store::{DeviceStore, DraftId, Owner};
use kk_domain::sample;

const CHILD_DATABASE: &str = "KK_CRASH_TEST_DATABASE";
const CHILD_DRAFT: &str = "KK_CRASH_TEST_DRAFT";

/// The child's work; a no-op when the test binary runs normally.
#[test]
fn crash_child_saves_in_a_loop() {
    let (Ok(database), Ok(draft)) = (std::env::var(CHILD_DATABASE), std::env::var(CHILD_DRAFT))
    else {
        return;
    };
    let mut store = DeviceStore::open(database.as_ref(), &support::test_key()).unwrap();
    let id = DraftId(draft);
    let mut application = sample::ten_member_family();
    let stdout = std::io::stdout();
    for step in 0.. {
        application.address.street = format!("Jalan Mawar No. {step}");
        let revision = store.save_draft(&Owner::Device, &id, &application).unwrap();
        writeln!(stdout.lock(), "committed {revision} {step}").unwrap();
    }
}

#[test]
fn a_draft_survives_the_app_being_killed_in_the_middle_of_saving() {
    let directory = tempfile::tempdir().unwrap();
    let database = directory.path().join("kk-mandiri.sqlite3");
    let id = {
        let mut store = DeviceStore::open(&database, &support::test_key()).unwrap();
        store
            .create_draft(&Owner::Device, &sample::ten_member_family())
            .unwrap()
            .id
    };
    // Kill at a different moment each round: after a few, after some, after many commits.
    for commits_before_kill in [3, 40, 200] {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash_child_saves_in_a_loop",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DATABASE, &database)
            .env(CHILD_DRAFT, &id.0)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut last_committed = (0i64, 0u64);
        let mut seen = 0;
        while seen < commits_before_kill {
            let line = lines.next().expect("the child stopped early").unwrap();
            if let Some(rest) = line.strip_prefix("committed ") {
                let mut parts = rest.split(' ');
                last_committed = (
                    parts.next().unwrap().parse().unwrap(),
                    parts.next().unwrap().parse().unwrap(),
                );
                seen += 1;
            }
        }
        child.kill().unwrap(); // SIGKILL: no destructor, no rollback, no flush.
        child.wait().unwrap();

        let store = DeviceStore::open(&database, &support::test_key()).unwrap();
        store.check_integrity().unwrap();
        let draft = store.draft(&Owner::Device, &id).unwrap();
        let (revision, step) = last_committed;
        assert!(
            draft.revision >= revision,
            "revision {} < committed {revision}",
            draft.revision
        );
        let saved_step: u64 = draft
            .application
            .address
            .street
            .rsplit(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            saved_step >= step,
            "street step {saved_step} < committed {step}"
        );
        assert_eq!(draft.application.members.len(), 10);
    }
}
