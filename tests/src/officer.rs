//! The officer's side of an e2e test, done straight on the server's store: an application is
//! taken into review, approved and issued, as the console would do it.

use kk_domain::api::ActorRole;
use kk_domain::status::ApplicationStatus;
use kk_server::store::{Actor, Transition};

/// Takes application `id` into review, approves it and issues its KK.
pub async fn approve_and_issue(server: &kk_server::RunningServer, id: &str) -> anyhow::Result<()> {
    for to in [ApplicationStatus::InReview, ApplicationStatus::Approved] {
        server.state.store.transition(
            id,
            Transition {
                to,
                actor: Actor {
                    role: ActorRole::Officer,
                    account: None,
                },
                reason: None,
                field_reasons: Vec::new(),
                at: server.state.now(),
            },
        )?;
    }
    kk_server::issuance::issue(&server.state, id)
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    Ok(())
}
