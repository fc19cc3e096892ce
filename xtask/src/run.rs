//! `cargo xtask run`: set up, build, and open the app.

use std::process::Command;

use crate::paths::app_binary;
use crate::process::{cargo, run as run_command};
use crate::setup::{Purpose, setup};
use crate::ui::build_ui;

pub fn run() -> anyhow::Result<()> {
    setup(Purpose::Run)?;
    build_ui(false)?;
    run_command(cargo().args(["build", "--package", "kk-mandiri"]))?;
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!("No DISPLAY or WAYLAND_DISPLAY is set; the window needs a desktop session.");
    }
    run_command(&mut Command::new(app_binary()))
}
