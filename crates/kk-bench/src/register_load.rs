//! The register at national scale: a generator makes `FAMILIES` families (1 to 6 members, 3.5
//! on average, every NIK and KK number built the way §1 and §2 lay them out, in real districts)
//! and loads them into the embedded store in batches, as `kk-server register import` would.
//! The same probes run with the register empty (the two demo families) and full:
//!
//! - a family read by its KK number (`GET /v1/families/{kk_number}`'s query), p99;
//! - the register check of a 10-member application: which KK each NIK stands on, p99;
//! - a newborn's NIK allocation (the next free serial of a prefix), p99.
//!
//! The aim: the full register costs at most twice the empty one.

use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate, Utc};
use kk_domain::application::{Member, Relationship, Sex};
use kk_domain::region::RegionTable;
use kk_domain::register::{Family, newborn_nik_prefix};
use kk_server::store::sqlite::SqliteStore;
use kk_server::store::{RegisterStore, Store};

/// About the families of a large province; the issue asks for a million.
pub const FAMILIES: usize = 1_000_000;
const BATCH: usize = 10_000;
const PROBES: usize = 2_000;

pub struct Probes {
    pub family_read_p99: Duration,
    pub register_check_p99: Duration,
    pub nik_allocation_p99: Duration,
}

pub struct RegisterLoad {
    pub people: usize,
    pub import_families_per_second: f64,
    pub empty: Probes,
    pub full: Probes,
}

pub fn measure(regions: &RegionTable) -> anyhow::Result<RegisterLoad> {
    let directory = tempfile::tempdir()?;
    let store = SqliteStore::open(directory.path())?;
    let districts: Vec<String> = regions
        .provinces()
        .iter()
        .flat_map(|province| regions.children(&province.code))
        .flat_map(|regency| regions.children(&regency.code))
        .map(|district| district.code.digits())
        .collect();
    let generator = Generator { districts };
    store.import_families(
        &[
            kk_domain::sample::registered_family(),
            kk_domain::sample::wijaya_family(),
        ],
        Utc::now(),
    )?;
    let empty = probe(&store, &generator, 2)?;

    let started = Instant::now();
    let mut people = 0;
    for first in (0..FAMILIES).step_by(BATCH) {
        let batch: Vec<Family> = (first..(first + BATCH).min(FAMILIES))
            .map(|index| generator.family(index))
            .collect();
        people += batch
            .iter()
            .map(|family| family.members.len())
            .sum::<usize>();
        store.import_families(&batch, Utc::now())?;
    }
    let import_families_per_second = FAMILIES as f64 / started.elapsed().as_secs_f64();
    let full = probe(&store, &generator, FAMILIES)?;
    Ok(RegisterLoad {
        people,
        import_families_per_second,
        empty,
        full,
    })
}

/// Runs each probe `PROBES` times on families spread over the first `loaded` ones.
fn probe(store: &dyn Store, generator: &Generator, loaded: usize) -> anyhow::Result<Probes> {
    let pick = |round: usize| (round * 7919) % loaded;
    let family_at = |round: usize| match loaded {
        2 => kk_domain::sample::registered_family(),
        _ => generator.family(pick(round)),
    };
    let mut reads = Vec::with_capacity(PROBES);
    let mut checks = Vec::with_capacity(PROBES);
    let mut allocations = Vec::with_capacity(PROBES);
    for round in 0..PROBES {
        let family = family_at(round);
        let started = Instant::now();
        anyhow::ensure!(
            store.family(&family.kk_number)?.is_some(),
            "a loaded family"
        );
        reads.push(started.elapsed());

        let niks: Vec<String> = (0..10)
            .map(|offset| family_at(round + offset).members[0].nik.clone())
            .collect();
        let started = Instant::now();
        for nik in &niks {
            store.kk_number_of(nik)?;
        }
        checks.push(started.elapsed());

        let head = &family.members[0];
        let prefix = newborn_nik_prefix(
            &head.nik[..6],
            head.birth_date.expect("generated"),
            Sex::Male,
        );
        let started = Instant::now();
        store.next_nik(&prefix)?;
        allocations.push(started.elapsed());
    }
    Ok(Probes {
        family_read_p99: p99(reads),
        register_check_p99: p99(checks),
        nik_allocation_p99: p99(allocations),
    })
}

fn p99(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[(samples.len() * 99 / 100).min(samples.len() - 1)]
}

/// Families with unique, well-formed NIKs and KK numbers: family `index` lives in district
/// `index % districts`; its members are born on distinct days, so no two people share a NIK.
struct Generator {
    districts: Vec<String>,
}

impl Generator {
    fn family(&self, index: usize) -> Family {
        let district = &self.districts[index % self.districts.len()];
        let round = index / self.districts.len();
        let size = 1 + index % 6;
        let base = NaiveDate::from_ymd_opt(1950, 1, 1).expect("a date");
        let members = (0..size)
            .map(|position| {
                let born = base + chrono::Days::new((round * 7 + position) as u64 * 3);
                let sex = if position % 2 == 0 {
                    Sex::Male
                } else {
                    Sex::Female
                };
                let nik = format!("{}0001", newborn_nik_prefix(district, born, sex));
                Member {
                    full_name: format!("Warga {index} {position}"),
                    nik,
                    sex: Some(sex),
                    birth_date: Some(born),
                    relationship: Some(if position == 0 {
                        Relationship::KepalaKeluarga
                    } else {
                        Relationship::Anak
                    }),
                    ..kk_domain::sample::head()
                }
            })
            .collect();
        let registered = base + chrono::Days::new(round as u64);
        Family {
            kk_number: format!(
                "{district}{:02}{:02}{:02}{:04}",
                registered.day(),
                registered.month(),
                registered.year() % 100,
                1 + index % 9999
            ),
            address: kk_domain::sample::registered_family().address,
            members,
        }
    }
}
