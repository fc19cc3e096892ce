//! Verified citizens with live sessions, made straight in the server's store: a benchmark
//! measures the work after logging in, not the login.

use chrono::Utc;
use kk_server::auth::session::{new_token, token_sha256};
use kk_server::store::{AccountId, NewAccount, Role, Store};

/// A verified citizen `login` with this NIK, and the bearer token of a session that lasts an
/// hour.
pub fn verified_citizen(
    store: &dyn Store,
    login: &str,
    nik: &str,
) -> anyhow::Result<(AccountId, String)> {
    let account = store.create_account(
        NewAccount {
            login: login.to_owned(),
            nik: nik.to_owned(),
            full_name: login.to_owned(),
            phone: String::new(),
            email: String::new(),
            // Not a usable hash: these citizens never log in with a password.
            password_hash: "!".into(),
            role: Role::Citizen,
            verified: true,
        },
        Utc::now(),
    )?;
    let token = new_token();
    store.create_session(
        &token_sha256(&token),
        account,
        Utc::now() + chrono::Duration::hours(1),
        Utc::now(),
    )?;
    Ok((account, token))
}
