//! Passwords are hashed with argon2id (the argon2 crate's defaults: 19 MiB, 2 passes), on the
//! blocking pool because a hash takes tens of milliseconds on purpose.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::http::StatusCode;
use kk_domain::text::Text;

use crate::error::ApiError;

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 128;

/// A hash of a password nobody has, so an unknown login costs the same time as a wrong password.
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1fR3YSc1rSEp0pWq8xUcLr1yeyZ0mZ4bM5a8mJrmKJk";

/// Checks the rules a password must meet before it is hashed.
pub fn check_strength(password: &str, nik: &str) -> Result<(), ApiError> {
    let length = password.chars().count();
    let error = |code: &str, id: String, en: String| {
        Err(ApiError::with_text(
            StatusCode::UNPROCESSABLE_ENTITY,
            code,
            Text::new(id, en),
        ))
    };
    if length < MIN_LENGTH {
        return error(
            "password.too_short",
            format!("Kata sandi minimal {MIN_LENGTH} karakter; yang diisi {length}."),
            format!("The password needs at least {MIN_LENGTH} characters; it has {length}."),
        );
    }
    if length > MAX_LENGTH {
        return error(
            "password.too_long",
            format!("Kata sandi paling banyak {MAX_LENGTH} karakter."),
            format!("The password can have at most {MAX_LENGTH} characters."),
        );
    }
    if !nik.is_empty() && password.contains(nik) {
        return error(
            "password.contains_nik",
            "Kata sandi tidak boleh memuat NIK.".into(),
            "The password must not contain the NIK.".into(),
        );
    }
    Ok(())
}

pub async fn hash(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(ApiError::internal)
    })
    .await
    .map_err(ApiError::internal)?
}

/// Whether `password` matches `stored`; with `None`, checks against a decoy and says no.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, ApiError> {
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| DECOY_HASH.to_owned());
        let parsed = PasswordHash::new(&stored).map_err(ApiError::internal)?;
        let matches = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(known && matches)
    })
    .await
    .map_err(ApiError::internal)?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_is_argon2id_and_verifies_only_its_password() {
        let stored = hash("kata sandi rahasia".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(
            verify("kata sandi rahasia".into(), Some(stored.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify("kata sandi lain".into(), Some(stored))
                .await
                .unwrap()
        );
        assert!(!verify("anything".into(), None).await.unwrap());
    }

    #[test]
    fn weak_passwords_are_refused_with_a_reason() {
        let nik = "3201011205900001";
        let code = |password: &str| check_strength(password, nik).err().map(|e| e.body.code);
        assert_eq!(code("pendek").as_deref(), Some("password.too_short"));
        assert_eq!(code(&"x".repeat(129)).as_deref(), Some("password.too_long"));
        assert_eq!(
            code("nik3201011205900001").as_deref(),
            Some("password.contains_nik")
        );
        assert_eq!(code("bunga mawar merah"), None);
    }
}
