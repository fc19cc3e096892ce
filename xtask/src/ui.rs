//! Builds the Leptos UI to `src-ui/dist`: cargo builds the wasm, and the wasm-bindgen library
//! writes the JS glue. Calling the library saves installing trunk (10 min) or the CLI (3 min).

use std::fs;

use anyhow::Context;

use crate::paths::{project_root, target_dir};
use crate::process::{cargo, run};

/// Files copied as they are from `src-ui/` into `dist/`.
const STATIC_FILES: &[&str] = &["index.html", "boot.js", "style.css"];

pub fn build_ui(release: bool) -> anyhow::Result<()> {
    let mut build = cargo();
    build.args([
        "build",
        "--package",
        "kk-ui",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    if release {
        // Size matters more than speed for a bundle that travels over 2G.
        build
            .arg("--release")
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "z")
            .env("CARGO_PROFILE_RELEASE_LTO", "fat")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "1")
            // Leptos erases each component's view type, trading a little speed for far less
            // monomorphised code.
            .env("RUSTFLAGS", "--cfg erase_components");
    }
    run(&mut build)?;

    let profile = if release { "release" } else { "debug" };
    let wasm = target_dir()
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join("kk_ui.wasm");
    let source = project_root().join("src-ui");
    let dist = source.join("dist");
    fs::create_dir_all(&dist)?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .typescript(false)
        // The CLI's default: `init()` finds kk_ui_bg.wasm next to kk_ui.js. The library
        // otherwise leaves the path out and `init()` has nothing to load.
        .omit_default_module_path(false)
        .debug(!release)
        .generate(&dist)
        .with_context(|| format!("wasm-bindgen failed on {}", wasm.display()))?;
    if release {
        shrink_with_wasm_opt(&dist.join("kk_ui_bg.wasm"))?;
    }
    for name in STATIC_FILES {
        fs::copy(source.join(name), dist.join(name))
            .with_context(|| format!("copying src-ui/{name}"))?;
    }
    Ok(())
}

/// Runs Debian's wasm-opt (binaryen 108) at -Oz in place, when it is installed, repeating the
/// passes until the module stops shrinking (`--converge`: about 1 KB gzipped more than one round).
fn shrink_with_wasm_opt(wasm: &std::path::Path) -> anyhow::Result<()> {
    if crate::process::output_of(std::process::Command::new("wasm-opt").arg("--version")).is_none()
    {
        eprintln!("wasm-opt is not installed; the release bundle is measured without it");
        return Ok(());
    }
    run(std::process::Command::new("wasm-opt")
        .args([
            "-Oz",
            "--converge",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "-o",
        ])
        .arg(wasm)
        .arg(wasm))
}
