//! A stand-in for an SMS carrier and a mail server, for `--demo` and tests only: it delivers
//! nothing, but writes each message to `<data-dir>/outbox/<id>.json` (mode 0600, to a
//! temporary name and renamed, so a reader never sees half a file), where a demo or a test
//! reads its OTPs and PINs. Those files are the "phone", so they keep the codes: a server
//! outside `--demo` refuses to start with this stand-in (see `main.rs`).

use std::path::PathBuf;

use chrono::Utc;

use super::{Delivery, Transport};
use crate::store::OutgoingMessage;

pub struct StandInCarrier {
    directory: PathBuf,
}

impl StandInCarrier {
    pub fn new(directory: PathBuf) -> anyhow::Result<StandInCarrier> {
        std::fs::create_dir_all(&directory)?;
        Ok(StandInCarrier { directory })
    }
}

impl Transport for StandInCarrier {
    fn deliver<'a>(&'a self, message: &'a OutgoingMessage) -> Delivery<'a> {
        Box::pin(async move {
            let json = serde_json::json!({
                "id": message.id,
                "to": message.to,
                "channel": message.channel,
                "kind": message.kind,
                "text": message.text,
                "written_at": crate::timestamp::timestamp(Utc::now()),
            });
            let final_path = self.directory.join(format!("{}.json", message.id));
            let temporary = self.directory.join(format!(".{}.tmp", message.id));
            write_private(&temporary, json.to_string().into_bytes())
                .await
                .map_err(|error| format!("writing the outbox file failed: {error}"))?;
            tokio::fs::rename(&temporary, &final_path)
                .await
                .map_err(|error| format!("renaming the outbox file failed: {error}"))
        })
    }
}

/// Writes `bytes` to a new file only its owner can read.
async fn write_private(path: &std::path::Path, bytes: Vec<u8>) -> std::io::Result<()> {
    use tokio::io::AsyncWriteExt;
    let mut file = tokio::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .await?;
    file.write_all(&bytes).await?;
    file.flush().await
}
