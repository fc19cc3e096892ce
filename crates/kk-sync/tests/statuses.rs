//! Pulling status changes: what the officer decides reaches the app's database.

mod support;

use std::time::Duration;

use chrono::Utc;
use kk_domain::api::ActorRole;
use kk_domain::status::ApplicationStatus;
use kk_server::store::{Actor, Transition};
use kk_sync::StatusChange;
use support::World;

#[tokio::test]
async fn an_officers_decision_reaches_the_app_once() {
    let world = World::new().await;
    let id = world.queue(&[2_000, 2_000]);
    world.sync_until_sent(&id, Duration::from_secs(20)).await;
    let engine = world.engine();
    assert!(
        engine.pull_statuses().await.unwrap().is_empty(),
        "nothing new yet"
    );

    let stored = &world.server_applications()[0];
    let officer = Actor {
        role: ActorRole::Officer,
        account: None,
    };
    world
        .server()
        .state
        .store
        .transition(
            &stored.id,
            Transition {
                to: ApplicationStatus::InReview,
                actor: officer,
                reason: None,
                field_reasons: vec![],
                at: Utc::now(),
            },
        )
        .unwrap();

    let changes = engine.pull_statuses().await.unwrap();
    assert_eq!(
        changes,
        [StatusChange {
            draft_id: id.clone(),
            registration_number: stored.registration_number.to_string(),
            status: "in_review".into(),
        }]
    );
    assert_eq!(world.item(&id).server_status.as_deref(), Some("in_review"));
    assert!(
        engine.pull_statuses().await.unwrap().is_empty(),
        "reported once"
    );
}

#[tokio::test]
async fn a_return_puts_the_officers_reasons_beside_their_fields_and_a_correction_goes_back_as_revision_two()
 {
    let world = World::new().await;
    let id = world.queue(&[2_000, 2_000]);
    world.sync_until_sent(&id, Duration::from_secs(20)).await;
    let stored = world.server_applications()[0].clone();
    let store = &world.server().state.store;
    let officer = Actor {
        role: ActorRole::Officer,
        account: None,
    };
    let at = Utc::now();
    store
        .transition(
            &stored.id,
            Transition {
                to: ApplicationStatus::InReview,
                actor: officer,
                reason: None,
                field_reasons: vec![],
                at,
            },
        )
        .unwrap();
    let reasons = vec![kk_domain::api::FieldReason {
        field: "members[1].birth_date".into(),
        reason: "Tanggal lahir berbeda dengan akta.".into(),
    }];
    store
        .transition(
            &stored.id,
            Transition {
                to: ApplicationStatus::NeedsCorrection,
                actor: officer,
                reason: Some("Periksa lagi.".into()),
                field_reasons: reasons,
                at,
            },
        )
        .unwrap();

    world.engine().pull_statuses().await.unwrap();
    let issues = world
        .store
        .lock()
        .unwrap()
        .server_issues(&world.owner, &id)
        .unwrap();
    let beside = issues
        .iter()
        .find(|issue| issue.field == "members[1].birth_date")
        .expect("the field's reason");
    assert_eq!(beside.step, kk_domain::validation::Step::Members);
    assert_eq!(
        beside.message.id,
        "Petugas: Tanggal lahir berbeda dengan akta."
    );

    // The citizen corrects the date and sends again: revision 2 of the same application.
    {
        let mut device = world.store.lock().unwrap();
        let mut application = device.draft(&world.owner, &id).unwrap().application;
        application.members[1].birth_date = Some(kk_domain::sample::date("1992-08-18"));
        device.save_draft(&world.owner, &id, &application).unwrap();
        device.queue_for_sending(&world.owner, &id).unwrap();
        assert!(device.server_issues(&world.owner, &id).unwrap().is_empty());
    }
    world.sync_until_sent(&id, Duration::from_secs(20)).await;
    let applications = world.server_applications();
    assert_eq!(
        applications.len(),
        1,
        "the same application, not a second one"
    );
    assert_eq!(
        (applications[0].revision, applications[0].status),
        (2, ApplicationStatus::Resubmitted)
    );
    let timeline = world.server().state.store.timeline(&stored.id).unwrap();
    let revisions: Vec<u32> = timeline.iter().map(|event| event.revision).collect();
    assert_eq!(revisions, [1, 1, 1, 2]);
}
