//! Notifications leave through an outbox: a message is stored in the same transaction as what
//! caused it, then [`worker::run`] hands it to the transport of its channel, retrying with
//! growing pauses until it is delivered or given up.
//!
//! Transports: [`file::FileTransport`] (the default: one JSON file per message under
//! `<data-dir>/outbox/`), [`smtp::SmtpTransport`] for email and [`webhook::WebhookTransport`]
//! for an SMS gateway.

pub mod file;
pub mod smtp;
pub mod webhook;
pub mod worker;

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::config::Config;
use crate::store::OutgoingMessage;

pub type Delivery<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

/// One way out. An `Err` is a reason to retry later, written without personal data.
pub trait Transport: Send + Sync {
    fn deliver<'a>(&'a self, message: &'a OutgoingMessage) -> Delivery<'a>;
}

/// The transport of each channel (`sms`, `email`).
pub struct Transports {
    by_channel: HashMap<&'static str, Arc<dyn Transport>>,
}

impl Transports {
    pub fn from_config(config: &Config) -> anyhow::Result<Transports> {
        let file: Arc<dyn Transport> =
            Arc::new(file::FileTransport::new(config.data_dir.join("outbox"))?);
        let sms = match &config.channels.sms_webhook {
            Some(url) => Arc::new(webhook::WebhookTransport::new(url)?) as Arc<dyn Transport>,
            None => Arc::clone(&file),
        };
        let email = match &config.channels.smtp {
            Some(smtp) => Arc::new(smtp::SmtpTransport::new(smtp)?) as Arc<dyn Transport>,
            None => Arc::clone(&file),
        };
        Ok(Transports {
            by_channel: HashMap::from([("sms", sms), ("email", email)]),
        })
    }

    pub fn for_channel(&self, channel: &str) -> Option<&Arc<dyn Transport>> {
        self.by_channel.get(channel)
    }
}
