//! The server's API as the engine uses it, and what each kind of answer means for a retry.

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use kk_domain::api::{
    ApplicationReceipt, ApplicationSummary, ApplicationView, IDEMPOTENCY_KEY_HEADER,
};
use kk_domain::application::Application;
use kk_domain::text::Text;
use kk_domain::wire::ErrorBody;
use reqwest::StatusCode;
use sha2::{Digest, Sha256};

/// Why a request did not succeed, sorted by what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// No answer: no connection, a dropped one, a timeout. Try again later.
    #[error("no answer from the server")]
    Unreachable,
    /// The server answered but could not do it now (5xx, 429), or wants a login (401).
    #[error("the server asks to try later: {0:?}")]
    Later(ErrorBody),
    /// The server found mistakes in the application, per field.
    #[error("the server refused the application: {0:?}")]
    Invalid(ErrorBody),
    /// The server refused for a reason retrying will not fix.
    #[error("the server refused: {0:?}")]
    Refused(ErrorBody),
}

impl SyncError {
    /// What the citizen reads about it.
    pub fn reason(&self) -> ErrorBody {
        match self {
            SyncError::Unreachable => ErrorBody {
                code: "sync.unreachable".into(),
                message: Text::new(
                    "Belum tersambung ke server. Akan dikirim otomatis saat ada koneksi.",
                    "Not connected to the server yet. It will be sent automatically when there is a connection.",
                ),
                issues: Vec::new(),
            },
            SyncError::Later(error) | SyncError::Invalid(error) | SyncError::Refused(error) => {
                error.clone()
            }
        }
    }
}

/// Tus chunk size: a cut connection costs at most this much again.
pub const CHUNK_BYTES: usize = 256 * 1024;

pub struct ServerClient {
    http: reqwest::Client,
    base: String,
    token: String,
}

fn unreachable(_: reqwest::Error) -> SyncError {
    SyncError::Unreachable
}

/// Reads an error answer; one that is not an `ErrorBody` (a proxy's page) counts as "later".
async fn refusal(response: reqwest::Response) -> SyncError {
    let status = response.status();
    let error: ErrorBody = match response.json().await {
        Ok(error) => error,
        Err(_) => ErrorBody {
            code: format!("http.{}", status.as_u16()),
            message: Text::new(
                format!("Server menjawab {status}. Akan dicoba lagi."),
                format!("The server answered {status}. It will be tried again."),
            ),
            issues: Vec::new(),
        },
    };
    match status {
        StatusCode::UNPROCESSABLE_ENTITY if error.code == "application.invalid" => {
            SyncError::Invalid(error)
        }
        StatusCode::UNAUTHORIZED | StatusCode::TOO_MANY_REQUESTS | StatusCode::REQUEST_TIMEOUT => {
            SyncError::Later(error)
        }
        status if status.is_server_error() => SyncError::Later(error),
        _ => SyncError::Refused(error),
    }
}

/// The HTTP client of every call to the server. It follows a redirect only within the
/// server's own origin (scheme, host and port), so neither a session token nor a citizen's
/// data is ever sent on to a place the server names.
pub(crate) fn http_client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(15))
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::custom(|attempt| {
            let from = attempt.previous().last().map(reqwest::Url::origin);
            if attempt.previous().len() < 5 && from == Some(attempt.url().origin()) {
                attempt.follow()
            } else {
                attempt.stop()
            }
        }))
        .build()
        .expect("a TLS backend is compiled in")
}

/// Whether `url` is on the same origin as `base`.
fn same_origin(base: &str, url: &str) -> bool {
    match (reqwest::Url::parse(base), reqwest::Url::parse(url)) {
        (Ok(base), Ok(url)) => base.origin() == url.origin(),
        _ => false,
    }
}

/// An upload URL the server gave that points elsewhere: the token is not sent there.
fn foreign_location() -> SyncError {
    SyncError::Refused(ErrorBody {
        code: "sync.foreign_location".into(),
        message: Text::new(
            "Server memberi alamat unggah di luar server itu sendiri; unggahan dihentikan.",
            "The server gave an upload address outside itself; the upload was stopped.",
        ),
        issues: Vec::new(),
    })
}

impl ServerClient {
    pub fn new(base: &str, token: &str) -> ServerClient {
        ServerClient {
            http: http_client(Duration::from_secs(120)),
            base: base.trim_end_matches('/').to_owned(),
            token: token.to_owned(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// An upload URL from the server (tus `Location`), resolved against the server and kept
    /// to its origin.
    fn upload_url(&self, location: &str) -> Result<String, SyncError> {
        let url = if location.starts_with('/') {
            self.url(location)
        } else {
            location.to_owned()
        };
        if same_origin(&self.base, &url) {
            Ok(url)
        } else {
            Err(foreign_location())
        }
    }

    /// Whether the server already has this document of ours.
    pub async fn has_document(&self, sha256: &str) -> Result<bool, SyncError> {
        let response = self
            .http
            .head(self.url(&format!("/v1/documents/{sha256}")))
            .bearer_auth(&self.token)
            .send()
            .await
            .map_err(unreachable)?;
        match response.status() {
            StatusCode::OK => Ok(true),
            StatusCode::NOT_FOUND => Ok(false),
            _ => Err(refusal(response).await),
        }
    }

    /// Creates a tus upload and returns its URL.
    pub async fn create_upload(
        &self,
        sha256: &str,
        length: u64,
        file_name: &str,
    ) -> Result<String, SyncError> {
        let metadata = format!(
            "sha256 {},filename {}",
            STANDARD.encode(sha256),
            STANDARD.encode(file_name)
        );
        let response = self
            .http
            .post(self.url("/v1/uploads"))
            .bearer_auth(&self.token)
            .header("tus-resumable", "1.0.0")
            .header("upload-length", length.to_string())
            .header("upload-metadata", metadata)
            .send()
            .await
            .map_err(unreachable)?;
        if response.status() != StatusCode::CREATED {
            return Err(refusal(response).await);
        }
        let location = response
            .headers()
            .get("location")
            .and_then(|value| value.to_str().ok())
            .ok_or(SyncError::Unreachable)?;
        self.upload_url(location)
    }

    /// How many bytes the server has of an upload; `None` when it no longer knows it.
    pub async fn upload_offset(&self, url: &str) -> Result<Option<u64>, SyncError> {
        let url = self.upload_url(url)?;
        let response = self
            .http
            .head(&url)
            .bearer_auth(&self.token)
            .header("tus-resumable", "1.0.0")
            .send()
            .await
            .map_err(unreachable)?;
        match response.status() {
            StatusCode::OK => Ok(response
                .headers()
                .get("upload-offset")
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.parse().ok())),
            StatusCode::NOT_FOUND => Ok(None),
            _ => Err(refusal(response).await),
        }
    }

    /// Sends one chunk from `offset`, with its SHA-256; returns the new offset.
    pub async fn send_chunk(&self, url: &str, offset: u64, chunk: &[u8]) -> Result<u64, SyncError> {
        let url = self.upload_url(url)?;
        let checksum = format!("sha256 {}", STANDARD.encode(Sha256::digest(chunk)));
        let response = self
            .http
            .patch(&url)
            .bearer_auth(&self.token)
            .header("tus-resumable", "1.0.0")
            .header("upload-offset", offset.to_string())
            .header("upload-checksum", checksum)
            .header("content-type", "application/offset+octet-stream")
            .body(chunk.to_vec())
            .send()
            .await
            .map_err(unreachable)?;
        match response.status() {
            StatusCode::NO_CONTENT => Ok(offset + chunk.len() as u64),
            // A damaged chunk, or an offset that moved under us: ask again and resume.
            status if status.as_u16() == 460 || status == StatusCode::CONFLICT => {
                Err(SyncError::Unreachable)
            }
            _ => Err(refusal(response).await),
        }
    }

    /// Submits, or resubmits when the server already has the application.
    pub async fn submit(
        &self,
        server_id: Option<&str>,
        idempotency_key: &str,
        application: &Application,
    ) -> Result<ApplicationReceipt, SyncError> {
        let request = match server_id {
            None => self.http.post(self.url("/v1/applications")),
            Some(id) => self.http.put(self.url(&format!("/v1/applications/{id}"))),
        };
        let response = request
            .bearer_auth(&self.token)
            .header(IDEMPOTENCY_KEY_HEADER, idempotency_key)
            .json(application)
            .send()
            .await
            .map_err(unreachable)?;
        if response.status().is_success() {
            response.json().await.map_err(unreachable)
        } else {
            Err(refusal(response).await)
        }
    }

    /// A GET of JSON with the session.
    async fn get_json<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T, SyncError> {
        let response = self
            .http
            .get(self.url(path))
            .bearer_auth(&self.token)
            .send()
            .await
            .map_err(unreachable)?;
        if response.status().is_success() {
            response.json().await.map_err(unreachable)
        } else {
            Err(refusal(response).await)
        }
    }

    pub async fn application(&self, id: &str) -> Result<ApplicationView, SyncError> {
        self.get_json(&format!("/v1/applications/{id}")).await
    }

    pub async fn applications(&self) -> Result<Vec<ApplicationSummary>, SyncError> {
        self.get_json("/v1/applications").await
    }

    /// Bytes `start..=end` of an issued KK's encrypted PDF.
    pub async fn issued_pdf_range(
        &self,
        id: &str,
        start: u64,
        end: u64,
    ) -> Result<Vec<u8>, SyncError> {
        let response = self
            .http
            .get(self.url(&format!("/v1/applications/{id}/kk.pdf")))
            .bearer_auth(&self.token)
            .header(reqwest::header::RANGE, format!("bytes={start}-{end}"))
            .send()
            .await
            .map_err(unreachable)?;
        if response.status() == StatusCode::PARTIAL_CONTENT {
            Ok(response.bytes().await.map_err(unreachable)?.to_vec())
        } else {
            Err(refusal(response).await)
        }
    }

    /// The issuer keys the server publishes, as the JSON it sends.
    pub async fn trusted_keys_json(&self) -> Result<String, SyncError> {
        let response = self
            .http
            .get(self.url("/v1/keys"))
            .send()
            .await
            .map_err(unreachable)?;
        if response.status().is_success() {
            response.text().await.map_err(unreachable)
        } else {
            Err(refusal(response).await)
        }
    }
}
