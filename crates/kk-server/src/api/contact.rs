//! Checks and normalises a person's name, phone number and email at registration.

use axum::http::StatusCode;

use crate::error::ApiError;

fn unprocessable(code: &str, id: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, id, en)
}

pub fn check_full_name(name: &str) -> Result<String, ApiError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(unprocessable(
            "account.full_name.required",
            "Nama lengkap wajib diisi.",
            "The full name is required.",
        ));
    }
    if name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(unprocessable(
            "account.full_name.invalid",
            "Nama lengkap paling banyak 100 huruf, tanpa karakter khusus.",
            "The full name can have at most 100 letters and no control characters.",
        ));
    }
    Ok(name)
}

/// An Indonesian mobile number as `+62…`: accepts `08…`, `628…` and `+628…`, with spaces,
/// dots or hyphens.
pub fn normalise_phone(phone: &str) -> Result<String, ApiError> {
    let digits: String = phone
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    let national = digits
        .strip_prefix("+62")
        .or_else(|| digits.strip_prefix("62"))
        .or_else(|| digits.strip_prefix('0'))
        .unwrap_or("");
    let valid = national.starts_with('8')
        && (9..=12).contains(&national.len())
        && national.bytes().all(|b| b.is_ascii_digit());
    if !valid {
        return Err(unprocessable(
            "account.phone.invalid",
            "Nomor HP tidak valid. Tulis seperti 0812 3456 7890.",
            "The mobile number is not valid. Write it like 0812 3456 7890.",
        ));
    }
    Ok(format!("+62{national}"))
}

pub fn check_email(email: &str) -> Result<String, ApiError> {
    let email = email.trim();
    let valid = email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if !valid {
        return Err(unprocessable(
            "account.email.invalid",
            "Alamat email tidak valid. Tulis seperti nama@contoh.id.",
            "The email address is not valid. Write it like name@example.id.",
        ));
    }
    Ok(email.to_owned())
}

/// "+62 ••• •••• 7890": enough to recognise one's own number, not to learn someone else's.
pub fn mask_phone(phone: &str) -> String {
    let last: String = phone
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("+62 ••• •••• {last}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_in_every_usual_form_become_plus_62() {
        for typed in [
            "0812 3456 7890",
            "+62 812-3456-7890",
            "6281234567890",
            "(0812) 3456.7890",
        ] {
            assert_eq!(normalise_phone(typed).unwrap(), "+6281234567890", "{typed}");
        }
        for bad in [
            "",
            "021 555 1234",
            "0812",
            "08123456789012345",
            "0812abc4567",
        ] {
            assert!(normalise_phone(bad).is_err(), "{bad}");
        }
        assert_eq!(mask_phone("+6281234567890"), "+62 ••• •••• 7890");
    }

    #[test]
    fn emails_and_names_are_checked() {
        assert!(check_email("budi@contoh.id").is_ok());
        for bad in [
            "",
            "budi",
            "budi@",
            "@contoh.id",
            "budi@contoh",
            "bu di@contoh.id",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
        assert_eq!(
            check_full_name("  Budi   Santoso ").unwrap(),
            "Budi Santoso"
        );
        assert!(check_full_name("   ").is_err());
        assert!(check_full_name("Budi\u{0}").is_err());
    }
}
