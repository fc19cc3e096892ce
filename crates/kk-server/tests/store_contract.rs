//! The contract every store must keep, written against the `Store` trait alone. The SQLite
//! store runs it here; a PostgreSQL store will run the same functions.

use chrono::{Duration, Utc};
use kk_domain::api::{ActorRole, OtpPurpose};
use kk_domain::register::Family;
use kk_domain::status::ApplicationStatus;
use kk_server::store::sqlite::SqliteStore;
use kk_server::store::{
    Actor, DocumentRecord, NewAccount, NewIssuance, OtpAttempt, OtpRecord, OtpTry, OutgoingMessage,
    QueueFilter, Role, Store, StoreError, Submission, SubmitOutcome, Transition, Upload,
};

fn citizen(login: &str) -> NewAccount {
    NewAccount {
        login: login.into(),
        nik: login.into(),
        full_name: "Budi Santoso".into(),
        phone: "+6281200000001".into(),
        email: "budi@contoh.id".into(),
        password_hash: "hash".into(),
        role: Role::Citizen,
        verified: true,
    }
}

fn submission(owner: i64, key: &str, street: &str) -> Submission {
    let mut application = kk_domain::sample::valid_family();
    application.address.street = street.into();
    Submission {
        owner,
        idempotency_key: key.into(),
        body_sha256: format!("sha-of-{street}"),
        application,
        at: Utc::now(),
    }
}

fn accounts_are_unique_and_sessions_expire_and_revoke(store: &dyn Store) {
    let now = Utc::now();
    let id = store
        .create_account(citizen("3201011205900001"), now)
        .unwrap();
    assert!(matches!(
        store.create_account(citizen("3201011205900001"), now),
        Err(StoreError::AlreadyExists(_))
    ));
    store
        .create_session("live", id, now + Duration::hours(1), now)
        .unwrap();
    store
        .create_session("old", id, now - Duration::seconds(1), now)
        .unwrap();
    assert_eq!(
        store.session_account("live", now).unwrap().map(|a| a.id),
        Some(id)
    );
    assert!(store.session_account("old", now).unwrap().is_none());
    store.revoke_session("live", now).unwrap();
    assert!(store.session_account("live", now).unwrap().is_none());
    store.set_password(id, "new hash", now).unwrap();
    assert_eq!(
        store.account_by_id(id).unwrap().unwrap().password_hash,
        "new hash"
    );
}

fn otps_count_attempts_and_queue_their_message(store: &dyn Store) {
    let now = Utc::now();
    let id = store
        .create_account(citizen("3201011205900002"), now)
        .unwrap();
    let otp = OtpRecord {
        code_hash: "h".into(),
        expires_at: now + Duration::minutes(5),
        sent_at: now,
        attempts: 0,
    };
    let message = OutgoingMessage {
        id: "m1".into(),
        channel: "sms".into(),
        to: "+6281200000002".into(),
        kind: "otp.verify_account".into(),
        text: "kode 123456".into(),
        attempts: 0,
    };
    store
        .put_otp(id, OtpPurpose::VerifyAccount, &otp, &message)
        .unwrap();
    let attempt = |code: &str| OtpAttempt {
        account: id,
        purpose: OtpPurpose::VerifyAccount,
        code_hash: code.into(),
        at: now,
        max_attempts: 3,
        max_per_day: 100,
    };
    assert_eq!(
        store.try_otp(attempt("wrong")).unwrap(),
        OtpTry::Wrong { attempts: 1 }
    );
    assert_eq!(
        store.try_otp(attempt("wrong")).unwrap(),
        OtpTry::Wrong { attempts: 2 }
    );
    assert!(store.otp(id, OtpPurpose::ResetPassword).unwrap().is_none());
    assert_eq!(
        store.try_otp(attempt(&otp.code_hash)).unwrap(),
        OtpTry::Accepted
    );
    assert!(store.otp(id, OtpPurpose::VerifyAccount).unwrap().is_none());
    assert_eq!(
        store.try_otp(attempt(&otp.code_hash)).unwrap(),
        OtpTry::NoCode,
        "a right code is used up"
    );

    let due = store.due_messages(now + Duration::seconds(1), 10).unwrap();
    assert_eq!(
        due.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        ["m1"]
    );
    store
        .message_failed("m1", "gateway down", Some(now + Duration::seconds(60)))
        .unwrap();
    assert!(
        store
            .due_messages(now + Duration::seconds(1), 10)
            .unwrap()
            .is_empty()
    );
    let retried = store.due_messages(now + Duration::seconds(61), 10).unwrap();
    assert_eq!(retried[0].attempts, 1);
    store.message_sent("m1", now).unwrap();
    assert!(
        store
            .due_messages(now + Duration::days(1), 10)
            .unwrap()
            .is_empty()
    );
}

fn submissions_are_idempotent_and_follow_the_status_machine(store: &dyn Store) {
    let now = Utc::now();
    let owner = store
        .create_account(citizen("3201011205900003"), now)
        .unwrap();
    let SubmitOutcome::Created(first) = store.submit(submission(owner, "k1", "A")).unwrap() else {
        panic!("a new key creates");
    };
    let SubmitOutcome::Replayed(again) = store.submit(submission(owner, "k1", "A")).unwrap() else {
        panic!("the same key and body replay");
    };
    assert_eq!(again.id, first.id);
    assert_eq!(
        store.submit(submission(owner, "k1", "B")).unwrap(),
        SubmitOutcome::KeyReusedWithOtherBody
    );
    assert_eq!(store.applications_of(owner).unwrap().len(), 1);

    let officer = Actor {
        role: ActorRole::Officer,
        account: None,
    };
    let to = |status| Transition {
        to: status,
        actor: officer,
        reason: None,
        field_reasons: vec![],
        at: now,
    };
    assert!(matches!(
        store.transition(&first.id, to(ApplicationStatus::Approved)),
        Err(StoreError::InvalidTransition { .. })
    ));
    store
        .transition(&first.id, to(ApplicationStatus::InReview))
        .unwrap();
    store
        .transition(&first.id, to(ApplicationStatus::NeedsCorrection))
        .unwrap();
    let SubmitOutcome::Created(second) = store
        .resubmit(&first.id, submission(owner, "k2", "C"))
        .unwrap()
    else {
        panic!("a correction creates a revision");
    };
    assert_eq!(
        (second.revision, second.status),
        (2, ApplicationStatus::Resubmitted)
    );
    let statuses: Vec<_> = store
        .timeline(&first.id)
        .unwrap()
        .into_iter()
        .map(|e| e.status)
        .collect();
    assert_eq!(statuses.len(), 4);

    let queue = store
        .queue(&QueueFilter {
            status: Some(ApplicationStatus::Resubmitted),
            limit: 10,
            ..QueueFilter::default()
        })
        .unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].head_name, "Budi Santoso");

    let other = store
        .create_account(citizen("3201011205900004"), now)
        .unwrap();
    let SubmitOutcome::Created(theirs) = store.submit(submission(other, "k1", "D")).unwrap() else {
        panic!("keys are per owner");
    };
    let duplicates = store.duplicate_niks(&theirs.id).unwrap();
    assert!(
        duplicates
            .iter()
            .any(|d| d.other_id == first.id && d.nik == "3201011205900001"),
        "{duplicates:?}"
    );
}

fn uploads_become_documents_of_their_owner(store: &dyn Store) {
    let now = Utc::now();
    let owner = store
        .create_account(citizen("3201011205900005"), now)
        .unwrap();
    let upload = Upload {
        id: "u1".into(),
        owner,
        length: 10,
        offset: 0,
        sha256: "a".repeat(64),
        file_name: "x.pdf".into(),
    };
    store.create_upload(&upload, now).unwrap();
    store.set_upload_offset("u1", 4, Utc::now()).unwrap();
    assert_eq!(store.upload("u1").unwrap().unwrap().offset, 4);
    let document = DocumentRecord {
        sha256: "a".repeat(64),
        owner,
        media_type: "application/pdf".into(),
        size: 10,
    };
    store.finish_upload("u1", &document, now).unwrap();
    assert!(store.upload("u1").unwrap().is_none());
    assert_eq!(
        store.document(owner, &"a".repeat(64)).unwrap(),
        Some(document)
    );
    assert!(
        store
            .document(owner + 1, &"a".repeat(64))
            .unwrap()
            .is_none()
    );
}

/// A registered family: the sample family's members as recorded, under `kk_number`.
fn family(kk_number: &str, niks: &[&str]) -> Family {
    let sample = kk_domain::sample::valid_family();
    Family {
        kk_number: kk_number.into(),
        address: sample.address.clone(),
        members: sample.members[..niks.len()]
            .iter()
            .zip(niks)
            .map(|(member, nik)| kk_domain::application::Member {
                nik: (*nik).into(),
                change: kk_domain::application::MemberChange::Unchanged,
                ..member.clone()
            })
            .collect(),
    }
}

fn the_register_imports_all_or_nothing_and_holds_a_nik_on_one_kk(store: &dyn Store) {
    let now = Utc::now();
    let first = family(
        "3201012006150003",
        &["3201011205900001", "3201015708920002"],
    );
    let second = family("3201012006150004", &["3201011003180001"]);
    let report = store
        .import_families(&[first.clone(), second.clone()], now)
        .unwrap();
    assert_eq!((report.added, report.updated, report.unchanged), (2, 0, 0));
    // Again: nothing changes.
    let again = store
        .import_families(std::slice::from_ref(&first), now)
        .unwrap();
    assert_eq!((again.added, again.unchanged), (0, 1));

    // A file whose third family holds a NIK of the first is refused whole.
    let new = family("3201012006150005", &["3201016101210004"]);
    let clash = family("3201012006150006", &["3201011205900001"]);
    match store.import_families(&[new.clone(), clash], now) {
        Err(StoreError::Refused { index, .. }) => assert_eq!(index, 1),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(
        store.family(&new.kk_number).unwrap().is_none(),
        "none of it"
    );
    assert_eq!(
        store.kk_number_of("3201011205900001").unwrap().as_deref(),
        Some(first.kk_number.as_str())
    );
    let registered = store.family(&first.kk_number).unwrap().unwrap();
    assert_eq!(registered.family, first);
    assert_eq!(registered.version, 1);
    assert_eq!(
        store.family_history(&first.kk_number).unwrap()[0].event,
        "imported"
    );

    // Newborn NIKs count up from 0001 per prefix, past those in the register.
    assert_eq!(store.next_nik("320101411026").unwrap(), "3201014110260001");
    assert_eq!(store.next_nik("320101100318").unwrap(), "3201011003180002");
}

fn an_issuance_moves_a_member_off_the_kk_they_leave_in_the_same_transaction(store: &dyn Store) {
    let now = Utc::now();
    let owner = store
        .create_account(citizen("3201011205900009"), now)
        .unwrap();
    let SubmitOutcome::Created(application) = store
        .submit(submission(owner, "split", "Jalan Pisah"))
        .unwrap()
    else {
        panic!("a new application");
    };
    let officer = Actor {
        role: ActorRole::Officer,
        account: None,
    };
    for status in [ApplicationStatus::InReview, ApplicationStatus::Approved] {
        store
            .transition(
                &application.id,
                Transition {
                    to: status,
                    actor: officer,
                    reason: None,
                    field_reasons: vec![],
                    at: now,
                },
            )
            .unwrap();
    }
    // The child of 3201012006150004 heads a KK of their own.
    let own = family("3201012311260001", &["3201011003180001"]);
    let issuance = |kk_number: &str, family: Family| NewIssuance {
        kk_number: kk_number.into(),
        key_id: "k".into(),
        encrypted_pdf: b"%PDF".to_vec(),
        pdf_sha256: "0".repeat(64),
        family,
        new_niks: vec![],
        new_number: true,
    };
    // A new number already in the register is refused, and nothing moves.
    assert!(matches!(
        store.record_issuance(
            &application.id,
            issuance("3201012006150003", own.clone()),
            vec![],
            now
        ),
        Err(StoreError::AlreadyExists("kk_number"))
    ));
    assert_eq!(
        store.kk_number_of("3201011003180001").unwrap().as_deref(),
        Some("3201012006150004")
    );
    // A newborn's NIK that is taken makes the issuance try again.
    let mut with_newborn = own.clone();
    with_newborn.members[0].nik = "3201011205900001".into();
    let mut taken = issuance(&own.kk_number, with_newborn);
    taken.new_niks = vec!["3201011205900001".into()];
    taken.new_number = false;
    assert!(matches!(
        store.record_issuance(&application.id, taken, vec![], now),
        Err(StoreError::AlreadyExists("nik"))
    ));
    store
        .record_issuance(
            &application.id,
            issuance(&own.kk_number, own.clone()),
            vec![],
            now,
        )
        .unwrap();
    assert_eq!(
        store.kk_number_of("3201011003180001").unwrap().as_deref(),
        Some(own.kk_number.as_str())
    );
    let left = store.family("3201012006150004").unwrap().unwrap();
    assert!(left.family.members.is_empty());
    let history = store.family_history("3201012006150004").unwrap();
    assert_eq!(history.last().unwrap().event, "member_left");
}

fn an_otp_is_refused_once_its_tries_its_time_or_the_days_tries_are_used_up(store: &dyn Store) {
    // 10:00 WIB: every try below but the last falls on the same day in Jakarta.
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T03:00:00Z")
        .unwrap()
        .to_utc();
    let id = store
        .create_account(citizen("3201011205900010"), now)
        .unwrap();
    let sent = std::cell::Cell::new(0);
    let send = |at| {
        sent.set(sent.get() + 1);
        let otp = OtpRecord {
            code_hash: "right".into(),
            expires_at: at + Duration::minutes(5),
            sent_at: at,
            attempts: 0,
        };
        let message = OutgoingMessage {
            id: format!("otp-{}", sent.get()),
            channel: "sms".into(),
            to: "+6281200000003".into(),
            kind: "otp.reset_password".into(),
            text: "kode".into(),
            attempts: 0,
        };
        store
            .put_otp(id, OtpPurpose::ResetPassword, &otp, &message)
            .unwrap();
    };
    let attempt = |code: &str, at| OtpAttempt {
        account: id,
        purpose: OtpPurpose::ResetPassword,
        code_hash: code.into(),
        at,
        max_attempts: 2,
        max_per_day: 4,
    };
    send(now);
    store.try_otp(attempt("wrong", now)).unwrap();
    store.try_otp(attempt("wrong", now)).unwrap();
    assert_eq!(
        store.try_otp(attempt("right", now)).unwrap(),
        OtpTry::TooManyAttempts
    );
    send(now);
    assert_eq!(
        store
            .try_otp(attempt("right", now + Duration::minutes(6)))
            .unwrap(),
        OtpTry::Expired
    );
    // Four tries today are used: a fresh code cannot be tried until tomorrow.
    send(now);
    assert_eq!(
        store.try_otp(attempt("right", now)).unwrap(),
        OtpTry::DailyCapReached
    );
    let tomorrow = now + Duration::days(1);
    send(tomorrow);
    assert_eq!(
        store.try_otp(attempt("right", tomorrow)).unwrap(),
        OtpTry::Accepted
    );
}

#[test]
fn the_sqlite_store_keeps_the_contract() {
    let directory = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(directory.path()).unwrap();
    accounts_are_unique_and_sessions_expire_and_revoke(&store);
    otps_count_attempts_and_queue_their_message(&store);
    an_otp_is_refused_once_its_tries_its_time_or_the_days_tries_are_used_up(&store);
    submissions_are_idempotent_and_follow_the_status_machine(&store);
    uploads_become_documents_of_their_owner(&store);
    the_register_imports_all_or_nothing_and_holds_a_nik_on_one_kk(&store);
    an_issuance_moves_a_member_off_the_kk_they_leave_in_the_same_transaction(&store);
    assert!(store.verify_audit().unwrap().is_ok());
}
