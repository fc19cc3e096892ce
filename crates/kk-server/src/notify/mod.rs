//! Notifications leave through an outbox: a message is stored in the same transaction as what
//! caused it, then [`worker::run`] hands it to the transport of its channel, retrying with
//! growing pauses until it is delivered or given up.
//!
//! Transports: [`smtp::SmtpTransport`] for email, [`webhook::WebhookTransport`] for an SMS
//! gateway, and for `--demo` and tests [`stand_in::StandInCarrier`], which delivers nothing and
//! writes one JSON file per message under `<data-dir>/outbox/`.
pub mod smtp;
pub mod stand_in;
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
        let stand_in = || -> anyhow::Result<Arc<dyn Transport>> {
            let outbox = config.data_dir.join("outbox");
            Ok(Arc::new(stand_in::StandInCarrier::new(outbox)?))
        };
        let sms = match &config.channels.sms_webhook {
            Some(url) => Arc::new(webhook::WebhookTransport::new(url)?) as Arc<dyn Transport>,
            None => stand_in()?,
        };
        let email = match &config.channels.smtp {
            Some(smtp) => Arc::new(smtp::SmtpTransport::new(smtp)?) as Arc<dyn Transport>,
            None => stand_in()?,
        };
        Ok(Transports {
            by_channel: HashMap::from([("sms", sms), ("email", email)]),
        })
    }

    pub fn for_channel(&self, channel: &str) -> Option<&Arc<dyn Transport>> {
        self.by_channel.get(channel)
    }
}
