//! The Tauri 2 shell. It hosts the Leptos UI and owns everything the UI may not touch directly:
//! the region data, the SQLite drafts and documents, and the sync with the server (`sync_worker`).
//!
//! Architecture invariant: the UI reaches the disk and the network only through the commands
//! registered here. Commands stay short; decisions live in `kk-domain` or in testable modules.

mod commands;
mod error;
mod issued;
mod kiosk;
mod print_destination;
mod state;
mod sync_worker;
mod window;

use std::path::PathBuf;

use tauri::Manager;

pub use error::ShellError;
pub use state::ShellState;

/// Overrides where the app keeps its data (tests give each run its own directory).
pub const DATA_DIRECTORY_VARIABLE: &str = "KK_MANDIRI_DATA_DIR";

/// Starts the app with the real Tauri runtime.
pub fn run() {
    run_app(tauri::Builder::default());
}

/// Builds and runs the app on any builder, so tests can pass `tauri::test::mock_builder()`.
pub fn run_app<R: tauri::Runtime>(builder: tauri::Builder<R>) {
    builder
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            let arguments: Vec<String> = std::env::args().collect();
            let settings_file = app
                .path()
                .app_config_dir()
                .ok()
                .map(|d| d.join(kiosk::SETTINGS_FILE));
            let kiosk_settings = kiosk::settings_from(&arguments, settings_file.as_deref());
            let state = ShellState::open(&data_directory(app.handle())?, kiosk_settings);
            window::open_main_window(app.handle(), state.kiosk.is_some())?;
            if state.startup_problem.is_none() {
                sync_worker::start(app.handle().clone(), &state);
                if state.kiosk.is_some() {
                    window::start_kiosk_watchdog(app.handle().clone());
                }
            }
            app.manage(state);
            Ok(())
        })
        // Coming back to the app (a resume on a phone, a focus on a desktop) syncs at once.
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::Focused(true) = event
                && let Some(state) = window.try_state::<ShellState>()
            {
                state.sync_wakeup.notify_one();
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_regions,
            commands::region_names,
            commands::drafts::create_draft,
            commands::drafts::open_draft,
            commands::drafts::save_draft,
            commands::drafts::check_draft,
            commands::drafts::list_drafts,
            commands::drafts::duplicate_draft,
            commands::drafts::delete_draft,
            commands::documents::attach_document,
            commands::documents::document_thumbnail,
            commands::account::register,
            commands::account::verify_account,
            commands::account::login,
            commands::account::logout,
            commands::account::session_info,
            commands::family::fetch_family,
            commands::family::my_family,
            commands::outbox::send_draft,
            commands::outbox::list_outbox,
            commands::outbox::retry_sending,
            commands::outbox::application_status,
            commands::issued::list_issued_kks,
            commands::issued::open_issued_kk,
            commands::issued::print_issued_kk,
            commands::issued::save_issued_kk,
            commands::issued::verify_kk_picture,
            commands::kiosk::kiosk_activity,
            commands::kiosk::end_kiosk_session,
        ])
        .run(tauri::generate_context!())
        .expect("the KK Mandiri window could not start");
}

fn data_directory<R: tauri::Runtime>(app: &tauri::AppHandle<R>) -> tauri::Result<PathBuf> {
    match std::env::var_os(DATA_DIRECTORY_VARIABLE) {
        Some(directory) if !directory.is_empty() => Ok(PathBuf::from(directory)),
        _ => app.path().app_data_dir(),
    }
}
