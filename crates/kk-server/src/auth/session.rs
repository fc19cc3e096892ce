//! Sessions: an opaque random token for the client, only its SHA-256 in the store. A token
//! expires, and logging out or changing the password revokes it.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{Account, Role};

/// A new token: 256 random bits, URL-safe base64.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_sha256(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A logged-in citizen, from `Authorization: Bearer <token>`.
pub struct CitizenSession {
    pub account: Account,
    pub token_sha256: String,
}

impl FromRequestParts<AppState> for CitizenSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|token| !token.is_empty() && token.len() <= 128)
            .ok_or_else(ApiError::unauthorised)?;
        let token_sha256 = token_sha256(token);
        let lookup = token_sha256.clone();
        let now = state.now();
        let account = state
            .store(move |store| store.session_account(&lookup, now))
            .await?
            .filter(|account| account.role == Role::Citizen)
            .ok_or_else(ApiError::unauthorised)?;
        Ok(CitizenSession {
            account,
            token_sha256,
        })
    }
}
