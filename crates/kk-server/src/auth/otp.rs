//! One-time codes: six digits from the OS's random source, valid five minutes, five tries,
//! and a pause before another can be sent. Only a hash of the code is stored.

use axum::http::StatusCode;
use kk_domain::api::OtpPurpose;
use kk_domain::text::Text;
use rand::Rng;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::store::{AccountId, OtpTry};

pub fn new_code() -> String {
    format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000))
}

pub fn code_hash(account: AccountId, purpose: OtpPurpose, code: &str) -> String {
    let input = format!("{account}:{}:{}", purpose.key(), code.trim());
    hex::encode(Sha256::digest(input.as_bytes()))
}

/// The message that carries a code, in Bahasa Indonesia (SMS has room for one language).
pub fn message_text(purpose: OtpPurpose, code: &str, minutes: u64) -> String {
    let what = match purpose {
        OtpPurpose::VerifyAccount => "kode verifikasi akun",
        OtpPurpose::ResetPassword => "kode untuk mengganti kata sandi",
    };
    format!(
        "KK Mandiri: {what} Anda {code}. Berlaku {minutes} menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas."
    )
}

/// The answer to a try: nothing for the right code, else why not, in both languages.
pub fn answer(outcome: OtpTry, max_attempts: u32) -> Result<(), ApiError> {
    match outcome {
        OtpTry::Accepted => Ok(()),
        OtpTry::Wrong { attempts } => Err(ApiError::with_text(
            StatusCode::BAD_REQUEST,
            "otp.wrong",
            Text::new(
                format!(
                    "Kode salah. Sisa percobaan: {}.",
                    max_attempts.saturating_sub(attempts)
                ),
                format!(
                    "Wrong code. Tries left: {}.",
                    max_attempts.saturating_sub(attempts)
                ),
            ),
        )),
        OtpTry::NoCode => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "otp.none",
            "Tidak ada kode yang berlaku. Minta kode baru.",
            "There is no valid code. Ask for a new one.",
        )),
        OtpTry::Expired => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "otp.expired",
            "Kode sudah kedaluwarsa. Minta kode baru.",
            "The code has expired. Ask for a new one.",
        )),
        OtpTry::TooManyAttempts => Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "otp.too_many_attempts",
            "Kode salah terlalu sering. Minta kode baru.",
            "Too many wrong codes. Ask for a new one.",
        )),
        OtpTry::DailyCapReached => Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "otp.daily_cap",
            "Terlalu banyak percobaan kode hari ini. Coba lagi besok, atau datang ke kantor Dukcapil.",
            "Too many code tries today. Try again tomorrow, or visit a Dukcapil office.",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..100 {
            let code = new_code();
            assert_eq!(code.len(), 6);
            assert!(code.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn a_hash_binds_the_account_and_the_purpose() {
        let verify = code_hash(1, OtpPurpose::VerifyAccount, "123456");
        assert_ne!(verify, code_hash(2, OtpPurpose::VerifyAccount, "123456"));
        assert_ne!(verify, code_hash(1, OtpPurpose::ResetPassword, "123456"));
        assert_eq!(verify, code_hash(1, OtpPurpose::VerifyAccount, " 123456 "));
    }
}
