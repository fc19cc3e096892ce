//! The outbox on a real SQLite file: "Kirim" freezes a draft in one transaction, items move
//! through their states, a refusal goes back to the draft with its reasons, and one owner's
//! outbox is invisible to another.

mod support;

use chrono::{Duration, Utc};
use kk_device_store::{DeviceStore, OutboxState, Owner};
use kk_domain::sample;
use kk_domain::text::Text;
use kk_domain::validation::{Issue, IssueOrigin, Severity, Step};
use kk_domain::wire::ErrorBody;

fn open() -> (tempfile::TempDir, DeviceStore) {
    let directory = tempfile::tempdir().unwrap();
    let store = DeviceStore::open(
        &directory.path().join("kk-mandiri.sqlite3"),
        &support::test_key(),
    )
    .unwrap();
    (directory, store)
}

#[test]
fn kirim_freezes_the_draft_and_the_item_moves_to_sent() {
    let (_directory, mut store) = open();
    let owner = Owner::Device;
    let draft = store.create_draft(&owner, &sample::valid_family()).unwrap();
    let item = store.queue_for_sending(&owner, &draft.id).unwrap();
    assert_eq!(item.state, OutboxState::Waiting);
    assert_eq!(item.idempotency_key(), format!("{}:1", draft.id));

    // Editing the draft afterwards does not change what is being sent.
    let mut edited = sample::valid_family();
    edited.address.street = "Jalan Lain".into();
    store.save_draft(&owner, &draft.id, &edited).unwrap();
    let item = store.outbox_item(&owner, &draft.id).unwrap().unwrap();
    assert_eq!(item.application, sample::valid_family());
    assert_eq!(item.revision, 1);

    store.outbox_progress(&owner, &draft.id, 100, 400).unwrap();
    assert_eq!(
        store.outbox_item(&owner, &draft.id).unwrap().unwrap().state,
        OutboxState::Uploading {
            bytes_done: 100,
            bytes_total: 400
        }
    );
    store
        .outbox_sent(&owner, &draft.id, "server-1", "KK26-7F3K-9QXC", "submitted")
        .unwrap();
    let item = store.outbox_item(&owner, &draft.id).unwrap().unwrap();
    assert_eq!(
        item.state,
        OutboxState::Sent {
            registration_number: "KK26-7F3K-9QXC".into(),
            server_id: "server-1".into()
        }
    );
    assert!(store.due_outbox(&owner, Utc::now()).unwrap().is_empty());

    // Sent again after a correction: a new revision to the same server id.
    let again = store.queue_for_sending(&owner, &draft.id).unwrap();
    assert_eq!(
        (again.revision, again.server_id.as_deref()),
        (2, Some("server-1"))
    );
}

#[test]
fn a_retry_waits_and_a_refusal_keeps_the_servers_words() {
    let (_directory, mut store) = open();
    let owner = Owner::Device;
    let draft = store.create_draft(&owner, &sample::valid_family()).unwrap();
    store.queue_for_sending(&owner, &draft.id).unwrap();
    let later = Utc::now() + Duration::seconds(30);
    store
        .outbox_retry_later(&owner, &draft.id, later, None)
        .unwrap();
    assert!(store.due_outbox(&owner, Utc::now()).unwrap().is_empty());
    assert_eq!(store.due_outbox(&owner, later).unwrap().len(), 1);

    let reason = ErrorBody {
        code: "status.not_allowed".into(),
        message: Text::new("Permohonan sudah ditolak.", "The application was rejected."),
        issues: Vec::new(),
    };
    store.outbox_failed(&owner, &draft.id, &reason).unwrap();
    let item = store.outbox_item(&owner, &draft.id).unwrap().unwrap();
    assert_eq!(
        (item.state, item.last_error),
        (OutboxState::Failed, Some(reason))
    );
}

#[test]
fn a_refused_submission_goes_back_to_its_draft_with_the_field_errors() {
    let (_directory, mut store) = open();
    let owner = Owner::Device;
    let draft = store.create_draft(&owner, &sample::valid_family()).unwrap();
    store.queue_for_sending(&owner, &draft.id).unwrap();
    let issue = Issue {
        step: Step::Members,
        severity: Severity::Error,
        code: "nik.wrong_length".into(),
        field: "members[0].nik".into(),
        message: Text::new("NIK harus 16 digit.", "A NIK has 16 digits."),
        origin: IssueOrigin::Rules,
    };
    store
        .outbox_returned_to_draft(&owner, &draft.id, std::slice::from_ref(&issue))
        .unwrap();
    assert!(store.outbox_item(&owner, &draft.id).unwrap().is_none());
    assert_eq!(store.server_issues(&owner, &draft.id).unwrap(), [issue]);
    store.queue_for_sending(&owner, &draft.id).unwrap();
    assert!(
        store.server_issues(&owner, &draft.id).unwrap().is_empty(),
        "cleared by the next Kirim"
    );
}

#[test]
fn one_owners_outbox_is_invisible_to_another() {
    let (_directory, mut store) = open();
    let (alice, bob) = (Owner::Account("alice".into()), Owner::Account("bob".into()));
    let draft = store.create_draft(&alice, &sample::valid_family()).unwrap();
    store.queue_for_sending(&alice, &draft.id).unwrap();
    assert!(store.outbox(&bob).unwrap().is_empty());
    assert!(
        store
            .due_outbox(&bob, Utc::now() + Duration::days(1))
            .unwrap()
            .is_empty()
    );
    assert!(store.queue_for_sending(&bob, &draft.id).is_err());
    assert!(store.outbox_progress(&bob, &draft.id, 1, 2).is_err());
    assert_eq!(store.outbox(&alice).unwrap().len(), 1);
}

#[test]
fn logging_in_moves_this_devices_work_to_the_account_and_no_one_elses() {
    use kk_device_store::{AccountSession, NewDocument};
    let (_directory, mut store) = open();
    let draft = store
        .create_draft(&Owner::Device, &sample::valid_family())
        .unwrap();
    store.queue_for_sending(&Owner::Device, &draft.id).unwrap();
    let document = NewDocument {
        sha256: "ab",
        media_type: "application/pdf",
        content: b"%PDF",
        thumbnail: None,
    };
    store.put_document(&Owner::Device, &document).unwrap();
    let other = Owner::Account("3201011205900009".into());
    let theirs = store.create_draft(&other, &sample::valid_family()).unwrap();

    let session = AccountSession {
        nik: "3201011205900001".into(),
        token: "t".into(),
        expires_at: "2027-01-01T00:00:00Z".into(),
    };
    store.log_in(&session).unwrap();
    let mine = session.owner();
    assert_eq!(store.account_session().unwrap(), Some(session));
    assert_eq!(store.drafts(&mine).unwrap().len(), 1);
    assert_eq!(store.outbox(&mine).unwrap().len(), 1);
    assert!(store.document_content(&mine, "ab").unwrap().is_some());
    assert!(store.drafts(&Owner::Device).unwrap().is_empty());
    assert!(
        store.draft(&mine, &theirs.id).is_err(),
        "another account's draft stays theirs"
    );

    store.log_out().unwrap();
    assert!(store.account_session().unwrap().is_none());
    assert_eq!(
        store.drafts(&mine).unwrap().len(),
        1,
        "kept for the next login"
    );
    assert_eq!(
        store.sessions_to_end().unwrap(),
        ["t"],
        "the server is still to be told"
    );
}

#[test]
fn a_session_left_behind_waits_to_be_ended_on_the_server() {
    let (_directory, mut store) = open();
    let session = |nik: &str, token: &str| kk_device_store::AccountSession {
        nik: nik.into(),
        token: token.into(),
        expires_at: "2027-01-01T00:00:00Z".into(),
    };
    store.log_in(&session("3201011205900001", "first")).unwrap();
    store
        .log_in(&session("3201015708920002", "second"))
        .unwrap();
    store.queue_session_end("from-a-wiped-kiosk").unwrap();
    store.log_out().unwrap();
    assert_eq!(
        store.sessions_to_end().unwrap(),
        ["first", "from-a-wiped-kiosk", "second"]
    );
    store.session_ended("first").unwrap();
    store.session_ended("from-a-wiped-kiosk").unwrap();
    assert_eq!(store.sessions_to_end().unwrap(), ["second"]);
}
