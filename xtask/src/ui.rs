//! Builds the Leptos UI to `src-ui/dist`: cargo builds the wasm, the wasm-split library cuts the
//! split points of `src-ui/src/lazy_pages.rs` into chunks loaded on first use, and the
//! wasm-bindgen library writes the JS glue for the main module. A release build then goes
//! through wasm-opt. Calling the libraries saves installing trunk (10 min) or the CLIs.
//!
//! The same cargo invocation builds the server's `/verifikasi` checker (`kk-verify-web`), whose
//! glue goes to `crates/kk-verify-web/dist`: one invocation, so the two share one set of
//! compiled dependencies instead of rebuilding them for each other's flags.
//!
//! Every build is split, debug included: once the UI has a split point, an unsplit module
//! imports loaders that nothing provides and does not start.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::paths::{project_root, target_dir};
use crate::process::{cargo, run};

/// Files copied as they are from `src-ui/` into `dist/`.
const STATIC_FILES: &[&str] = &["index.html", "boot.js", "style.css"];

/// The module that `boot.js` imports, and that each chunk's loader imports the main module from.
const MAIN_MODULE: &str = "./kk_ui.js";

/// The loader for the chunks, written by wasm-split next to the chunks.
const SPLIT_LOADER: &str = "__wasm_split.js";

/// What one build wrote to `dist/`.
pub struct UiBundle {
    /// The main module: what loads before the first page shows.
    pub main_wasm: PathBuf,
    pub main_js: PathBuf,
    /// The chunks of the split pages, and the JS that loads them.
    pub chunks: Vec<PathBuf>,
    pub chunk_loader: PathBuf,
    /// Each split page, with the chunks that load when it first opens (its own and shared ones).
    pub pages: BTreeMap<String, Vec<PathBuf>>,
}

pub fn build_ui(release: bool) -> anyhow::Result<UiBundle> {
    let wasm = compile_wasm(release)?;
    let source = project_root().join("src-ui");
    let dist = source.join("dist");
    remove_previous_build(&dist)?;

    let split_main = wasm.with_file_name("kk_ui_split_main.wasm");
    let split = split_into_chunks(&wasm, &split_main, &dist)?;
    write_js_glue(&split_main, &dist, release)?;
    let bundle = UiBundle {
        main_wasm: dist.join("kk_ui_bg.wasm"),
        main_js: dist.join("kk_ui.js"),
        chunks: split.split_modules,
        chunk_loader: dist.join(SPLIT_LOADER),
        pages: split
            .prefetch_map
            .into_iter()
            .map(|(page, stems)| {
                let files = stems.iter().map(|stem| dist.join(format!("{stem}.wasm")));
                (page, files.collect())
            })
            .collect(),
    };
    if release {
        let wasm_opt = crate::setup::wasm_opt()?;
        for wasm in std::iter::once(&bundle.main_wasm).chain(&bundle.chunks) {
            shrink_with_wasm_opt(&wasm_opt, wasm)?;
        }
    }
    for name in STATIC_FILES {
        fs::copy(source.join(name), dist.join(name))
            .with_context(|| format!("copying src-ui/{name}"))?;
    }
    write_verifier(&wasm.with_file_name("kk_verify_web.wasm"), release)?;
    Ok(bundle)
}

/// Writes the `/verifikasi` checker's glue and wasm to `crates/kk-verify-web/dist`.
fn write_verifier(wasm: &Path, release: bool) -> anyhow::Result<()> {
    let dist = project_root().join("crates/kk-verify-web/dist");
    fs::create_dir_all(&dist)?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(wasm)
        .out_name("kk_verify_web")
        .web(true)?
        .typescript(false)
        .omit_default_module_path(false)
        .debug(!release)
        .generate(&dist)
        .with_context(|| format!("wasm-bindgen failed on {}", wasm.display()))?;
    if release {
        shrink_with_wasm_opt(
            &crate::setup::wasm_opt()?,
            &dist.join("kk_verify_web_bg.wasm"),
        )?;
    }
    Ok(())
}

/// Writes the chunks and their loader to `dist`, and the main module to `split_main`.
fn split_into_chunks(
    wasm: &Path,
    split_main: &Path,
    dist: &Path,
) -> anyhow::Result<wasm_split_cli_support::SplitWasm> {
    let input = fs::read(wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = dist;
    options.main_out_path = split_main;
    options.main_module = MAIN_MODULE;
    let link_name = format!("./{SPLIT_LOADER}");
    options.link_name = &link_name;
    wasm_split_cli_support::transform(options)
        .map_err(|error| anyhow::anyhow!("wasm-split failed on {}: {error:?}", wasm.display()))
}

/// Writes `kk_ui.js` and `kk_ui_bg.wasm` for the main module.
fn write_js_glue(split_main: &Path, dist: &Path, release: bool) -> anyhow::Result<()> {
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(split_main)
        .out_name("kk_ui")
        .web(true)?
        .typescript(false)
        // The CLI's default: `init()` finds kk_ui_bg.wasm next to kk_ui.js. The library
        // otherwise leaves the path out and `init()` has nothing to load.
        .omit_default_module_path(false)
        // The chunks call into the main module through the exports wasm-split added.
        .keep_lld_exports(true)
        .debug(!release)
        .generate(dist)
        .with_context(|| format!("wasm-bindgen failed on {}", split_main.display()))
}

/// Runs cargo and returns the path of the unprocessed wasm.
fn compile_wasm(release: bool) -> anyhow::Result<PathBuf> {
    let mut build = cargo();
    build.args([
        "build",
        "--package",
        "kk-ui",
        "--package",
        "kk-verify-web",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    // wasm-split needs the linker's relocations to see which function uses which.
    let mut rustflags = vec!["-Clink-args=--emit-relocs"];
    if release {
        // Size matters more than speed for a bundle that travels over 2G.
        build
            .arg("--release")
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "z")
            .env("CARGO_PROFILE_RELEASE_LTO", "fat")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "1");
        // Leptos erases each component's view type, trading a little speed for far less
        // monomorphised code.
        rustflags.push("--cfg erase_components");
    }
    build.env("RUSTFLAGS", rustflags.join(" "));
    run(&mut build)?;

    let profile = if release { "release" } else { "debug" };
    Ok(target_dir()
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join("kk_ui.wasm"))
}

/// Chunks are named by what they hold, so a rebuild can leave chunks behind that nothing loads.
fn remove_previous_build(dist: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(dist)?;
    for entry in fs::read_dir(dist)? {
        let path = entry?.path();
        if path
            .extension()
            .is_some_and(|extension| extension == "wasm")
        {
            fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
        }
    }
    Ok(())
}

/// Runs wasm-opt at -Oz in place, repeating the passes until the module stops shrinking
/// (`--converge`: about 1 KB gzipped more than one round).
fn shrink_with_wasm_opt(wasm_opt: &Path, wasm: &Path) -> anyhow::Result<()> {
    run(std::process::Command::new(wasm_opt)
        .args([
            "-Oz",
            "--converge",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-reference-types",
            "--enable-mutable-globals",
            "-o",
        ])
        .arg(wasm)
        .arg(wasm))
}
