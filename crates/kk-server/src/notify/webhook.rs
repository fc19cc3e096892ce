//! SMS through a gateway's webhook: a JSON POST of `{to, text, kind, id}`. Any 2xx answer is a
//! delivery; anything else is retried. The message id lets the gateway drop duplicates.

use std::time::Duration;

use super::{Delivery, Transport};
use crate::store::OutgoingMessage;

pub struct WebhookTransport {
    client: reqwest::Client,
    url: reqwest::Url,
}

impl WebhookTransport {
    pub fn new(url: &str) -> anyhow::Result<WebhookTransport> {
        Ok(WebhookTransport {
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(15))
                .build()?,
            url: url.parse()?,
        })
    }
}

impl Transport for WebhookTransport {
    fn deliver<'a>(&'a self, message: &'a OutgoingMessage) -> Delivery<'a> {
        Box::pin(async move {
            let body = serde_json::json!({
                "id": message.id,
                "to": message.to,
                "kind": message.kind,
                "text": message.text,
            });
            let response = self
                .client
                .post(self.url.clone())
                .json(&body)
                .send()
                .await
                .map_err(|error| {
                    format!("the SMS gateway did not answer: {}", error.without_url())
                })?;
            if response.status().is_success() {
                Ok(())
            } else {
                Err(format!("the SMS gateway answered {}", response.status()))
            }
        })
    }
}
