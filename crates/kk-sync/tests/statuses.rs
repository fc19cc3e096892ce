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
