//! A real server on a free port, a real HTTP client, and the steps most tests share: make a
//! verified citizen (reading the OTP from the file outbox), upload documents with tus, submit.

#![allow(dead_code)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use kk_domain::application::Application;
use kk_domain::clock::Clock;
use kk_server::{Config, RunningServer};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

pub struct TestServer {
    pub server: RunningServer,
    pub http: reqwest::Client,
    data: tempfile::TempDir,
}

/// A citizen with a verified account and a live session.
pub struct Citizen {
    pub nik: String,
    pub phone: String,
    pub password: String,
    pub token: String,
}

pub const PASSWORD: &str = "bunga mawar merah";

/// A valid NIK per `number` (1–99): Kab. Bogor, born 12-05-1990, serial `number`.
pub fn nik(number: u32) -> String {
    format!("32010112059000{number:02}")
}

pub fn phone(number: u32) -> String {
    format!("+62812000000{number:02}")
}

/// The clock of the sample family's "today": no test depends on the day it runs.
pub fn test_clock() -> Clock {
    Clock::from_setting(Some(kk_domain::sample::TODAY), chrono::Utc::now()).unwrap()
}

/// A configuration on a free port and the test clock, keeping its data in `data_dir`.
pub fn config_in(data_dir: &std::path::Path) -> Config {
    let mut config = Config::new(data_dir.to_path_buf(), "127.0.0.1:0".parse().unwrap());
    config.clock = test_clock();
    config.keys = kk_server::signing_keys::KeySource::DemoRoot;
    config
}

impl TestServer {
    pub async fn start() -> TestServer {
        TestServer::start_with(|_| {}).await
    }

    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> TestServer {
        let data = tempfile::tempdir().unwrap();
        let mut config = config_in(data.path());
        adjust(&mut config);
        let server = kk_server::start(config).await.unwrap();
        TestServer {
            server,
            http: reqwest::Client::new(),
            data,
        }
    }

    /// A server started by the test itself, on the data in `data`.
    pub fn from_running(server: kk_server::RunningServer, data: tempfile::TempDir) -> TestServer {
        TestServer {
            server,
            http: reqwest::Client::new(),
            data,
        }
    }

    /// What `GET /v1/keys` publishes: the issuer certificates and revocation lists.
    pub async fn published_keys(&self) -> kk_document::KeyBundle {
        let response = self.http.get(self.url("/v1/keys")).send().await.unwrap();
        response.json().await.unwrap()
    }

    /// Stops the server and hands over its data directory.
    pub async fn stop(self) -> tempfile::TempDir {
        self.server.stop().await.unwrap();
        self.data
    }

    pub fn data_dir(&self) -> PathBuf {
        self.data.path().to_path_buf()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.url())
    }

    pub async fn post(&self, path: &str, body: Value) -> reqwest::Response {
        self.http
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    /// Every message the file outbox holds for `to` of `kind`, oldest first.
    pub fn messages(&self, to: &str, kind: &str) -> Vec<Value> {
        let Ok(entries) = std::fs::read_dir(self.data.path().join("outbox")) else {
            return Vec::new();
        };
        let mut messages: Vec<Value> = entries
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                if path.extension()? != "json" {
                    return None;
                }
                serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
            })
            .filter(|message: &Value| message["to"] == to && message["kind"] == kind)
            .collect();
        messages.sort_by(|a, b| a["written_at"].as_str().cmp(&b["written_at"].as_str()));
        messages
    }

    /// Waits for the `count`-th message for `to` of `kind` and returns the code in it.
    pub async fn otp(&self, to: &str, kind: &str, count: usize) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let messages = self.messages(to, kind);
            if messages.len() >= count {
                let text = messages[count - 1]["text"].as_str().unwrap().to_owned();
                return text
                    .split(|c: char| !c.is_ascii_digit())
                    .find(|word| word.len() == 6)
                    .unwrap_or_else(|| panic!("no code in {text:?}"))
                    .to_owned();
            }
            assert!(Instant::now() < deadline, "no {kind} message for {to}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits for the first message for `to` of `kind`.
    pub async fn first_message(&self, to: &str, kind: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(message) = self.messages(to, kind).into_iter().next() {
                return message;
            }
            assert!(Instant::now() < deadline, "no {kind} message for {to}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub async fn register(&self, number: u32) -> reqwest::Response {
        self.post(
            "/v1/accounts",
            json!({
                "nik": nik(number),
                "full_name": "Budi Santoso",
                "phone": phone(number),
                "email": format!("warga{number}@contoh.id"),
                "password": PASSWORD,
            }),
        )
        .await
    }

    pub async fn login(&self, nik: &str, password: &str) -> reqwest::Response {
        self.post("/v1/sessions", json!({ "nik": nik, "password": password }))
            .await
    }

    /// Registers citizen `number`, verifies the phone with the OTP from the outbox, logs in.
    pub async fn citizen(&self, number: u32) -> Citizen {
        assert_eq!(self.register(number).await.status(), StatusCode::CREATED);
        let code = self.otp(&phone(number), "otp.verify_account", 1).await;
        let verified = self
            .post(
                "/v1/accounts/verify",
                json!({ "nik": nik(number), "code": code }),
            )
            .await;
        assert_eq!(verified.status(), StatusCode::NO_CONTENT);
        let session = self.login(&nik(number), PASSWORD).await;
        assert_eq!(session.status(), StatusCode::CREATED);
        let session: Value = session.json().await.unwrap();
        Citizen {
            nik: nik(number),
            phone: phone(number),
            password: PASSWORD.into(),
            token: session["token"].as_str().unwrap().to_owned(),
        }
    }

    /// Asks to begin a tus upload of `bytes`; the server's answer, whatever it is.
    pub async fn begin_upload(
        &self,
        token: &str,
        bytes: &[u8],
        file_name: &str,
    ) -> reqwest::Response {
        let sha256 = hex::encode(Sha256::digest(bytes));
        let metadata = format!(
            "sha256 {},filename {}",
            STANDARD.encode(&sha256),
            STANDARD.encode(file_name)
        );
        self.http
            .post(self.url("/v1/uploads"))
            .bearer_auth(token)
            .header("tus-resumable", "1.0.0")
            .header("upload-length", bytes.len().to_string())
            .header("upload-metadata", metadata)
            .send()
            .await
            .unwrap()
    }

    /// Creates a tus upload for `bytes` and returns its URL.
    pub async fn create_upload(&self, token: &str, bytes: &[u8], file_name: &str) -> String {
        let created = self.begin_upload(token, bytes, file_name).await;
        assert_eq!(
            created.status(),
            StatusCode::CREATED,
            "{:?}",
            created.text().await
        );
        self.url(created.headers()["location"].to_str().unwrap())
    }

    pub async fn patch(
        &self,
        token: &str,
        url: &str,
        offset: u64,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        self.http
            .patch(url)
            .bearer_auth(token)
            .header("tus-resumable", "1.0.0")
            .header("upload-offset", offset.to_string())
            .header("content-type", "application/offset+octet-stream")
            .body(bytes)
            .send()
            .await
            .unwrap()
    }

    /// Uploads `bytes` whole and returns their SHA-256.
    pub async fn upload(&self, token: &str, bytes: &[u8]) -> String {
        let url = self.create_upload(token, bytes, "scan.pdf").await;
        let done = self.patch(token, &url, 0, bytes.to_vec()).await;
        assert_eq!(
            done.status(),
            StatusCode::NO_CONTENT,
            "{:?}",
            done.text().await
        );
        hex::encode(Sha256::digest(bytes))
    }

    /// The sample family with each required document uploaded as a small, distinct PDF.
    pub async fn family_with_documents(&self, citizen: &Citizen) -> Application {
        let mut application = kk_domain::sample::valid_family();
        for (index, document) in application.documents.iter_mut().enumerate() {
            let pdf = small_pdf(&format!("{} {index} {}", citizen.nik, document.file_name));
            document.sha256 = self.upload(&citizen.token, &pdf).await;
            document.size_bytes = pdf.len() as u64;
        }
        application
    }

    pub async fn submit(
        &self,
        token: &str,
        key: &str,
        application: &Application,
    ) -> reqwest::Response {
        self.http
            .post(self.url("/v1/applications"))
            .bearer_auth(token)
            .header("idempotency-key", key)
            .json(application)
            .send()
            .await
            .unwrap()
    }

    pub async fn get(&self, token: &str, path: &str) -> reqwest::Response {
        self.http
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    /// A GET whose answer must be JSON.
    pub async fn get_json(&self, token: &str, path: &str) -> Value {
        self.get(token, path)
            .await
            .json()
            .await
            .expect("the answer is JSON")
    }
}

/// A tiny file that starts like a PDF, distinct per `label`.
pub fn small_pdf(label: &str) -> Vec<u8> {
    format!("%PDF-1.7\n% {label}\n%%EOF\n").into_bytes()
}
