//! Autosave latency: how long one save of a 10-member family with 5 attached documents takes on
//! a real SQLite file with the store's durability settings (WAL, synchronous FULL).

use std::time::{Duration, Instant};

use kk_device_store::{DeviceStore, Owner};
use kk_domain::documents::{AttachedDocument, DocumentKind};
use kk_domain::sample;

const SAVES: usize = 400;

pub struct Percentiles {
    pub p50: Duration,
    pub p99: Duration,
}

pub fn measure_autosave() -> std::io::Result<Percentiles> {
    let directory = tempfile::tempdir()?;
    let mut store =
        DeviceStore::open(&directory.path().join("bench.sqlite3")).expect("a fresh database opens");
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
    let draft = store
        .create_draft(&Owner::Device, &application)
        .expect("create");
    let mut times: Vec<Duration> = (0..SAVES)
        .map(|step| {
            // Each save carries a change, as a keystroke would.
            application.address.street = format!("Jalan Mawar No. {step}");
            let started = Instant::now();
            store
                .save_draft(&Owner::Device, &draft.id, &application)
                .expect("save");
            started.elapsed()
        })
        .collect();
    times.sort();
    Ok(Percentiles {
        p50: times[SAVES / 2],
        p99: times[SAVES * 99 / 100],
    })
}
