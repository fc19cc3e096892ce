//! The Tauri 2 shell. It hosts the Leptos UI and owns everything the UI may not touch directly:
//! the region data, and later the SQLite drafts, files, HTTP sync and printing.
//!
//! Architecture invariant: the UI reaches the disk and the network only through the commands
//! registered here. Commands stay short; decisions live in `kk-domain` or in testable modules.

mod commands;
mod error;
mod state;

pub use error::ShellError;
pub use state::ShellState;

/// Starts the app with the real Tauri runtime.
pub fn run() {
    run_app(tauri::Builder::default());
}

/// Builds and runs the app on any builder, so tests can pass `tauri::test::mock_builder()`.
pub fn run_app<R: tauri::Runtime>(builder: tauri::Builder<R>) {
    builder
        .manage(ShellState::load())
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_regions,
            commands::validate_application,
        ])
        .run(tauri::generate_context!())
        .expect("the KK Mandiri window could not start");
}
