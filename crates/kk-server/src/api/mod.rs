//! The JSON API under `/v1`, used by the app's sync engine.

pub mod accounts;
pub mod applications;
pub mod contact;
mod families;
pub mod issued;
pub mod json;
pub mod uploads;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, head, options, post};

use crate::state::AppState;

pub fn router(json_limit: usize) -> Router<AppState> {
    Router::new()
        .route("/v1/accounts", post(accounts::register))
        .route("/v1/accounts/verify", post(accounts::verify))
        .route("/v1/otp/resend", post(accounts::resend))
        .route("/v1/sessions", post(accounts::login))
        .route("/v1/sessions/current", delete(accounts::logout))
        .route("/v1/password/forgot", post(accounts::forgot_password))
        .route("/v1/password/reset", post(accounts::reset_password))
        .route(
            "/v1/applications",
            post(applications::submit).get(applications::list),
        )
        .route(
            "/v1/applications/{id}",
            get(applications::show).put(applications::resubmit),
        )
        .route("/v1/applications/{id}/kk.pdf", get(issued::download))
        .route("/v1/keys", get(issued::keys))
        .route("/v1/families/{kk_number}", get(families::family))
        .route("/v1/documents/{sha256}", head(uploads::has_document))
        .layer(DefaultBodyLimit::max(json_limit))
        // tus bodies stream to disk and are bounded by Upload-Length, not by the JSON limit.
        .route(
            "/v1/uploads",
            options(uploads::options).post(uploads::create),
        )
        .route(
            "/v1/uploads/{id}",
            head(uploads::head).patch(uploads::patch),
        )
}
