//! The sync on a 2G-grade link: the app's real sync engine sends a queued application with four
//! prepared phone photos to a real kk-server through the fault proxy, set to 256 kbit/s each
//! way and 300 ms round trips (150 ms each way), the link of the sync fault tests.
//!
//! - **Time ratio:** the measured time from "Kirim" to "sent" ÷ the ideal time, which is the
//!   payload's bytes ÷ the bandwidth, as if the link carried nothing else and never waited.
//! - **Wire overhead:** every byte the proxy relays, both ways, HTTP headers, JSON answers and
//!   the existence checks included ÷ the payload's bytes.
//!
//! The payload is the four documents plus the application's JSON body.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kk_device_store::{DeviceStore, NewDocument, OutboxState, Owner, StoreKey};
use kk_domain::application::Application;
use kk_domain::documents::{AttachedDocument, DocumentKind};
use kk_fault_proxy::{FaultProxy, Faults};
use kk_sync::{Engine, ServerClient};
use sha2::{Digest, Sha256};

use crate::citizens::verified_citizen;

/// 256 kbit/s, in bytes per second.
pub const LINK_BYTES_PER_SECOND: u64 = 256_000 / 8;
/// Half of the 300 ms round trip, added in each direction.
const ONE_WAY_LATENCY: Duration = Duration::from_millis(150);
/// Long enough for the slowest acceptable sync of this payload, with room to spare.
const GIVE_UP_AFTER: Duration = Duration::from_secs(300);

pub struct SyncLink {
    pub payload_bytes: u64,
    pub elapsed: Duration,
    pub wire_bytes: u64,
}

impl SyncLink {
    /// The payload's bytes ÷ the bandwidth.
    pub fn ideal(&self) -> Duration {
        Duration::from_secs_f64(self.payload_bytes as f64 / LINK_BYTES_PER_SECOND as f64)
    }

    pub fn time_ratio(&self) -> f64 {
        self.elapsed.as_secs_f64() / self.ideal().as_secs_f64()
    }

    pub fn wire_overhead(&self) -> f64 {
        self.wire_bytes as f64 / self.payload_bytes as f64
    }
}

/// Sends one application whose four documents are copies of `photo` (each made distinct) and
/// measures the link.
pub fn measure(photo: &[u8]) -> anyhow::Result<SyncLink> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let server_data = tempfile::tempdir()?;
        let mut config =
            kk_server::Config::new(server_data.path().to_path_buf(), "127.0.0.1:0".parse()?);
        config.keys = kk_server::signing_keys::KeySource::DemoRoot;
        let server = kk_server::start(config).await?;
        let (_, token) = verified_citizen(
            server.state.store.as_ref(),
            "bench-sync",
            "3201011205900001",
        )?;
        let proxy = FaultProxy::start(server.address).await;

        let device_data = tempfile::tempdir()?;
        let mut device = DeviceStore::open(
            &device_data.path().join("kk-mandiri.sqlite3"),
            &StoreKey::random(),
        )?;
        let owner = Owner::Account("bench".into());
        let application = application_with_photos(&mut device, &owner, photo)?;
        let payload_bytes = application
            .documents
            .iter()
            .map(|document| document.size_bytes)
            .sum::<u64>()
            + serde_json::to_vec(&application)?.len() as u64;
        let draft = device.create_draft(&owner, &application)?;
        device.queue_for_sending(&owner, &draft.id)?;

        let device = Arc::new(Mutex::new(device));
        let engine = Engine::new(
            Arc::clone(&device),
            owner.clone(),
            ServerClient::new(&proxy.url(), &token),
        );
        proxy.set_faults(Faults {
            latency: ONE_WAY_LATENCY,
            bytes_per_second: Some(LINK_BYTES_PER_SECOND),
            ..Faults::default()
        });
        let started = Instant::now();
        loop {
            engine.send_due().await?;
            let item = device.lock().unwrap().outbox_item(&owner, &draft.id)?;
            match item.map(|item| item.state) {
                Some(OutboxState::Sent { .. }) => break,
                state => anyhow::ensure!(
                    started.elapsed() < GIVE_UP_AFTER,
                    "not sent within {GIVE_UP_AFTER:?}: {state:?}"
                ),
            }
            // A try that failed waits for its next turn; look again shortly, as the shell does.
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let elapsed = started.elapsed();
        server.stop().await?;
        Ok(SyncLink {
            payload_bytes,
            elapsed,
            wire_bytes: proxy.bytes_to_server() + proxy.bytes_to_client(),
        })
    })
}

/// The sample family with four photographed documents in the device store. Each copy of the
/// photo gets a different trailer after its end-of-image marker, so each has its own SHA-256
/// and is uploaded on its own.
fn application_with_photos(
    device: &mut DeviceStore,
    owner: &Owner,
    photo: &[u8],
) -> anyhow::Result<Application> {
    let mut application = kk_domain::sample::valid_family();
    let kinds = [
        DocumentKind::KkLama,
        DocumentKind::AktaKelahiran,
        DocumentKind::KtpEl,
        DocumentKind::BukuNikah,
    ];
    application.documents = Vec::new();
    for (index, kind) in kinds.into_iter().enumerate() {
        let mut content = photo.to_vec();
        content.extend_from_slice(format!("dokumen {index}").as_bytes());
        let sha256 = hex::encode(Sha256::digest(&content));
        device.put_document(
            owner,
            &NewDocument {
                sha256: &sha256,
                media_type: "image/jpeg",
                content: &content,
                thumbnail: None,
            },
        )?;
        application.documents.push(AttachedDocument {
            kind,
            file_name: format!("dokumen-{index}.jpg"),
            media_type: "image/jpeg".into(),
            size_bytes: content.len() as u64,
            sha256,
        });
    }
    Ok(application)
}
