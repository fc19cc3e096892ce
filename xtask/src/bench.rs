//! `cargo xtask bench`: builds the benchmark harness (`crates/kk-bench`) in release mode and
//! runs it. It prints a table and appends one JSON object per benchmark to
//! `target/bench/results.jsonl`.

use crate::paths::target_dir;
use crate::process::{cargo, run};

pub fn bench() -> anyhow::Result<()> {
    let results = target_dir().join("bench").join("results.jsonl");
    run(cargo()
        .args(["run", "--release", "--package", "kk-bench", "--"])
        .arg(&results))
}
