//! Set-up on a fresh Debian or Ubuntu machine. Every step checks first and skips what is there,
//! so a second run costs a few hundred milliseconds.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, bail};

use crate::paths::tools_root;
use crate::process::{output_of, run};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Run,
    Test,
    Bench,
}

/// Debian packages to build and open the app. libwebkit2gtk-4.1-dev pulls in GTK 3, libsoup 3
/// and JavaScriptCore (../shared/docs/toolchain.md).
/// libdbus-1-dev is for the keyring crate (Secret Service); dbus and gnome-keyring give a
/// machine without a desktop session a keyring of its own (`keyring_session.rs`).
const RUN_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "libwebkit2gtk-4.1-dev",
    "libdbus-1-dev",
    "dbus",
    "gnome-keyring",
];

/// Extra Debian packages for the end-to-end tests: a headless X server and WebKit's WebDriver
/// for the app; Chromium and ChromeDriver for the officer console.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "webkit2gtk-driver",
    "chromium",
    "chromium-driver",
    // The issued PDF is checked with poppler (pdfinfo, pdftotext, pdftoppm) and printed to
    // the CUPS virtual PDF printer.
    "poppler-utils",
    "cups",
    "cups-client",
    "printer-driver-cups-pdf",
    // `kill`, which the tests use to kill the app as Android would; minimal images lack it.
    "procps",
    // A real notification daemon the test bus starts on the first `Notify`, and dbus-monitor,
    // with which the tests see the app's notifications.
    "dunst",
    "dbus-bin",
];

/// Every program a test or the test command runs, with the package that brings it; set-up
/// checks that each is there after installing (ARCHITECTURE.md lists them too). tauri-driver,
/// axe-core and wasm-opt are pinned tools, checked where they are installed.
const TEST_PROGRAMS: &[(&str, &str)] = &[
    ("Xvfb", "xvfb"),
    ("WebKitWebDriver", "webkit2gtk-driver"),
    ("chromium", "chromium"),
    ("chromedriver", "chromium-driver"),
    ("pdfinfo", "poppler-utils"),
    ("pdftotext", "poppler-utils"),
    ("pdftoppm", "poppler-utils"),
    ("lp", "cups-client"),
    ("lpstat", "cups-client"),
    ("lpadmin", "cups-client"),
    ("cupsenable", "cups-client"),
    ("cupsaccept", "cups-client"),
    ("cupsd", "cups-daemon (through cups)"),
    ("dbus-run-session", "dbus-daemon (through dbus)"),
    ("gnome-keyring-daemon", "gnome-keyring"),
    ("kill", "procps"),
    ("dunst", "dunst"),
    ("dbus-monitor", "dbus-bin"),
    ("node", "nodejs"),
    ("npm", "npm"),
];

/// A cargo tool pinned to one version. tauri-driver's latest is a 3.0 alpha, hence the pin;
/// `--locked` works for it (toolchain.md).
struct PinnedTool {
    crate_name: &'static str,
    binary: &'static str,
    version: &'static str,
    locked: bool,
}

const TAURI_DRIVER: PinnedTool = PinnedTool {
    crate_name: "tauri-driver",
    binary: "tauri-driver",
    version: "2.1.0",
    locked: true,
};

pub fn setup(purpose: Purpose) -> anyhow::Result<()> {
    let mut packages = RUN_PACKAGES.to_vec();
    if purpose == Purpose::Test {
        packages.extend_from_slice(TEST_PACKAGES);
    }
    install_debian_packages(&packages)?;
    install_wasm_target()?;
    if purpose == Purpose::Test {
        tool_path(&TAURI_DRIVER)?;
        axe_core()?;
        check_programs(TEST_PROGRAMS)?;
    }
    if purpose != Purpose::Run {
        // The tests and the benchmarks use the release UI, which wasm-opt shrinks.
        wasm_opt()?;
    }
    Ok(())
}

/// axe-core, the accessibility engine the end-to-end tests inject into each page. Pinned, and
/// installed with npm into the tools cache rather than the project.
const AXE_CORE_VERSION: &str = "4.14.1";

/// The path of axe-core's `axe.min.js`, installing the pinned version with npm first if needed.
pub fn axe_core() -> anyhow::Result<PathBuf> {
    npm_package_file("axe-core", AXE_CORE_VERSION, "axe.min.js")
}

/// binaryen's wasm-opt, built to wasm and run by Node. Debian's binaryen 108 writes every table
/// export as table 0, so wasm-bindgen's externref table came out as the function table and the
/// optimised UI did not start.
const BINARYEN_VERSION: &str = "132.0.0";

/// The path of wasm-opt, installing the pinned binaryen with npm first if needed.
pub fn wasm_opt() -> anyhow::Result<PathBuf> {
    npm_package_file("binaryen", BINARYEN_VERSION, "bin/wasm-opt")
}

/// A file of an npm package pinned to one version, installed into the tools cache rather than
/// the project.
fn npm_package_file(package: &str, version: &str, file: &str) -> anyhow::Result<PathBuf> {
    let prefix = tools_root().join(format!("{package}-{version}"));
    let path = prefix.join("node_modules").join(package).join(file);
    if path.exists() {
        return Ok(path);
    }
    if output_of(Command::new("npm").arg("--version")).is_none() {
        install_debian_packages(&["nodejs", "npm"])?;
    }
    std::fs::create_dir_all(&prefix)?;
    run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        .arg(format!("{package}@{version}")))?;
    if !path.exists() {
        bail!("npm installed {package} but {} is missing", path.display());
    }
    Ok(path)
}

/// The path of tauri-driver, installing the pinned version first if needed.
pub fn tauri_driver() -> anyhow::Result<PathBuf> {
    tool_path(&TAURI_DRIVER)
}

fn install_debian_packages(packages: &[&str]) -> anyhow::Result<()> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|package| !is_debian_package_installed(package))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("Installing Debian packages: {}", missing.join(" "));
    let as_root = output_of(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    let apt = |arguments: &[&str]| -> Command {
        let mut command = if as_root {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        command
            .args(arguments)
            .env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    run(&mut apt(&["update", "-qq"]))
        .context("apt-get update failed; are you root or allowed to sudo?")?;
    let mut install = apt(&["install", "-y", "-qq", "--no-install-recommends"]);
    install.args(&missing);
    run(&mut install)
}

/// Fails naming every program that is still missing, and the package that should bring it.
fn check_programs(programs: &[(&str, &str)]) -> anyhow::Result<()> {
    let missing: Vec<String> = programs
        .iter()
        .filter(|(program, _)| !is_on_path(program))
        .map(|(program, package)| format!("{program} ({package})"))
        .collect();
    if !missing.is_empty() {
        bail!(
            "set-up finished, but these programs are missing: {}",
            missing.join(", ")
        );
    }
    Ok(())
}

/// Whether `program` is an executable file in a directory of `PATH` (or `/usr/sbin`, where
/// CUPS's tools live and a non-root `PATH` may not look).
fn is_on_path(program: &str) -> bool {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/sbin")])
        .any(|directory| {
            std::fs::metadata(directory.join(program))
                .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
        })
}

fn is_debian_package_installed(package: &str) -> bool {
    output_of(Command::new("dpkg-query").args(["-W", "-f=${Status}", package]))
        .is_some_and(|status| status.contains("install ok installed"))
}

fn install_wasm_target() -> anyhow::Result<()> {
    let installed = output_of(Command::new("rustup").args(["target", "list", "--installed"]))
        .context("rustup is needed to add the wasm32 target; install Rust with rustup")?;
    if installed
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn tool_path(tool: &PinnedTool) -> anyhow::Result<PathBuf> {
    let root = tools_root();
    let binary = root.join("bin").join(tool.binary);
    // cargo install records what it installed under the root; that is the version check.
    let manifest = std::fs::read_to_string(root.join(".crates2.json")).unwrap_or_default();
    let record = format!("\"{} {} ", tool.crate_name, tool.version);
    if binary.exists() && manifest.contains(&record) {
        return Ok(binary);
    }
    let mut install = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    install
        .args([
            "install",
            tool.crate_name,
            "--version",
            tool.version,
            "--root",
        ])
        .arg(&root);
    if tool.locked {
        install.arg("--locked");
    }
    run(&mut install)?;
    if !binary.exists() {
        bail!(
            "{} was installed but {} is missing",
            tool.crate_name,
            binary.display()
        );
    }
    Ok(binary)
}
