//! The notification outbox: SMS and email queued in the same transaction as the change they
//! tell of, then sent, retried or given up by the worker.

use chrono::{DateTime, Utc};

use super::StoreResult;

/// A message waiting in, or sent from, the notification outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMessage {
    pub id: String,
    /// `sms` or `email`: which of the person's addresses it goes to.
    pub channel: String,
    pub to: String,
    /// What it is, e.g. `otp.verify_account`; tests find messages by it.
    pub kind: String,
    pub text: String,
    pub attempts: u32,
}

pub trait OutboxStore {
    fn enqueue_message(&self, message: &OutgoingMessage, at: DateTime<Utc>) -> StoreResult<()>;
    /// How many messages of `channel` were queued since `since`, to `recipient` if given:
    /// what the SMS caps count.
    fn messages_queued_since(
        &self,
        channel: &str,
        recipient: Option<&str>,
        since: DateTime<Utc>,
    ) -> StoreResult<u32>;
    fn due_messages(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<Vec<OutgoingMessage>>;
    fn message_sent(&self, id: &str, at: DateTime<Utc>) -> StoreResult<()>;
    /// Schedules another try, or gives up when `next_try` is `None`.
    fn message_failed(
        &self,
        id: &str,
        error: &str,
        next_try: Option<DateTime<Utc>>,
    ) -> StoreResult<()>;
}
