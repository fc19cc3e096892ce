//! The world of a sync test: a real kk-server with its own data, a fault proxy in front of it,
//! a verified citizen with a session, and the app's device store on a real SQLite file.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kk_device_store::{DeviceStore, DraftId, NewDocument, OutboxItem, OutboxState, Owner};
use kk_domain::application::Application;
use kk_domain::documents::{AttachedDocument, DocumentKind};
use kk_fault_proxy::FaultProxy;
use kk_server::{Config, RunningServer};
use kk_sync::{Engine, ServerClient};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

pub const NIK: &str = "3201011205900001";
const PHONE: &str = "+6281200000001";
const PASSWORD: &str = "bunga mawar merah";

pub struct World {
    server: Option<RunningServer>,
    pub server_data: tempfile::TempDir,
    pub device_data: tempfile::TempDir,
    pub store: Arc<Mutex<DeviceStore>>,
    pub proxy: FaultProxy,
    pub token: String,
    pub owner: Owner,
}

/// A server on the sample family's "today", so no test depends on the day it runs.
async fn start_server(data: &std::path::Path) -> RunningServer {
    let mut config = Config::new(data.to_path_buf(), "127.0.0.1:0".parse().unwrap());
    config.clock =
        kk_domain::clock::Clock::from_setting(Some(kk_domain::sample::TODAY), chrono::Utc::now())
            .unwrap();
    config.keys = kk_server::signing_keys::KeySource::DemoRoot;
    kk_server::start(config).await.unwrap()
}

/// The device store's key in these tests: fixed, so a child process opens the same file.
pub fn device_key() -> kk_device_store::StoreKey {
    kk_device_store::StoreKey::from_hex(&"5e".repeat(32)).expect("64 hex digits")
}

impl World {
    pub async fn new() -> World {
        let server_data = tempfile::tempdir().unwrap();
        let server = start_server(server_data.path()).await;
        let proxy = FaultProxy::start(server.address).await;
        let token = citizen_session(&server.url(), server_data.path()).await;
        let device_data = tempfile::tempdir().unwrap();
        let store = DeviceStore::open(
            &device_data.path().join("kk-mandiri.sqlite3"),
            &device_key(),
        )
        .unwrap();
        World {
            server: Some(server),
            server_data,
            device_data,
            store: Arc::new(Mutex::new(store)),
            proxy,
            token,
            owner: Owner::Account("1".into()),
        }
    }

    pub fn database_path(&self) -> PathBuf {
        self.device_data.path().join("kk-mandiri.sqlite3")
    }

    /// An engine talking to the server through the proxy.
    pub fn engine(&self) -> Engine {
        Engine::new(
            Arc::clone(&self.store),
            self.owner.clone(),
            ServerClient::new(&self.proxy.url(), &self.token),
        )
    }

    pub async fn stop_server(&mut self) {
        if let Some(server) = self.server.take() {
            server.stop().await.unwrap();
        }
    }

    /// Starts the server again on the same data, on a new port, and points the proxy at it.
    pub async fn start_server(&mut self) {
        let server = start_server(self.server_data.path()).await;
        self.proxy.set_upstream(server.address);
        self.server = Some(server);
    }

    pub fn server(&self) -> &RunningServer {
        self.server.as_ref().expect("the server is running")
    }

    /// The citizen's applications as the server has stored them.
    pub fn server_applications(&self) -> Vec<kk_server::store::StoredApplication> {
        let store = &self.server().state.store;
        let account = store.account_by_login(NIK).unwrap().unwrap();
        store.applications_of(account.id).unwrap()
    }

    /// A finished draft whose documents have these sizes, queued with "Kirim".
    pub fn queue(&self, sizes: &[usize]) -> DraftId {
        let mut store = self.store.lock().unwrap();
        let mut application: Application = kk_domain::sample::valid_family();
        let kinds = [
            DocumentKind::KkLama,
            DocumentKind::AktaKelahiran,
            DocumentKind::KtpEl,
            DocumentKind::BukuNikah,
        ];
        application.documents = sizes
            .iter()
            .zip(kinds)
            .enumerate()
            .map(|(index, (size, kind))| {
                let content = pdf_of_size(*size, index);
                let sha256 = hex::encode(Sha256::digest(&content));
                store
                    .put_document(
                        &self.owner,
                        &NewDocument {
                            sha256: &sha256,
                            media_type: "application/pdf",
                            content: &content,
                            thumbnail: None,
                        },
                    )
                    .unwrap();
                AttachedDocument {
                    kind,
                    file_name: format!("dokumen-{index}.pdf"),
                    media_type: "application/pdf".into(),
                    size_bytes: content.len() as u64,
                    sha256,
                }
            })
            .collect();
        let draft = store.create_draft(&self.owner, &application).unwrap();
        store.queue_for_sending(&self.owner, &draft.id).unwrap();
        draft.id
    }

    pub fn item(&self, id: &DraftId) -> OutboxItem {
        self.store
            .lock()
            .unwrap()
            .outbox_item(&self.owner, id)
            .unwrap()
            .unwrap()
    }

    /// Runs the engine the way the shell's worker does, honouring each item's next try, until
    /// the item is sent or `within` has passed.
    pub async fn sync_until_sent(&self, id: &DraftId, within: Duration) -> OutboxItem {
        let engine = self.engine();
        let deadline = Instant::now() + within;
        loop {
            engine.send_due().await.unwrap();
            let item = self.item(id);
            if matches!(item.state, OutboxState::Sent { .. }) {
                return item;
            }
            assert!(
                Instant::now() < deadline,
                "not sent within {within:?}: {item:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// A document that starts like a PDF, `size` bytes long, distinct per `seed`.
pub fn pdf_of_size(size: usize, seed: usize) -> Vec<u8> {
    let mut bytes = format!("%PDF-1.7\n% document {seed}\n").into_bytes();
    let mut state = seed as u32 + 1;
    while bytes.len() < size {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        bytes.push((state >> 16) as u8);
    }
    bytes.truncate(size.max(24));
    bytes
}

/// Registers the citizen, verifies the phone with the OTP from the file outbox, logs in.
async fn citizen_session(base: &str, server_data: &std::path::Path) -> String {
    let http = reqwest::Client::new();
    let registered = http
        .post(format!("{base}/v1/accounts"))
        .json(&json!({ "nik": NIK, "full_name": "Budi Santoso", "phone": PHONE, "email": "budi@contoh.id", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(registered.status(), 201);
    let code = otp_from_outbox(&server_data.join("outbox")).await;
    let verified = http
        .post(format!("{base}/v1/accounts/verify"))
        .json(&json!({ "nik": NIK, "code": code }))
        .send()
        .await
        .unwrap();
    assert_eq!(verified.status(), 204);
    let session: Value = http
        .post(format!("{base}/v1/sessions"))
        .json(&json!({ "nik": NIK, "password": PASSWORD }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    session["token"].as_str().unwrap().to_owned()
}

async fn otp_from_outbox(outbox: &std::path::Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        for entry in std::fs::read_dir(outbox).into_iter().flatten().flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let Ok(message) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            if let Some(code) = message["text"].as_str().and_then(|text| {
                text.split(|c: char| !c.is_ascii_digit())
                    .find(|w| w.len() == 6)
            }) {
                return code.to_owned();
            }
        }
        assert!(Instant::now() < deadline, "no OTP in {}", outbox.display());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
