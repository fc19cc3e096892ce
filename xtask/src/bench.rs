//! `cargo xtask bench`: builds the release UI to measure its bundle, then builds the benchmark
//! harness (`crates/kk-bench`) in release mode and runs it. The harness prints one table and
//! appends one JSON object per benchmark to `target/bench/results.jsonl`.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::Context;

use crate::paths::target_dir;
use crate::process::{cargo, run};
use crate::setup::{Purpose, setup};
use crate::ui::{UiBundle, build_ui};

pub fn bench() -> anyhow::Result<()> {
    setup(Purpose::Bench)?;
    let sizes = BundleSizes::measure(&build_ui(true)?)?;
    // The release bundle replaced the debug one; put the debug UI back for `run`.
    build_ui(false)?;
    let results = target_dir().join("bench").join("results.jsonl");
    run(cargo()
        .args(["run", "--release", "--package", "kk-bench", "--"])
        .arg(&results)
        .args(
            [sizes.first_load, sizes.largest_page, sizes.everything].map(|bytes| bytes.to_string()),
        ))
}

/// The release UI's gzipped sizes, in bytes.
struct BundleSizes {
    /// What loads before the first screen shows: the main module and its JS glue.
    first_load: usize,
    /// The most that opening one split page loads: its chunks and the chunk loader.
    largest_page: usize,
    /// Everything the app ships: the first load, every chunk and the loader.
    everything: usize,
}

impl BundleSizes {
    fn measure(bundle: &UiBundle) -> anyhow::Result<BundleSizes> {
        let first_load = gzipped_size(&bundle.main_wasm)? + gzipped_size(&bundle.main_js)?;
        let loader = gzipped_size(&bundle.chunk_loader)?;
        // Each chunk is compressed once; a shared chunk counts towards every page that loads it.
        let mut chunk_sizes = HashMap::new();
        for chunk in &bundle.chunks {
            chunk_sizes.insert(chunk.as_path(), gzipped_size(chunk)?);
        }
        let size_of = |chunk: &Path| {
            chunk_sizes
                .get(chunk)
                .copied()
                .with_context(|| format!("{} is not one of the chunks", chunk.display()))
        };
        let mut largest_page = 0;
        for chunks in bundle.pages.values() {
            let page = chunks
                .iter()
                .map(|chunk| size_of(chunk))
                .sum::<anyhow::Result<usize>>()?;
            largest_page = largest_page.max(page + loader);
        }
        Ok(BundleSizes {
            first_load,
            largest_page,
            everything: first_load + loader + chunk_sizes.values().sum::<usize>(),
        })
    }
}

/// The size of a file after `gzip -9`, which is what travels to a phone.
fn gzipped_size(path: &Path) -> anyhow::Result<usize> {
    let bytes = std::fs::read(path)?;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&bytes)?;
    Ok(encoder.finish()?.len())
}
