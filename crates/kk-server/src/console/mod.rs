//! The officer console: server-rendered HTML (maud), no SPA, behind an officer login.
//!
//! - `/console/login`: user name and password; a session cookie (HttpOnly, SameSite=Strict).
//! - `/console`: the queue, oldest first, filtered by status, service and registration number.
//! - `/console/applications/{id}`: the data, document previews, the `kk-domain` warnings, the
//!   duplicate-NIK check, the family's current KK from the register with what the application
//!   changes on it, and the timeline, with the three decisions: return for correction
//!   with reasons per field, reject with a reason, approve.
//!
//! "Mulai periksa" (a POST) takes a submitted application into review; opening a page never
//! changes anything. Every page that shows personal data
//! is recorded in the audit trail; every form carries a CSRF token tied to the session.

mod application_page;
mod decisions;
mod error;
mod family_section;
mod headers;
mod layout;
mod login;
mod queue;
mod session;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/console/login", get(login::form).post(login::submit))
        .route("/console/logout", post(login::logout))
        .route("/console", get(queue::page))
        .route("/console/applications/{id}", get(application_page::page))
        .route(
            "/console/applications/{id}/documents/{sha256}",
            get(application_page::document),
        )
        .route(
            "/console/applications/{id}/return",
            post(decisions::return_for_correction),
        )
        .route(
            "/console/applications/{id}/review",
            post(decisions::start_review),
        )
        .route("/console/applications/{id}/reject", post(decisions::reject))
        .route(
            "/console/applications/{id}/approve",
            post(decisions::approve),
        )
        .layer(axum::middleware::map_response(headers::add))
}
