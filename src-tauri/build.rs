//! Compiles tauri.conf.json, the capabilities and the icon into the shell.

fn main() {
    tauri_build::build()
}
