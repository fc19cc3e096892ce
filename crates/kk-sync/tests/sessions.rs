//! A logout ends the session on the server, also when the device was offline at the time:
//! the token waits on the device and is ended once the server answers again.

mod support;

use kk_device_store::AccountSession;
use kk_sync::AccountClient;
use support::{NIK, World};

#[tokio::test]
async fn a_logout_made_offline_ends_the_session_once_the_server_is_back() {
    let mut world = World::new().await;
    let session = AccountSession {
        nik: NIK.into(),
        token: world.token.clone(),
        expires_at: "2027-01-01T00:00:00Z".into(),
    };
    world.store.lock().unwrap().log_in(&session).unwrap();
    let works = |world: &World| {
        let (url, token) = (world.server().url(), world.token.clone());
        async move {
            reqwest::Client::new()
                .get(format!("{url}/v1/applications"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
                .is_success()
        }
    };
    assert!(works(&world).await);

    world.stop_server().await;
    world.store.lock().unwrap().log_out().unwrap();
    let client = AccountClient::new(&world.proxy.url());
    client.end_sessions_left_behind(&world.store).await;
    assert_eq!(
        world.store.lock().unwrap().sessions_to_end().unwrap(),
        [world.token.clone()],
        "still waiting while the server is down"
    );

    world.start_server().await;
    assert!(works(&world).await, "the token outlived the offline logout");
    client.end_sessions_left_behind(&world.store).await;
    assert!(
        world
            .store
            .lock()
            .unwrap()
            .sessions_to_end()
            .unwrap()
            .is_empty()
    );
    assert!(!works(&world).await, "the session has ended on the server");
}
