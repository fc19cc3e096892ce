//! `cargo xtask test`: every test, including the end-to-end tests of the real app.
//!
//! The end-to-end tests need the built app, tauri-driver and a display. This command provides
//! all three, plus axe-core for the accessibility checks and Debian's Chromium and ChromeDriver
//! for the officer console, and passes them to `cargo test` as `KK_MANDIRI_APP`,
//! `KK_MANDIRI_TAURI_DRIVER`, `KK_MANDIRI_AXE`, `KK_MANDIRI_CHROMEDRIVER`, `KK_MANDIRI_CHROMIUM`
//! and `DISPLAY` (a private Xvfb when the machine has no display). It also makes sure the CUPS
//! virtual PDF printer `KK-PDF` exists for the print test, and runs the tests inside a private
//! D-Bus session with an unlocked keyring, where the app keeps its database key.

use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::keyring_session::in_keyring_session;
use crate::paths::{app_binary, screenshots_dir, target_dir};
use crate::process::{cargo, run};
use crate::setup::{Purpose, axe_core, setup, tauri_driver};
use crate::ui::build_ui;

pub fn test(test_arguments: &[String]) -> anyhow::Result<()> {
    let started = Instant::now();
    setup(Purpose::Test)?;
    let tauri_driver = tauri_driver()?;
    let axe = axe_core()?;
    // Architecture invariant: the domain crate builds for wasm32 on its own.
    run(cargo().args([
        "build",
        "--package",
        "kk-domain",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    // The end-to-end tests run the release UI: the module that ships, split and optimised.
    build_ui(true)?;
    // The app and the server, built in the same invocation, with the same feature unification
    // as `cargo test --workspace` below, so no dependency is built twice: building only
    // `-p kk-mandiri -p kk-server` unified features without the tests' dev-dependencies and
    // the other members, and the test build then compiled about 300 crates a second time.
    run(cargo().args(["build", "--workspace", "--bins", "--tests"]))?;

    crate::printer::ensure_virtual_printer()?;
    let display = Display::existing_or_xvfb()?;
    std::fs::create_dir_all(screenshots_dir())?;
    let retries = target_dir().join("e2e-retries.log");
    remove_if_present(&retries)?;
    let mut tests = cargo();
    // Every test binary runs even after a failure, so one CI run reports every failure.
    tests
        .args(["test", "--workspace", "--no-fail-fast", "--"])
        .args(test_arguments)
        .env("KK_MANDIRI_APP", app_binary())
        .env("KK_MANDIRI_TAURI_DRIVER", &tauri_driver)
        .env("KK_MANDIRI_SCREENSHOTS", screenshots_dir())
        .env("KK_MANDIRI_E2E_RETRIES", &retries)
        .env("KK_MANDIRI_AXE", &axe)
        .env("KK_MANDIRI_CHROMEDRIVER", "/usr/bin/chromedriver")
        .env("KK_MANDIRI_CHROMIUM", "/usr/bin/chromium")
        .env("DISPLAY", &display.name)
        // With a session bus, GTK would start the accessibility bus for every window; the tests
        // check accessibility with axe-core in the page, and the start-up stalls slowed sessions.
        .env("NO_AT_BRIDGE", "1");
    // The app keeps its database key in the OS keyring; the tests get a private one.
    let outcome = run(&mut in_keyring_session(&tests));
    report_retries(&retries);
    outcome?;
    drop(display);
    eprintln!(
        "cargo xtask test: every test passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Says which end-to-end tests ran twice because WebKit's web process died under them
/// (`tests/src/web_process.rs`), so a crash that a retry hid is still seen.
fn report_retries(retries: &std::path::Path) {
    if let Ok(lines) = std::fs::read_to_string(retries) {
        eprintln!("cargo xtask test: end-to-end tests run again after WebKit's web process died:");
        eprint!("{lines}");
    }
}

fn remove_if_present(path: &std::path::Path) -> anyhow::Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error.into()),
        _ => Ok(()),
    }
}

/// The X display the tests use; a private Xvfb is stopped when this is dropped.
struct Display {
    name: String,
    xvfb: Option<Child>,
}

impl Display {
    fn existing_or_xvfb() -> anyhow::Result<Display> {
        if let Ok(name) = std::env::var("DISPLAY")
            && !name.is_empty()
        {
            return Ok(Display { name, xvfb: None });
        }
        let number = (90..200)
            .find(|number| !socket_of(*number).exists() && !lock_of(*number).exists())
            .context("no free X display number between :90 and :199")?;
        let name = format!(":{number}");
        let xvfb = Command::new("Xvfb")
            .args([
                name.as_str(),
                "-screen",
                "0",
                "1920x1080x24",
                "-nolisten",
                "tcp",
            ])
            .spawn()
            .context("could not start Xvfb")?;
        let mut display = Display {
            name,
            xvfb: Some(xvfb),
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while !socket_of(number).exists() {
            if let Some(status) = display.xvfb.as_mut().and_then(|xvfb| xvfb.try_wait().ok()?) {
                bail!("Xvfb exited on display :{number} before opening it ({status})");
            }
            if Instant::now() > deadline {
                bail!("Xvfb did not open display :{number} within 10 s");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(display)
    }
}

impl Drop for Display {
    /// SIGTERM, so Xvfb removes its lock file and socket; after SIGKILL they stayed in /tmp
    /// and each run used up a display number.
    fn drop(&mut self) {
        if let Some(xvfb) = &mut self.xvfb {
            let terminated = Command::new("kill")
                .arg(xvfb.id().to_string())
                .status()
                .is_ok_and(|status| status.success());
            if !terminated {
                let _ = xvfb.kill();
            }
            let _ = xvfb.wait();
        }
    }
}

fn socket_of(number: u32) -> PathBuf {
    PathBuf::from(format!("/tmp/.X11-unix/X{number}"))
}

fn lock_of(number: u32) -> PathBuf {
    PathBuf::from(format!("/tmp/.X{number}-lock"))
}
