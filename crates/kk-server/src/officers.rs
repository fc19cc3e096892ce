//! `kk-server officer add | disable | enable | list`: the way to give a Dukcapil officer a
//! console account. The password is read from a prompt that does not echo, or from standard
//! input for a script, never from a flag (which would stay in the shell's history and in `ps`).

use std::io::BufRead;

use chrono::Utc;

use crate::auth::password;
use crate::limits::MAX_OFFICER_LOGIN;
use crate::store::{NewAccount, Role, Store};

/// Where the new officer's password comes from.
pub enum PasswordSource {
    /// Asked twice on the terminal, without echo.
    Prompt,
    /// The first line of standard input.
    Stdin,
}

pub async fn add(
    store: &dyn Store,
    login: &str,
    full_name: &str,
    source: PasswordSource,
) -> anyhow::Result<()> {
    check_login(login)?;
    let typed = read_password(source)?;
    password::check_strength(&typed, login)
        .map_err(|error| anyhow::anyhow!("{}\n{}", error.body.message.id, error.body.message.en))?;
    let password_hash = password::hash(typed)
        .await
        .map_err(|error| anyhow::anyhow!("{}", error.body.message.en))?;
    store.create_account(
        NewAccount::officer(login, full_name, password_hash),
        Utc::now(),
    )?;
    Ok(())
}

/// Disables (or enables again) the officer `login`. Disabling ends their sessions at once.
pub fn set_disabled(store: &dyn Store, login: &str, disabled: bool) -> anyhow::Result<()> {
    let is_officer = store
        .account_by_login(login)?
        .is_some_and(|account| account.role == Role::Officer);
    anyhow::ensure!(
        is_officer,
        "Tidak ada petugas dengan nama pengguna {login}. / No officer has the user name {login}."
    );
    store.set_disabled(login, disabled, Utc::now())?;
    Ok(())
}

/// The officers, one line each: login, name, and whether the account is disabled.
pub fn list(store: &dyn Store) -> anyhow::Result<Vec<String>> {
    Ok(store
        .officers()?
        .into_iter()
        .map(|officer| {
            let state = if officer.disabled {
                "nonaktif / disabled"
            } else {
                "aktif / active"
            };
            format!("{}\t{}\t{state}", officer.login, officer.full_name)
        })
        .collect())
}

fn check_login(login: &str) -> anyhow::Result<()> {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c);
    if login.is_empty() || login.len() > MAX_OFFICER_LOGIN || !login.chars().all(allowed) {
        anyhow::bail!(
            "Nama pengguna petugas: 1–{MAX_OFFICER_LOGIN} huruf kecil, angka, titik, tanda hubung \
             atau garis bawah.\nAn officer's user name: 1–{MAX_OFFICER_LOGIN} lower-case letters, \
             digits, dots, hyphens or underscores."
        );
    }
    Ok(())
}

fn read_password(source: PasswordSource) -> anyhow::Result<String> {
    match source {
        PasswordSource::Stdin => {
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            Ok(line.trim_end_matches(['\r', '\n']).to_owned())
        }
        PasswordSource::Prompt => {
            let first = rpassword::prompt_password("Kata sandi / Password: ")?;
            let again = rpassword::prompt_password("Ulangi / Again: ")?;
            anyhow::ensure!(
                first == again,
                "Kedua kata sandi berbeda. / The two passwords differ."
            );
            Ok(first)
        }
    }
}
