//! What the server's SMS stand-in (its file outbox) sent, as a citizen would read it off their
//! phone.

use std::path::Path;
use std::time::{Duration, Instant};

use kk_document::Pin;

/// The PIN in the SMS for the KK of application `registration_number`, waiting up to 15 s for
/// the outbox worker to write it.
pub async fn pin_from_sms(server_data: &Path, registration_number: &str) -> anyhow::Result<Pin> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        for message in crate::outbox_messages(server_data) {
            let text = message["text"].as_str().unwrap_or_default();
            if message["kind"] == "kk.pin" && text.contains(registration_number) {
                let pin = text
                    .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                    .find(|word| word.len() == 11 && word.as_bytes()[5] == b'-')
                    .ok_or_else(|| anyhow::anyhow!("no PIN in the SMS"))?;
                return Ok(Pin::parse(pin)?);
            }
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "no PIN SMS for {registration_number} arrived"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
