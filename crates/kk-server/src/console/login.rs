//! Officer login and logout.

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::Form;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

use super::error::ConsoleError;
use super::layout::page;
use super::session::{COOKIE, OfficerSession};
use crate::api::accounts::start_session;
use crate::auth::password;
use crate::state::AppState;
use crate::store::Role;

fn login_page(problem: Option<&str>) -> Markup {
    page(
        "Masuk",
        None,
        None,
        html! {
            h1 { "Masuk sebagai petugas" }
            @if let Some(problem) = problem {
                div class="problem" role="alert" id="login-problem" { (problem) }
            }
            form method="post" action="/console/login" {
                p {
                    label for="login" { "Nama pengguna" }
                    input id="login" name="login" type="text" autocomplete="username" required;
                }
                p {
                    label for="password" { "Kata sandi" }
                    input id="password" name="password" type="password" autocomplete="current-password" required;
                }
                button type="submit" id="sign-in" { "Masuk" }
            }
        },
    )
}

pub async fn form() -> Markup {
    login_page(None)
}

pub async fn submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Form(fields): Form<HashMap<String, String>>,
) -> Response {
    let login = fields
        .get("login")
        .map(|s| s.trim().to_owned())
        .unwrap_or_default();
    let typed = fields.get("password").cloned().unwrap_or_default();
    if let Err(limited) = state.limits.officer_login(&login, peer.ip()) {
        return login_page(Some(&limited.body.message.id)).into_response();
    }
    let lookup = login.clone();
    let account = match state
        .store(move |store| store.account_by_login(&lookup))
        .await
    {
        Ok(account) => account.filter(|account| account.role == Role::Officer),
        Err(error) => return ConsoleError(error).into_response(),
    };
    let stored = account
        .as_ref()
        .map(|account| account.password_hash.clone());
    let matches = password::verify(typed, stored).await.unwrap_or(false);
    let Some(account) = account
        .clone()
        .filter(|account| matches && !account.disabled)
    else {
        crate::api::accounts::record_failed_login(&state, account.as_ref()).await;
        return login_page(Some("Nama pengguna atau kata sandi salah.")).into_response();
    };
    let session = match start_session(&state, &account, state.config.limits.officer_session).await {
        Ok(session) => session,
        Err(error) => return ConsoleError(error).into_response(),
    };
    // Secure: a real office reaches the console over HTTPS (its own TLS or a proxy's). Only a
    // demo, which serves loopback alone, goes without it.
    let secure = if state.config.demo { "" } else { "; Secure" };
    let cookie = format!(
        "{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/console; Max-Age={}{secure}",
        session.token,
        state.config.limits.officer_session.as_secs()
    );
    let mut response = Redirect::to("/console").into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

pub async fn logout(
    State(state): State<AppState>,
    officer: OfficerSession,
    Form(fields): Form<HashMap<String, String>>,
) -> Response {
    if fields.get("csrf") == Some(&officer.csrf) {
        let hash = officer.token_sha256;
        let now = state.now();
        let _ = state
            .store(move |store| store.revoke_session(&hash, now))
            .await;
    }
    let mut response = Redirect::to("/console/login").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static(
            "kk_officer=; HttpOnly; SameSite=Strict; Path=/console; Max-Age=0",
        ),
    );
    response
}
