//! `--demo`: an officer account to try the console with, created once and printed at start.

use chrono::Utc;

use crate::auth::password;
use crate::store::{NewAccount, Role, Store};

pub const DEMO_OFFICER_LOGIN: &str = "petugas.demo";
pub const DEMO_OFFICER_PASSWORD: &str = "demo-petugas-2026";

pub async fn seed(store: &dyn Store) -> anyhow::Result<()> {
    if store.account_by_login(DEMO_OFFICER_LOGIN)?.is_none() {
        let password_hash = password::hash(DEMO_OFFICER_PASSWORD.to_owned())
            .await
            .map_err(|error| anyhow::anyhow!("{:?}", error.body))?;
        store.create_account(
            NewAccount {
                login: DEMO_OFFICER_LOGIN.into(),
                nik: String::new(),
                full_name: "Petugas Demo".into(),
                phone: String::new(),
                email: String::new(),
                password_hash,
                role: Role::Officer,
                verified: true,
            },
            Utc::now(),
        )?;
    }
    println!(
        "Demo officer: log in to the console with user name {DEMO_OFFICER_LOGIN} and password {DEMO_OFFICER_PASSWORD}"
    );
    Ok(())
}
