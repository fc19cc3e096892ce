//! Autosave latency: how long one save of a 10-member family with 5 attached documents takes on
//! a real SQLite file with the store's durability settings (WAL, synchronous FULL), encrypted
//! as the app keeps it, and beside it the same on an unencrypted file (issue #8: what SQLCipher
//! costs). The two stores take turns, save by save, so both see the same disk and machine load.

use std::time::{Duration, Instant};

use kk_device_store::{DeviceStore, Owner, StoreKey};
use kk_domain::documents::{AttachedDocument, DocumentKind};
use kk_domain::sample;

/// Saves measured on each store. A p99 of a few hundred saves is decided by a handful of slow
/// fsyncs; 2,000 a store keeps the ratio from swinging with the disk from run to run.
const SAVES: usize = 2_000;
/// Saves before measuring, so page caches and prepared statements are warm on both stores.
const WARM_UP_SAVES: usize = 20;

pub struct Percentiles {
    pub p50: Duration,
    pub p99: Duration,
}

pub struct AutosaveFigures {
    pub encrypted: Percentiles,
    pub unencrypted: Percentiles,
}

pub fn measure_autosave() -> std::io::Result<AutosaveFigures> {
    let directory = tempfile::tempdir()?;
    let mut encrypted = DeviceStore::open(
        &directory.path().join("encrypted.sqlite3"),
        &StoreKey::random(),
    )
    .expect("a fresh encrypted database opens");
    let mut unencrypted =
        DeviceStore::open_without_encryption(&directory.path().join("plain.sqlite3"))
            .expect("a fresh database opens");
    let mut application = sample::ten_member_family();
    for kind in [
        DocumentKind::KtpEl,
        DocumentKind::BukuNikah,
        DocumentKind::SuratKeteranganKelahiran,
    ] {
        application.documents.push(AttachedDocument {
            kind,
            file_name: format!("{kind:?}.jpg"),
            media_type: "image/jpeg".into(),
            size_bytes: 380_000,
            sha256: "ab".repeat(32),
        });
    }
    assert_eq!(application.documents.len(), 5);
    let encrypted_draft = encrypted
        .create_draft(&Owner::Device, &application)
        .expect("create");
    let plain_draft = unencrypted
        .create_draft(&Owner::Device, &application)
        .expect("create");
    let mut encrypted_times = Vec::with_capacity(SAVES);
    let mut plain_times = Vec::with_capacity(SAVES);
    for step in 0..WARM_UP_SAVES + SAVES {
        // Each save carries a change, as a keystroke would.
        application.address.street = format!("Jalan Mawar No. {step}");
        let time_save = |store: &mut DeviceStore, draft, times: &mut Vec<Duration>| {
            let started = Instant::now();
            store
                .save_draft(&Owner::Device, draft, &application)
                .expect("save");
            if step >= WARM_UP_SAVES {
                times.push(started.elapsed());
            }
        };
        // Alternate which goes first, so neither always follows the other's fsync.
        if step % 2 == 0 {
            time_save(&mut encrypted, &encrypted_draft.id, &mut encrypted_times);
            time_save(&mut unencrypted, &plain_draft.id, &mut plain_times);
        } else {
            time_save(&mut unencrypted, &plain_draft.id, &mut plain_times);
            time_save(&mut encrypted, &encrypted_draft.id, &mut encrypted_times);
        }
    }
    Ok(AutosaveFigures {
        encrypted: percentiles(encrypted_times),
        unencrypted: percentiles(plain_times),
    })
}

fn percentiles(mut times: Vec<Duration>) -> Percentiles {
    times.sort();
    Percentiles {
        p50: times[times.len() / 2],
        p99: times[times.len() * 99 / 100],
    }
}
