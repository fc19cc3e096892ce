//! Where things are: the project root, the target dir, and the per-user tool cache.

use std::path::PathBuf;

/// The workspace root (the parent of `xtask/`).
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| project_root().join("target"))
}

/// Pinned cargo tools go to `~/.cache/kk-mandiri/tools` (override: `KK_MANDIRI_TOOLS`), so every
/// clone on the machine shares one install.
pub fn tools_root() -> PathBuf {
    if let Some(dir) = std::env::var_os("KK_MANDIRI_TOOLS") {
        return PathBuf::from(dir);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .unwrap_or_else(|| project_root().join("target"));
    cache.join("kk-mandiri").join("tools")
}

/// The debug build of the app.
pub fn app_binary() -> PathBuf {
    target_dir().join("debug").join("kk-mandiri")
}

/// The debug build of the backend.
pub fn server_binary() -> PathBuf {
    target_dir().join("debug").join("kk-server")
}

pub fn screenshots_dir() -> PathBuf {
    target_dir().join("screenshots")
}
