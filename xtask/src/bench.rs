//! `cargo xtask bench`: builds the release UI to measure its bundle, then builds the benchmark
//! harness (`crates/kk-bench`) in release mode and runs it. The harness prints one table and
//! appends one JSON object per benchmark to `target/bench/results.jsonl`.

use std::io::Write;
use std::path::Path;

use crate::paths::{project_root, target_dir};
use crate::process::{cargo, run};
use crate::setup::{Purpose, setup};
use crate::ui::build_ui;

pub fn bench() -> anyhow::Result<()> {
    setup(Purpose::Bench)?;
    build_ui(true)?;
    let dist = project_root().join("src-ui").join("dist");
    let bundle_bytes =
        gzipped_size(&dist.join("kk_ui_bg.wasm"))? + gzipped_size(&dist.join("kk_ui.js"))?;
    // The release bundle replaced the debug one; put the debug UI back for `run` and `test`.
    build_ui(false)?;
    let results = target_dir().join("bench").join("results.jsonl");
    run(cargo()
        .args(["run", "--release", "--package", "kk-bench", "--"])
        .arg(&results)
        .arg(bundle_bytes.to_string()))
}

/// The size of a file after `gzip -9`, which is what travels to a phone.
fn gzipped_size(path: &Path) -> anyhow::Result<usize> {
    let bytes = std::fs::read(path)?;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&bytes)?;
    Ok(encoder.finish()?.len())
}
