//! The default transport: each message becomes `<data-dir>/outbox/<id>.json`, written to a
//! temporary name and renamed, so a reader never sees half a file. Development, demos and
//! tests read OTPs and PINs from here.

use std::path::PathBuf;

use chrono::Utc;

use super::{Delivery, Transport};
use crate::store::OutgoingMessage;

pub struct FileTransport {
    directory: PathBuf,
}

impl FileTransport {
    pub fn new(directory: PathBuf) -> anyhow::Result<FileTransport> {
        std::fs::create_dir_all(&directory)?;
        Ok(FileTransport { directory })
    }
}

impl Transport for FileTransport {
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
            tokio::fs::write(&temporary, json.to_string())
                .await
                .map_err(|error| format!("writing the outbox file failed: {error}"))?;
            tokio::fs::rename(&temporary, &final_path)
                .await
                .map_err(|error| format!("renaming the outbox file failed: {error}"))
        })
    }
}
