//! Opening a downloaded KK with its PIN. The PIN is checked against the PDF itself and kept in
//! memory only. Wrong PINs are counted in the device store: after
//! [`FREE_PIN_ATTEMPTS`](kk_device_store::FREE_PIN_ATTEMPTS) comes a cool-down that grows with
//! each further wrong PIN, and while it runs not even the right PIN is tried.

use chrono::{DateTime, Utc};
use kk_device_store::{DeviceStore, FREE_PIN_ATTEMPTS, Owner};
use kk_document::Pin;
use kk_document::open::{OpenError, OpenedKk};
use kk_document::pin::PinError;

use super::{not_downloaded, unreadable_pdf};
use crate::ShellError;

/// A KK opened with the right PIN: the opened document, its encrypted bytes, and the PIN.
pub struct Unlocked {
    pub opened: OpenedKk,
    pub encrypted: Vec<u8>,
    pub pin: Pin,
}

/// Checks the cool-down, the PIN's shape, then the PIN itself, at `now`. A wrong PIN is
/// counted; a right one clears the count. A malformed PIN is not counted: it was never tried.
pub fn unlock(
    store: &DeviceStore,
    owner: &Owner,
    server_id: &str,
    typed_pin: &str,
    now: DateTime<Utc>,
) -> Result<Unlocked, ShellError> {
    let record = store
        .issued_kk(owner, server_id)?
        .ok_or_else(not_downloaded)?;
    if let Some(until) = record.locked_until.filter(|until| *until > now) {
        return Err(cooling_down(until - now));
    }
    let pin = Pin::parse(typed_pin).map_err(malformed_pin)?;
    let encrypted = store
        .issued_pdf(owner, server_id)?
        .ok_or_else(not_downloaded)?;
    match OpenedKk::open(encrypted.clone(), &pin) {
        Ok(opened) => {
            store.clear_wrong_pins(owner, server_id)?;
            Ok(Unlocked {
                opened,
                encrypted,
                pin,
            })
        }
        Err(OpenError::WrongPin) => {
            let record = store
                .record_wrong_pin(owner, server_id, now)?
                .ok_or_else(not_downloaded)?;
            Err(match record.locked_until.filter(|until| *until > now) {
                Some(until) => cooling_down(until - now),
                None => wrong_pin(FREE_PIN_ATTEMPTS.saturating_sub(record.failed_pins)),
            })
        }
        Err(_) => Err(unreadable_pdf()),
    }
}

/// Whole seconds left of a cool-down, at least one.
pub fn seconds_left(left: chrono::Duration) -> u64 {
    left.num_seconds().max(1) as u64
}

fn wrong_pin(tries_left: u32) -> ShellError {
    ShellError::refused(
        "pin.wrong",
        format!(
            "PIN salah. Periksa SMS dari Dukcapil. Sisa {tries_left} kali mencoba sebelum jeda."
        ),
        format!("Wrong PIN. Check the SMS from Dukcapil. {tries_left} tries left before a pause."),
    )
}

fn malformed_pin(error: PinError) -> ShellError {
    match error {
        PinError::WrongLength { found } => ShellError::refused(
            "pin.length",
            format!(
                "PIN terdiri dari 10 huruf dan angka, misalnya 7KQMA-4XRTP. Yang terisi {found}."
            ),
            format!(
                "The PIN has 10 letters and digits, for example 7KQMA-4XRTP. You entered {found}."
            ),
        ),
        PinError::NotInAlphabet(character) => ShellError::refused(
            "pin.character",
            format!(
                "PIN tidak memakai \"{character}\". Huruf O, I, L dan angka 0, 1 tidak pernah dipakai agar tidak tertukar."
            ),
            format!(
                "The PIN never contains \"{character}\". The letters O, I, L and the digits 0, 1 are never used, so they cannot be confused."
            ),
        ),
    }
}

fn cooling_down(left: chrono::Duration) -> ShellError {
    let seconds = seconds_left(left);
    ShellError::refused(
        "pin.cooling_down",
        format!("Terlalu banyak PIN salah. Coba lagi dalam {seconds} detik."),
        format!("Too many wrong PINs. Try again in {seconds} seconds."),
    )
}

#[cfg(test)]
mod tests {
    use chrono::Duration;
    use kk_device_store::{FIRST_COOL_DOWN, IssuedNotice};
    use kk_document::issue::{IssuedKk, issue_kk};
    use kk_document::render::RenderOptions;
    use kk_domain::sample;
    use sha2::{Digest, Sha256};

    use super::*;
    use crate::issued::test_kk::{issuer, sample_content};

    const SERVER_ID: &str = "kk-1";

    /// A device store holding one fully downloaded KK, and that KK's PIN.
    fn store_with_a_kk() -> (DeviceStore, Pin) {
        let key = issuer(7, "Dinas Dukcapil (uji)");
        let IssuedKk {
            encrypted_pdf, pin, ..
        } = issue_kk(&sample_content(), &key, &RenderOptions::default()).unwrap();
        let mut store = DeviceStore::open_in_memory().unwrap();
        store
            .note_issued(
                &Owner::Device,
                &IssuedNotice {
                    server_id: SERVER_ID,
                    registration_number: "KK-2026-000001-X",
                    kk_number: "3201012311260001",
                    pdf_sha256: &hex::encode(Sha256::digest(&encrypted_pdf)),
                    pdf_bytes: encrypted_pdf.len() as u64,
                },
            )
            .unwrap();
        assert!(
            store
                .append_issued_pdf(&Owner::Device, SERVER_ID, 0, &encrypted_pdf)
                .unwrap()
        );
        (store, pin)
    }

    fn now() -> DateTime<Utc> {
        sample::date(sample::TODAY)
            .and_hms_opt(3, 0, 0)
            .unwrap()
            .and_utc()
    }

    /// "opened", or the code of the refusal.
    fn outcome(store: &DeviceStore, pin: &str, at: DateTime<Utc>) -> String {
        match unlock(store, &Owner::Device, SERVER_ID, pin, at) {
            Ok(_) => "opened".into(),
            Err(error) => error.body().code,
        }
    }

    /// A well-formed PIN that is not this KK's.
    fn another_pin(pin: &Pin) -> String {
        let other = if pin.as_password().starts_with('A') {
            "B"
        } else {
            "A"
        };
        format!("{other}{}", &pin.as_password()[1..])
    }

    #[test]
    fn the_right_pin_opens_the_kk_and_clears_the_wrong_ones() {
        let (store, pin) = store_with_a_kk();
        let wrong = another_pin(&pin);
        assert_eq!(outcome(&store, &wrong, now()), "pin.wrong");
        let unlocked = unlock(&store, &Owner::Device, SERVER_ID, pin.as_password(), now()).unwrap();
        assert!(unlocked.opened.page_count() >= 1);
        let record = store.issued_kk(&Owner::Device, SERVER_ID).unwrap().unwrap();
        assert_eq!(record.failed_pins, 0);
    }

    #[test]
    fn wrong_pins_count_down_then_a_cool_down_refuses_even_the_right_pin() {
        let (store, pin) = store_with_a_kk();
        let wrong = another_pin(&pin);
        for left in (1..FREE_PIN_ATTEMPTS).rev() {
            let error = unlock(&store, &Owner::Device, SERVER_ID, &wrong, now())
                .err()
                .unwrap()
                .body();
            assert_eq!(error.code, "pin.wrong");
            assert!(
                error.message.id.contains(&format!("Sisa {left} kali")),
                "{error:?}"
            );
        }
        assert_eq!(outcome(&store, &wrong, now()), "pin.cooling_down");
        assert_eq!(
            outcome(&store, pin.as_password(), now()),
            "pin.cooling_down",
            "the right PIN waits for the cool-down too"
        );
        let after = now() + FIRST_COOL_DOWN + Duration::seconds(1);
        assert_eq!(outcome(&store, pin.as_password(), after), "opened");
    }

    #[test]
    fn a_malformed_pin_is_explained_and_not_counted() {
        let (store, _) = store_with_a_kk();
        assert_eq!(outcome(&store, "23456", now()), "pin.length");
        assert_eq!(outcome(&store, "OOOOO-OOOOO", now()), "pin.character");
        let record = store.issued_kk(&Owner::Device, SERVER_ID).unwrap().unwrap();
        assert_eq!(record.failed_pins, 0);
    }

    #[test]
    fn an_unknown_kk_is_not_downloaded() {
        let (store, pin) = store_with_a_kk();
        let refused = unlock(&store, &Owner::Device, "kk-2", pin.as_password(), now());
        assert_eq!(
            refused.err().map(|error| error.body().code).as_deref(),
            Some("kk.not_downloaded")
        );
    }
}
