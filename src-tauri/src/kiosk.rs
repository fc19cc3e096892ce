//! Kiosk mode, for self-service kiosks where one stranger follows another.
//!
//! It is on with `--kiosk` (default settings), with `--kiosk-config FILE`, or when `kiosk.toml`
//! exists in the app's config directory. In kiosk mode the window is full screen without
//! decorations, devtools or a context menu, and its WebView keeps nothing on disk (incognito).
//! Each session has its own database file under a random key held only in memory; the session
//! ends on "Selesai" or after the idle warning runs out, and ending it deletes the file and
//! drops the key ([`crate::ShellState::wipe_kiosk_session`]). A file left by a power cut cannot
//! be read without its key, and is deleted at the next start.
//!
//! `kiosk.toml`:
//! ```toml
//! idle_timeout_seconds = 120   # idle time before the warning
//! warning_seconds = 30         # the warning's countdown, then the wipe
//! printer = "KK-A4"            # a CUPS queue, or ipp://host:631/printers/QUEUE
//! ```

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use kk_device_store::{DeviceStore, StoreKey};
use serde::Deserialize;

use crate::ShellError;
use crate::print_destination::PrintDestination;

/// The kiosk's settings, from `kiosk.toml` or the defaults.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KioskSettings {
    pub idle_timeout_seconds: u32,
    pub warning_seconds: u32,
    /// Where "Cetak" prints, with no dialog; without it, the system's default printer.
    pub printer: Option<String>,
}

impl Default for KioskSettings {
    fn default() -> KioskSettings {
        KioskSettings {
            idle_timeout_seconds: 120,
            warning_seconds: 30,
            printer: None,
        }
    }
}

/// The settings file looked for in the app's config directory.
pub const SETTINGS_FILE: &str = "kiosk.toml";

/// Whether to run as a kiosk, from the command line and the settings file.
pub fn settings_from(
    arguments: &[String],
    default_file: Option<&Path>,
) -> Result<Option<KioskSettings>, ShellError> {
    let explicit_file = arguments
        .iter()
        .position(|argument| argument == "--kiosk-config")
        .map(|at| {
            arguments
                .get(at + 1)
                .map(PathBuf::from)
                .ok_or_else(|| unreadable("--kiosk-config", "no file named after it"))
        })
        .transpose()?;
    let file = explicit_file.or_else(|| {
        default_file
            .filter(|file| file.exists())
            .map(Path::to_path_buf)
    });
    match file {
        Some(file) => read_settings(&file).map(Some),
        None if arguments.iter().any(|argument| argument == "--kiosk") => {
            Ok(Some(KioskSettings::default()))
        }
        None => Ok(None),
    }
}

fn read_settings(file: &Path) -> Result<KioskSettings, ShellError> {
    let where_ = file.display().to_string();
    let text =
        std::fs::read_to_string(file).map_err(|error| unreadable(&where_, &error.to_string()))?;
    let settings: KioskSettings =
        toml::from_str(&text).map_err(|error| unreadable(&where_, error.message()))?;
    if settings.idle_timeout_seconds == 0 || settings.warning_seconds == 0 {
        return Err(unreadable(&where_, "the times must be at least 1 second"));
    }
    if let Some(printer) = &settings.printer {
        PrintDestination::parse(printer).map_err(|detail| unreadable(&where_, &detail))?;
    }
    Ok(settings)
}

fn unreadable(file: &str, detail: &str) -> ShellError {
    ShellError::refused(
        "kiosk.settings",
        format!("Pengaturan kiosk ({file}) tidak dapat dipakai: {detail}. Hubungi petugas kiosk."),
        format!("The kiosk settings ({file}) cannot be used: {detail}. Call the kiosk's staff."),
    )
}

/// The running kiosk session: its settings, its database file and the last sign of a person.
pub struct KioskSession {
    pub settings: KioskSettings,
    pub(crate) database: Mutex<PathBuf>,
    last_activity: Mutex<Instant>,
}

/// Leeway beyond idle time plus warning before the shell wipes on its own, in case the UI
/// could not (a hung WebView): the UI reports activity at most every few seconds.
const WATCHDOG_LEEWAY: Duration = Duration::from_secs(10);

impl KioskSession {
    pub fn new(settings: KioskSettings, database: PathBuf) -> KioskSession {
        KioskSession {
            settings,
            database: Mutex::new(database),
            last_activity: Mutex::new(Instant::now()),
        }
    }

    pub fn note_activity(&self) {
        *self.last_activity.lock().unwrap_or_else(|p| p.into_inner()) = Instant::now();
    }

    /// Whether the session has outlived idle time, warning and leeway with no sign of a person.
    pub fn is_abandoned(&self) -> bool {
        let limit = Duration::from_secs(
            u64::from(self.settings.idle_timeout_seconds)
                + u64::from(self.settings.warning_seconds),
        ) + WATCHDOG_LEEWAY;
        self.last_activity
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .elapsed()
            > limit
    }
}

/// A new session's store: a file no session used before, under a new key held only in memory.
pub fn open_new_session(data_directory: &Path) -> Result<(DeviceStore, PathBuf), ShellError> {
    let file = data_directory.join(format!("kiosk-{}.sqlite3", uuid::Uuid::new_v4()));
    Ok((DeviceStore::open(&file, &StoreKey::random())?, file))
}

/// Deletes database files of earlier sessions (a power cut ends a session without a wipe;
/// their keys are gone, so they are unreadable, but they still take space).
pub fn delete_earlier_sessions(data_directory: &Path) -> Result<(), ShellError> {
    let entries = std::fs::read_dir(data_directory).map_err(ShellError::DataDirectory)?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("kiosk-") && name.contains(".sqlite3") {
            std::fs::remove_file(entry.path()).map_err(ShellError::DataDirectory)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arguments(list: &[&str]) -> Vec<String> {
        list.iter().map(|a| (*a).to_owned()).collect()
    }

    #[test]
    fn no_flag_and_no_file_is_not_a_kiosk() {
        assert_eq!(
            settings_from(&arguments(&["kk-mandiri"]), None).unwrap(),
            None
        );
    }

    #[test]
    fn the_flag_alone_gives_the_default_two_minutes_and_thirty_seconds() {
        let settings = settings_from(&arguments(&["kk-mandiri", "--kiosk"]), None)
            .unwrap()
            .unwrap();
        assert_eq!(settings, KioskSettings::default());
        assert_eq!(
            (settings.idle_timeout_seconds, settings.warning_seconds),
            (120, 30)
        );
    }

    #[test]
    fn a_settings_file_turns_kiosk_mode_on_with_its_values() {
        let directory = tempfile::tempdir().unwrap();
        let file = directory.path().join(SETTINGS_FILE);
        std::fs::write(
            &file,
            "idle_timeout_seconds = 60\nwarning_seconds = 15\nprinter = \"ipp://localhost:631/printers/KK-PDF\"\n",
        )
        .unwrap();
        let settings = settings_from(&arguments(&["kk-mandiri"]), Some(&file))
            .unwrap()
            .unwrap();
        assert_eq!(settings.idle_timeout_seconds, 60);
        assert_eq!(settings.warning_seconds, 15);
        assert_eq!(
            settings.printer.as_deref(),
            Some("ipp://localhost:631/printers/KK-PDF")
        );
    }

    #[test]
    fn a_broken_settings_file_is_a_clear_error_not_a_desktop_app() {
        let directory = tempfile::tempdir().unwrap();
        let file = directory.path().join("kiosk.toml");
        std::fs::write(&file, "idle_timeout_seconds = \"lama\"\n").unwrap();
        let refused = settings_from(
            &arguments(&["kk-mandiri", "--kiosk-config", &file.display().to_string()]),
            None,
        )
        .unwrap_err();
        assert_eq!(refused.body().code, "kiosk.settings");
        assert!(refused.body().message.id.starts_with("Pengaturan kiosk ("));
        let missing = settings_from(
            &arguments(&["kk-mandiri", "--kiosk-config", "/no/such.toml"]),
            None,
        );
        assert!(missing.is_err());
        std::fs::write(&file, "printer = \"http://example.com/print\"\n").unwrap();
        assert!(
            settings_from(
                &arguments(&["x", "--kiosk-config", &file.display().to_string()]),
                None
            )
            .is_err()
        );
    }

    #[test]
    fn only_a_session_with_no_activity_beyond_idle_warning_and_leeway_is_abandoned() {
        let session = KioskSession::new(
            KioskSettings {
                idle_timeout_seconds: 1,
                warning_seconds: 1,
                printer: None,
            },
            PathBuf::from("unused"),
        );
        assert!(!session.is_abandoned());
        *session.last_activity.lock().unwrap() = Instant::now() - Duration::from_secs(13);
        assert!(session.is_abandoned());
        session.note_activity();
        assert!(!session.is_abandoned());
    }
}
