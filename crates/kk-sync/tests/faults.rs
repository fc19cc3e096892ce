//! The fault-injection scenarios of the sync engine: a real server behind a TCP proxy that
//! loses answers, cuts uploads, slows to 256 kbit/s, or has no server behind it for a while.
//! Each asserts on the server's store and on the app's database.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kk_device_store::{DeviceStore, DraftId, OutboxState, Owner};
use kk_fault_proxy::Faults;
use kk_sync::{Engine, ItemOutcome, ServerClient};
use support::World;

fn registration_number(state: &OutboxState) -> &str {
    match state {
        OutboxState::Sent {
            registration_number,
            ..
        } => registration_number,
        other => panic!("not sent: {other:?}"),
    }
}

#[tokio::test]
async fn an_answer_lost_after_the_commit_does_not_make_a_second_application() {
    let world = World::new().await;
    let id = world.queue(&[20_000, 20_000]);
    world.proxy.set_faults(Faults {
        drop_submission_answers: 1,
        ..Faults::default()
    });

    let outcomes = world.engine().send_due().await.unwrap();
    assert_eq!(outcomes, [(id.clone(), ItemOutcome::RetryLater)]);
    assert_eq!(
        world.server_applications().len(),
        1,
        "the server committed before the answer was lost"
    );

    let item = world.sync_until_sent(&id, Duration::from_secs(20)).await;
    let applications = world.server_applications();
    assert_eq!(
        applications.len(),
        1,
        "exactly one application after the retry"
    );
    assert_eq!(
        registration_number(&item.state),
        applications[0].registration_number.as_str()
    );
}

#[tokio::test]
async fn an_upload_cut_at_half_resumes_from_the_servers_offset() {
    let world = World::new().await;
    let sizes = [3 * 1024 * 1024, 2_000];
    let payload: usize = sizes.iter().sum();
    let id = world.queue(&sizes);
    world.proxy.set_faults(Faults {
        cut_after_bytes: Some(3 * 1024 * 1024 / 2),
        ..Faults::default()
    });

    let outcomes = world.engine().send_due().await.unwrap();
    assert_eq!(outcomes, [(id.clone(), ItemOutcome::RetryLater)]);
    match world.item(&id).state {
        OutboxState::Uploading {
            bytes_done,
            bytes_total,
        } => {
            assert_eq!(bytes_total, payload as u64);
            assert!(
                bytes_done > 1_000_000 && bytes_done < 1_600_000,
                "{bytes_done}"
            );
        }
        other => panic!("expected uploading, got {other:?}"),
    }

    world.sync_until_sent(&id, Duration::from_secs(30)).await;
    let sent = world.proxy.bytes_to_server();
    assert!(
        sent as f64 <= 1.2 * payload as f64,
        "{sent} bytes went out for a {payload}-byte payload"
    );
    assert_eq!(world.server_applications().len(), 1);
}

const CHILD_DATABASE: &str = "KK_SYNC_CHILD_DATABASE";
const CHILD_SERVER: &str = "KK_SYNC_CHILD_SERVER";
const CHILD_TOKEN: &str = "KK_SYNC_CHILD_TOKEN";

/// The child's work in the kill test: the shell's sync on its own database; a no-op when the
/// test binary runs normally.
#[tokio::test]
async fn sync_child_sends_the_outbox() {
    let (Ok(database), Ok(server), Ok(token)) = (
        std::env::var(CHILD_DATABASE),
        std::env::var(CHILD_SERVER),
        std::env::var(CHILD_TOKEN),
    ) else {
        return;
    };
    let store = Arc::new(Mutex::new(
        DeviceStore::open(database.as_ref(), &support::device_key()).unwrap(),
    ));
    let engine = Engine::new(
        store,
        Owner::Account("1".into()),
        ServerClient::new(&server, &token),
    );
    println!("started");
    engine.send_due().await.unwrap();
}

#[tokio::test]
async fn a_process_killed_mid_upload_finishes_the_item_after_a_restart() {
    let world = World::new().await;
    let sizes = [700_000, 2_000];
    let id = world.queue(&sizes);
    // Slow enough that the upload is surely under way when the process dies.
    world.proxy.set_faults(Faults {
        bytes_per_second: Some(150_000),
        ..Faults::default()
    });

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "sync_child_sends_the_outbox",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DATABASE, world.database_path())
        .env(CHILD_SERVER, world.proxy.url())
        .env(CHILD_TOKEN, &world.token)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    assert!(lines.any(|line| line.is_ok_and(|line| line.contains("started"))));
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let OutboxState::Uploading { bytes_done, .. } = world.item(&id).state
            && bytes_done >= 256 * 1024
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the child never got going: {:?}",
            world.item(&id)
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        world.server_applications().is_empty(),
        "killed before the submission"
    );

    // The app starts again: its worker picks the item up with no one touching anything.
    world.proxy.set_faults(Faults::default());
    let item = world.sync_until_sent(&id, Duration::from_secs(30)).await;
    let applications = world.server_applications();
    assert_eq!(applications.len(), 1);
    assert_eq!(
        registration_number(&item.state),
        applications[0].registration_number.as_str()
    );
    let sent = world.proxy.bytes_to_server();
    let payload: usize = sizes.iter().sum();
    assert!(
        sent as f64 <= 1.5 * payload as f64,
        "the upload resumed rather than restarted: {sent} bytes"
    );
}

#[tokio::test]
async fn the_outbox_sends_by_itself_once_the_server_is_back() {
    let mut world = World::new().await;
    let id = world.queue(&[10_000, 2_000]);
    world.stop_server().await;

    let outcomes = world.engine().send_due().await.unwrap();
    assert_eq!(outcomes, [(id.clone(), ItemOutcome::RetryLater)]);
    let item = world.item(&id);
    assert_eq!(item.state, OutboxState::Waiting);
    assert_eq!(
        item.last_error.map(|e| e.code).as_deref(),
        Some("sync.unreachable")
    );

    tokio::time::sleep(Duration::from_secs(1)).await;
    world.start_server().await;
    world.sync_until_sent(&id, Duration::from_secs(30)).await;
    assert_eq!(world.server_applications().len(), 1);
}

#[tokio::test]
async fn four_documents_get_through_a_256_kbit_300_ms_link() {
    let world = World::new().await;
    let id = world.queue(&[30_000, 30_000, 30_000, 30_000]);
    world.proxy.set_faults(Faults {
        latency: Duration::from_millis(150),
        bytes_per_second: Some(256_000 / 8),
        ..Faults::default()
    });
    let started = Instant::now();
    let item = world.sync_until_sent(&id, Duration::from_secs(90)).await;
    assert!(
        started.elapsed() > Duration::from_secs(3),
        "the link really was slow"
    );
    let applications = world.server_applications();
    assert_eq!(applications.len(), 1);
    assert_eq!(applications[0].application.documents.len(), 4);
    assert_eq!(
        registration_number(&item.state),
        applications[0].registration_number.as_str()
    );
}

#[tokio::test]
async fn mistakes_found_by_the_server_return_the_item_to_its_draft() {
    let world = World::new().await;
    let id: DraftId = world.queue(&[2_000, 2_000]);
    // A NIK one digit short: the app flags it too, but whatever the server refuses per field
    // takes this path.
    {
        let store = world.store.lock().unwrap();
        let mut item = store.outbox_item(&world.owner, &id).unwrap().unwrap();
        item.application.members[0].nik = "3201011205900".into();
        drop(store);
        let mut store = world.store.lock().unwrap();
        store
            .save_draft(&world.owner, &id, &item.application)
            .unwrap();
        store.queue_for_sending(&world.owner, &id).unwrap();
    }
    let outcomes = world.engine().send_due().await.unwrap();
    assert_eq!(outcomes, [(id.clone(), ItemOutcome::ReturnedToDraft)]);
    let store = world.store.lock().unwrap();
    assert!(
        store.outbox_item(&world.owner, &id).unwrap().is_none(),
        "back to a draft"
    );
    let issues = store.server_issues(&world.owner, &id).unwrap();
    assert!(
        issues.iter().any(|issue| issue.field == "members[0].nik"),
        "{issues:?}"
    );
}
