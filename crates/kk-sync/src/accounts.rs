//! The account calls the app makes before it has a session: register, verify the phone with
//! the OTP, log in. Errors come back as the server's own `ErrorBody`, ready to show.

use std::time::Duration;

use kk_domain::api::{
    ApplicationView, FamilyView, LoginRequest, OtpSent, RegisterRequest, Session,
    VerifyAccountRequest,
};
use kk_domain::wire::ErrorBody;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::SyncError;
use kk_device_store::DeviceStore;

pub struct AccountClient {
    http: reqwest::Client,
    base: String,
}

impl AccountClient {
    pub fn new(base: &str) -> AccountClient {
        AccountClient {
            http: crate::client::http_client(Duration::from_secs(60)),
            base: base.trim_end_matches('/').to_owned(),
        }
    }

    async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<Option<T>, ErrorBody> {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .map_err(|_| SyncError::Unreachable.reason())?;
        let status = response.status();
        if status == reqwest::StatusCode::NO_CONTENT {
            return Ok(None);
        }
        if status.is_success() {
            return response
                .json()
                .await
                .map(Some)
                .map_err(|_| SyncError::Unreachable.reason());
        }
        Err(response
            .json::<ErrorBody>()
            .await
            .unwrap_or_else(|_| SyncError::Unreachable.reason()))
    }

    pub async fn register(&self, request: &RegisterRequest) -> Result<OtpSent, ErrorBody> {
        self.post("/v1/accounts", request)
            .await?
            .ok_or_else(|| SyncError::Unreachable.reason())
    }

    pub async fn verify(&self, request: &VerifyAccountRequest) -> Result<(), ErrorBody> {
        self.post::<_, serde_json::Value>("/v1/accounts/verify", request)
            .await
            .map(|_| ())
    }

    pub async fn login(&self, request: &LoginRequest) -> Result<Session, ErrorBody> {
        self.post("/v1/sessions", request)
            .await?
            .ok_or_else(|| SyncError::Unreachable.reason())
    }

    /// One of the citizen's applications with its timeline.
    pub async fn application(&self, token: &str, id: &str) -> Result<ApplicationView, ErrorBody> {
        self.get_json(token, &format!("/v1/applications/{id}"))
            .await
    }

    /// The family's current KK from the register; the server answers only if the account's
    /// NIK stands on that KK.
    pub async fn family(&self, token: &str, kk_number: &str) -> Result<FamilyView, ErrorBody> {
        let digits: String = kk_number.chars().filter(char::is_ascii_digit).collect();
        self.get_json(token, &format!("/v1/families/{digits}"))
            .await
    }

    /// Ends the session of `token` on the server. A token the server no longer takes (401:
    /// expired, or ended already) counts as ended; only an unreachable server is an error.
    pub async fn end_session(&self, token: &str) -> Result<(), ErrorBody> {
        let response = self
            .http
            .delete(format!("{}/v1/sessions/current", self.base))
            .bearer_auth(token)
            .send()
            .await
            .map_err(|_| SyncError::Unreachable.reason())?;
        let status = response.status();
        if status.is_success() || status == reqwest::StatusCode::UNAUTHORIZED {
            Ok(())
        } else {
            Err(SyncError::Unreachable.reason())
        }
    }

    /// Tells the server to end every session this device left behind, and forgets those it
    /// ended; the rest stay queued for the next try.
    pub async fn end_sessions_left_behind(&self, store: &std::sync::Mutex<DeviceStore>) {
        let lock = || {
            store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        };
        let tokens = lock().sessions_to_end().unwrap_or_default();
        for token in tokens {
            if self.end_session(&token).await.is_ok() {
                let _ = lock().session_ended(&token);
            }
        }
    }

    /// A GET with the session; the server's own error when it refuses.
    async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        token: &str,
        path: &str,
    ) -> Result<T, ErrorBody> {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(token)
            .send()
            .await
            .map_err(|_| SyncError::Unreachable.reason())?;
        if response.status().is_success() {
            response
                .json()
                .await
                .map_err(|_| SyncError::Unreachable.reason())
        } else {
            Err(response
                .json::<ErrorBody>()
                .await
                .unwrap_or_else(|_| SyncError::Unreachable.reason()))
        }
    }
}
