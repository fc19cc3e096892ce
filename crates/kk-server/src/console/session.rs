//! The officer's session cookie and the CSRF token derived from it.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use sha2::{Digest, Sha256};

use super::error::ConsoleError;
use crate::auth::session::token_sha256;
use crate::state::AppState;
use crate::store::{Account, Role};

pub const COOKIE: &str = "kk_officer";

/// A logged-in officer. Without one, pages redirect to the login form.
pub struct OfficerSession {
    pub account: Account,
    pub token_sha256: String,
    pub csrf: String,
}

pub fn csrf_for(token_sha256: &str) -> String {
    hex::encode(Sha256::digest(format!("csrf:{token_sha256}").as_bytes()))
}

pub fn cookie_token(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
}

impl FromRequestParts<AppState> for OfficerSession {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let to_login = || Redirect::to("/console/login").into_response();
        let token = cookie_token(parts).ok_or_else(to_login)?;
        let hash = token_sha256(&token);
        let lookup = hash.clone();
        let now = state.now();
        let account = state
            .store(move |store| store.session_account(&lookup, now))
            .await
            .map_err(|error| ConsoleError(error).into_response())?
            .filter(|account| account.role == Role::Officer)
            .ok_or_else(to_login)?;
        Ok(OfficerSession {
            account,
            csrf: csrf_for(&hash),
            token_sha256: hash,
        })
    }
}
