//! The KK Mandiri app's entry point; everything happens in [`kk_mandiri_lib::run`].

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    kk_mandiri_lib::run();
}
