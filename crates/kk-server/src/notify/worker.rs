//! Sends what the outbox holds: at start, whenever a message is queued, and at least every few
//! seconds for retries. A failed try waits 2^n seconds (at most an hour); after
//! [`MAX_ATTEMPTS`] the message is given up and its last error stays in the outbox table.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use kk_domain::clock::Clock;
use tokio::sync::Notify;

use super::Transports;
use crate::store::Store;

pub const MAX_ATTEMPTS: u32 = 10;
const BATCH: u32 = 50;
const IDLE_CHECK: Duration = Duration::from_secs(2);

pub async fn run(
    store: Arc<dyn Store>,
    clock: Clock,
    transports: Arc<Transports>,
    wakeup: Arc<Notify>,
) {
    loop {
        if let Err(error) = send_due(&store, clock, &transports).await {
            tracing::warn!("the outbox could not be read: {error}");
        }
        let _ = tokio::time::timeout(IDLE_CHECK, wakeup.notified()).await;
    }
}

async fn send_due(
    store: &Arc<dyn Store>,
    clock: Clock,
    transports: &Transports,
) -> anyhow::Result<()> {
    let now = move || clock.now_at(Utc::now());
    let due = {
        let store = Arc::clone(store);
        tokio::task::spawn_blocking(move || store.due_messages(now(), BATCH)).await??
    };
    for message in due {
        let outcome = match transports.for_channel(&message.channel) {
            Some(transport) => transport.deliver(&message).await,
            None => Err(format!("no transport for channel {}", message.channel)),
        };
        let store = Arc::clone(store);
        tokio::task::spawn_blocking(move || match outcome {
            Ok(()) => store.message_sent(&message.id, now()),
            Err(error) => {
                let attempts = message.attempts + 1;
                // Ids and kinds only: the message text may hold a code.
                tracing::warn!(
                    id = message.id,
                    kind = message.kind,
                    attempts,
                    "delivery failed: {error}"
                );
                let next_try = (attempts < MAX_ATTEMPTS).then(|| {
                    now() + chrono::Duration::seconds(2i64.pow(attempts.min(12)).min(3600))
                });
                store.message_failed(&message.id, &error, next_try)
            }
        })
        .await??;
    }
    Ok(())
}
