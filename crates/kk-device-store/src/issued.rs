//! Issued KKs on the device: the encrypted PDF as far as it has downloaded (a download
//! resumes from its length), the count of wrong PINs behind the cool-down, and the issuer
//! keys that verify QR codes offline. The PIN itself is never stored.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::{DeviceStore, Owner, StoreError};

/// Wrong PINs allowed before the first cool-down.
pub const FREE_PIN_ATTEMPTS: u32 = 3;
/// The first cool-down; each further wrong PIN doubles it, up to [`MAX_COOL_DOWN`].
pub const FIRST_COOL_DOWN: Duration = Duration::seconds(30);
pub const MAX_COOL_DOWN: Duration = Duration::minutes(15);

/// An issued KK as the device knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedRecord {
    pub server_id: String,
    pub registration_number: String,
    pub kk_number: String,
    pub pdf_bytes: u64,
    pub downloaded_bytes: u64,
    pub failed_pins: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

impl IssuedRecord {
    pub fn is_complete(&self) -> bool {
        self.downloaded_bytes == self.pdf_bytes
    }
}

/// What the server says of an issued KK, for [`DeviceStore::note_issued`].
#[derive(Debug, Clone)]
pub struct IssuedNotice<'a> {
    pub server_id: &'a str,
    pub registration_number: &'a str,
    pub kk_number: &'a str,
    pub pdf_sha256: &'a str,
    pub pdf_bytes: u64,
}

impl DeviceStore {
    /// Records that a KK was issued. A KK already known keeps its download, unless the server
    /// now has a different file, which starts over.
    pub fn note_issued(&self, owner: &Owner, notice: &IssuedNotice<'_>) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO issued_kks (owner, server_id, registration_number, kk_number, pdf_sha256, pdf_bytes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (owner, server_id) DO UPDATE SET
                pdf = CASE WHEN pdf_sha256 = excluded.pdf_sha256 THEN pdf ELSE x'' END,
                kk_number = excluded.kk_number,
                pdf_sha256 = excluded.pdf_sha256,
                pdf_bytes = excluded.pdf_bytes",
            params![
                owner.key(),
                notice.server_id,
                notice.registration_number,
                notice.kk_number,
                notice.pdf_sha256,
                notice.pdf_bytes as i64
            ],
        )?;
        Ok(())
    }

    pub fn issued_kks(&self, owner: &Owner) -> Result<Vec<IssuedRecord>, StoreError> {
        let mut statement = self.connection.prepare(
            "SELECT server_id, registration_number, kk_number, pdf_bytes, length(pdf),
                    failed_pins, locked_until
             FROM issued_kks WHERE owner = ?1 ORDER BY kk_number",
        )?;
        let records = statement
            .query_map([owner.key()], |row| {
                Ok(IssuedRecord {
                    server_id: row.get(0)?,
                    registration_number: row.get(1)?,
                    kk_number: row.get(2)?,
                    pdf_bytes: row.get::<_, i64>(3)? as u64,
                    downloaded_bytes: row.get::<_, i64>(4)? as u64,
                    failed_pins: row.get(5)?,
                    locked_until: row
                        .get::<_, Option<String>>(6)?
                        .and_then(|text| DateTime::parse_from_rfc3339(&text).ok())
                        .map(|at| at.with_timezone(&Utc)),
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(records)
    }

    pub fn issued_kk(
        &self,
        owner: &Owner,
        server_id: &str,
    ) -> Result<Option<IssuedRecord>, StoreError> {
        Ok(self
            .issued_kks(owner)?
            .into_iter()
            .find(|record| record.server_id == server_id))
    }

    /// Appends a downloaded chunk that starts at `offset`. A chunk that does not continue the
    /// stored bytes exactly is ignored and `false` returned. When the last chunk arrives, the
    /// whole file is checked against the server's SHA-256; a mismatch starts over.
    pub fn append_issued_pdf(
        &mut self,
        owner: &Owner,
        server_id: &str,
        offset: u64,
        chunk: &[u8],
    ) -> Result<bool, StoreError> {
        let transaction = self.connection.transaction()?;
        let (mut pdf, expected, total): (Vec<u8>, String, i64) = transaction.query_row(
            "SELECT pdf, pdf_sha256, pdf_bytes FROM issued_kks WHERE owner = ?1 AND server_id = ?2",
            params![owner.key(), server_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        if pdf.len() as u64 != offset || (pdf.len() + chunk.len()) as i64 > total {
            return Ok(false);
        }
        pdf.extend_from_slice(chunk);
        if pdf.len() as i64 == total && hex::encode(Sha256::digest(&pdf)) != expected {
            pdf.clear();
        }
        transaction.execute(
            "UPDATE issued_kks SET pdf = ?3 WHERE owner = ?1 AND server_id = ?2",
            params![owner.key(), server_id, pdf],
        )?;
        transaction.commit()?;
        Ok(true)
    }

    /// The whole encrypted PDF, once it has downloaded.
    pub fn issued_pdf(
        &self,
        owner: &Owner,
        server_id: &str,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT pdf FROM issued_kks WHERE owner = ?1 AND server_id = ?2
                 AND length(pdf) = pdf_bytes",
                params![owner.key(), server_id],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Counts a wrong PIN and returns the record with its new cool-down.
    pub fn record_wrong_pin(
        &self,
        owner: &Owner,
        server_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<IssuedRecord>, StoreError> {
        let failed: Option<u32> = self
            .connection
            .query_row(
                "UPDATE issued_kks SET failed_pins = failed_pins + 1
                 WHERE owner = ?1 AND server_id = ?2 RETURNING failed_pins",
                params![owner.key(), server_id],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(failed) = failed.filter(|failed| *failed >= FREE_PIN_ATTEMPTS) {
            let doublings = (failed - FREE_PIN_ATTEMPTS).min(10);
            let cool_down = (FIRST_COOL_DOWN * 2_i32.pow(doublings)).min(MAX_COOL_DOWN);
            self.connection.execute(
                "UPDATE issued_kks SET locked_until = ?3 WHERE owner = ?1 AND server_id = ?2",
                params![owner.key(), server_id, (now + cool_down).to_rfc3339()],
            )?;
        }
        self.issued_kk(owner, server_id)
    }

    /// A right PIN clears the count.
    pub fn clear_wrong_pins(&self, owner: &Owner, server_id: &str) -> Result<(), StoreError> {
        self.connection.execute(
            "UPDATE issued_kks SET failed_pins = 0, locked_until = NULL
             WHERE owner = ?1 AND server_id = ?2",
            params![owner.key(), server_id],
        )?;
        Ok(())
    }

    /// The issuer keys last fetched from the server, as JSON.
    pub fn trusted_keys_json(&self) -> Result<Option<String>, StoreError> {
        Ok(self
            .connection
            .query_row("SELECT json FROM trusted_keys", [], |row| row.get(0))
            .optional()?)
    }

    pub fn set_trusted_keys_json(&self, json: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT OR REPLACE INTO trusted_keys (only_row, json, fetched_at) VALUES (1, ?1, ?2)",
            params![json, at.to_rfc3339()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with_one() -> (tempfile::TempDir, DeviceStore, Owner, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let store = DeviceStore::open(
            &dir.path().join("device.sqlite3"),
            &crate::StoreKey::random(),
        )
        .unwrap();
        let owner = Owner::Account("3201011205900001".into());
        let pdf: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
        let sha = hex::encode(Sha256::digest(&pdf));
        store
            .note_issued(
                &owner,
                &IssuedNotice {
                    server_id: "app-1",
                    registration_number: "KK26-7F3K-9QXC",
                    kk_number: "3201012311260001",
                    pdf_sha256: &sha,
                    pdf_bytes: pdf.len() as u64,
                },
            )
            .unwrap();
        (dir, store, owner, pdf)
    }

    #[test]
    fn a_download_resumes_from_what_is_stored_and_is_checked_at_the_end() {
        let (_dir, mut store, owner, pdf) = store_with_one();
        assert!(
            store
                .append_issued_pdf(&owner, "app-1", 0, &pdf[..400])
                .unwrap()
        );
        // A chunk from the wrong place is refused, not spliced in.
        assert!(
            !store
                .append_issued_pdf(&owner, "app-1", 0, &pdf[..400])
                .unwrap()
        );
        let record = store.issued_kk(&owner, "app-1").unwrap().unwrap();
        assert_eq!(record.downloaded_bytes, 400);
        assert!(store.issued_pdf(&owner, "app-1").unwrap().is_none());
        assert!(
            store
                .append_issued_pdf(&owner, "app-1", 400, &pdf[400..])
                .unwrap()
        );
        assert_eq!(store.issued_pdf(&owner, "app-1").unwrap().unwrap(), pdf);
        // Another owner sees nothing.
        assert!(store.issued_kks(&Owner::Device).unwrap().is_empty());
    }

    #[test]
    fn a_corrupt_download_starts_over() {
        let (_dir, mut store, owner, mut pdf) = store_with_one();
        pdf[10] ^= 1;
        store.append_issued_pdf(&owner, "app-1", 0, &pdf).unwrap();
        let record = store.issued_kk(&owner, "app-1").unwrap().unwrap();
        assert_eq!(record.downloaded_bytes, 0);
    }

    #[test]
    fn wrong_pins_cool_down_after_three_and_double() {
        let (_dir, store, owner, _) = store_with_one();
        let now = Utc::now();
        for _ in 0..2 {
            let record = store
                .record_wrong_pin(&owner, "app-1", now)
                .unwrap()
                .unwrap();
            assert!(record.locked_until.is_none());
        }
        let third = store
            .record_wrong_pin(&owner, "app-1", now)
            .unwrap()
            .unwrap();
        let until = third.locked_until.unwrap();
        assert!((until - now - FIRST_COOL_DOWN).num_seconds().abs() <= 1);
        let fourth = store
            .record_wrong_pin(&owner, "app-1", now)
            .unwrap()
            .unwrap();
        assert!(
            (fourth.locked_until.unwrap() - now - FIRST_COOL_DOWN * 2)
                .num_seconds()
                .abs()
                <= 1
        );
        store.clear_wrong_pins(&owner, "app-1").unwrap();
        let cleared = store.issued_kk(&owner, "app-1").unwrap().unwrap();
        assert_eq!((cleared.failed_pins, cleared.locked_until), (0, None));
    }
}
