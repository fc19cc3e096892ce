//! What the shell keeps for the app's lifetime.

use kk_domain::region::{RegionTable, embedded};

pub struct ShellState {
    /// The 2025 region table, parsed once at start (a few milliseconds; see `cargo xtask bench`).
    pub regions: RegionTable,
}

impl ShellState {
    pub fn load() -> ShellState {
        ShellState {
            regions: embedded::load(),
        }
    }
}
