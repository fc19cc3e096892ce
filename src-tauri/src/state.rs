//! What the shell keeps for the app's lifetime: the region table, the device store, where the
//! server is, the sync worker's wake-up call, the kiosk session, and what stopped the app
//! from opening its data.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, NaiveDate, Utc};
use kk_device_store::os_keyring::open_with_os_keyring;
use kk_device_store::{DeviceStore, Owner};
use kk_domain::clock::{CLOCK_VARIABLE, Clock};
use kk_domain::region::{RegionTable, embedded};
use kk_domain::wire::ErrorBody;

use crate::ShellError;
use crate::kiosk::{self, KioskSession, KioskSettings};

/// The database file inside the app's data directory (a kiosk's are `kiosk-<uuid>.sqlite3`).
pub const DATABASE_FILE: &str = "kk-mandiri.sqlite3";

pub struct ShellState {
    /// "Now" and "today" for every command (`KK_MANDIRI_TODAY` sets it; tests do).
    pub clock: Clock,
    /// The 2025 region table, parsed once at start (a few milliseconds; see `cargo xtask bench`).
    pub regions: RegionTable,
    /// One connection, shared with the sync worker; commands are short, so a mutex is enough.
    pub store: Arc<Mutex<DeviceStore>>,
    /// The backend, from `KK_MANDIRI_SERVER_URL` (`cargo xtask run` sets it).
    pub server_url: String,
    /// Rung by "Kirim" and "Coba lagi" so the sync worker goes at once.
    pub sync_wakeup: Arc<tokio::sync::Notify>,
    pub data_directory: PathBuf,
    /// Set in kiosk mode.
    pub kiosk: Option<KioskSession>,
    /// Why the app cannot work with its data (a wrong or missing key, broken kiosk settings).
    /// The store is then an empty one in memory, the file is left as it was, and the UI shows
    /// this instead of the home page.
    pub startup_problem: Option<ErrorBody>,
}

impl ShellState {
    /// Opens the data: on a desktop the one database under its keyring key; on a kiosk a new
    /// session file under a new in-memory key. Never fails: a problem is kept for the UI.
    pub fn open(
        data_directory: &Path,
        kiosk_settings: Result<Option<KioskSettings>, ShellError>,
    ) -> ShellState {
        let (kiosk_settings, opened) = match kiosk_settings {
            Ok(settings) => {
                let opened = open_store(data_directory, settings.is_some());
                (settings, opened)
            }
            // Fail closed: broken kiosk settings still give a kiosk, with no data to use.
            Err(problem) => (Some(KioskSettings::default()), Err(problem)),
        };
        let server_url = std::env::var(SERVER_URL_VARIABLE)
            .ok()
            .filter(|url| !url.is_empty())
            .unwrap_or_else(|| DEFAULT_SERVER_URL.to_owned());
        let opened = opened.and_then(|opened| {
            match insecure_server(&server_url, cfg!(not(debug_assertions))) {
                Some(problem) => Err(problem),
                None => Ok(opened),
            }
        });
        let (store, database, startup_problem) = match opened {
            Ok((store, database)) => (store, database, None),
            Err(problem) => {
                eprintln!("kk-mandiri: the app's data cannot be used: {problem}");
                let empty = DeviceStore::open_in_memory().expect("an in-memory store opens");
                (empty, PathBuf::new(), Some(problem.body()))
            }
        };
        ShellState {
            clock: clock_from_environment(),
            regions: embedded::load(),
            store: Arc::new(Mutex::new(store)),
            server_url,
            sync_wakeup: Arc::new(tokio::sync::Notify::new()),
            data_directory: data_directory.to_path_buf(),
            kiosk: kiosk_settings.map(|settings| KioskSession::new(settings, database)),
            startup_problem,
        }
    }

    /// The time on the shell's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now_at(Utc::now())
    }

    /// Today in WIB on the shell's clock.
    pub fn today(&self) -> NaiveDate {
        self.clock.today_at(Utc::now())
    }

    /// Ends a kiosk session: a new session file under a new key takes the old one's place,
    /// then the old file (drafts, documents, downloaded KKs, the login token) is deleted and
    /// its key, held only by the closed connection, is gone. The login token is queued in the
    /// new file to be ended on the server.
    pub fn wipe_kiosk_session(&self) -> Result<(), ShellError> {
        let Some(kiosk) = &self.kiosk else {
            return Ok(());
        };
        if self.startup_problem.is_some() {
            return Ok(());
        }
        let mut store = self.store();
        // The server is still to end the sessions of the citizen who leaves: their tokens go
        // over to the fresh session file, which the sync worker drains.
        let mut left_behind = store.sessions_to_end()?;
        left_behind.extend(store.account_session()?.map(|session| session.token));
        let (mut fresh, fresh_file) = kiosk::open_new_session(&self.data_directory)?;
        for token in &left_behind {
            fresh.queue_session_end(token)?;
        }
        drop(std::mem::replace(&mut *store, fresh));
        self.sync_wakeup.notify_one();
        let ended = std::mem::replace(
            &mut *kiosk
                .database
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
            fresh_file,
        );
        kk_device_store::delete_database_files(&ended)?;
        kiosk.note_activity();
        Ok(())
    }

    pub fn store(&self) -> MutexGuard<'_, DeviceStore> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whose drafts the app shows: the logged-in account's, or this device's before login.
    pub fn owner(&self) -> Owner {
        owner_of(&self.store())
    }

    /// Runs `work` on the store for the current owner, under one lock.
    pub fn with_store<T>(&self, work: impl FnOnce(&mut DeviceStore, &Owner) -> T) -> T {
        with_owner_store(&self.store, work)
    }
}

/// Runs `work` on a shared store for its current owner, under one lock; for work moved off
/// the command's thread, which cannot borrow the state.
pub fn with_owner_store<T>(
    store: &Mutex<DeviceStore>,
    work: impl FnOnce(&mut DeviceStore, &Owner) -> T,
) -> T {
    let mut store = store
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let owner = owner_of(&store);
    work(&mut store, &owner)
}

/// Runs blocking `work` (decrypting, rendering, waiting for a program) on the blocking pool,
/// so the async runtime that carries the other commands and the sync worker keeps going.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ShellError> + Send + 'static,
) -> Result<T, ShellError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|_| ShellError::Interrupted)?
}

fn open_store(data_directory: &Path, kiosk: bool) -> Result<(DeviceStore, PathBuf), ShellError> {
    std::fs::create_dir_all(data_directory).map_err(ShellError::DataDirectory)?;
    if kiosk {
        kiosk::delete_earlier_sessions(data_directory)?;
        kiosk::open_new_session(data_directory)
    } else {
        let file = data_directory.join(DATABASE_FILE);
        Ok((open_with_os_keyring(&file)?, file))
    }
}

fn owner_of(store: &DeviceStore) -> Owner {
    match store.account_session() {
        Ok(Some(session)) => session.owner(),
        _ => Owner::Device,
    }
}

/// The clock `KK_MANDIRI_TODAY` asks for; a setting that is not a date is said and ignored.
fn clock_from_environment() -> Clock {
    let setting = std::env::var(CLOCK_VARIABLE).ok();
    Clock::from_setting(setting.as_deref(), Utc::now()).unwrap_or_else(|error| {
        eprintln!("kk-mandiri: {error}; using the system clock");
        Clock::SYSTEM
    })
}

/// Where the backend is; `cargo xtask run` starts one there.
pub const SERVER_URL_VARIABLE: &str = "KK_MANDIRI_SERVER_URL";
pub const DEFAULT_SERVER_URL: &str = "http://127.0.0.1:8080";

/// Why a release build will not talk to `url`: plain `http://` to anywhere but this machine
/// would carry passwords, tokens and the citizen's data in the clear. A debug build (a
/// developer's or a test's) may.
fn insecure_server(url: &str, release: bool) -> Option<ShellError> {
    let parsed = tauri::Url::parse(url).ok()?;
    let loopback = match parsed.host_str() {
        Some("localhost") => true,
        Some(host) => host
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback()),
        None => false,
    };
    (release && parsed.scheme() == "http" && !loopback).then(|| {
        ShellError::refused(
            "server.not_https",
            "Alamat server aplikasi ini tidak aman (http, bukan https). Hubungi petugas yang \
             memasang aplikasi.",
            "This app's server address is not secure (http, not https). Contact whoever \
             installed the app.",
        )
    })
}

#[cfg(test)]
mod tests {
    use kk_domain::region::{RegionCode, RegionDirectory, RegionLevel};

    use super::*;

    fn code(text: &str) -> RegionCode {
        RegionCode::parse(text).unwrap()
    }

    #[test]
    fn a_release_build_talks_to_a_plain_http_server_only_on_this_machine() {
        for refused in ["http://10.0.0.5:8080", "http://kk.example.go.id"] {
            assert!(insecure_server(refused, true).is_some(), "{refused}");
            assert!(
                insecure_server(refused, false).is_none(),
                "debug: {refused}"
            );
        }
        for allowed in [
            "https://kk.example.go.id",
            "http://127.0.0.1:8080",
            "http://localhost:8080",
            "http://[::1]:8080",
        ] {
            assert!(insecure_server(allowed, true).is_none(), "{allowed}");
        }
    }

    #[test]
    fn the_embedded_region_data_has_every_2025_code() {
        let regions = embedded::load();
        assert_eq!(regions.count(RegionLevel::Province), 38);
        assert_eq!(regions.count(RegionLevel::Regency), 514);
        assert_eq!(regions.count(RegionLevel::District), 7285);
        assert_eq!(regions.count(RegionLevel::Village), 83762);
    }

    #[test]
    fn the_cascade_goes_from_province_to_village_with_postal_codes() {
        let regions = embedded::load();
        let jawa_barat = regions.find(&code("32")).unwrap();
        assert_eq!(jawa_barat.name, "Jawa Barat");
        let regencies = regions.children(&code("32"));
        assert!(
            regencies
                .iter()
                .any(|r| r.name == "Kabupaten Bogor" && r.code == code("32.01"))
        );
        let districts = regions.children(&code("32.01"));
        assert!(
            districts
                .iter()
                .all(|d| d.code.parent() == Some(code("32.01")))
        );
        let villages = regions.children(&districts[0].code);
        assert!(!villages.is_empty());
        for village in villages {
            let postal_code = village.postal_code.as_deref().unwrap();
            assert!(postal_code.len() == 5 && postal_code.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn the_newest_provinces_and_an_unknown_code_are_answered_correctly() {
        let regions = embedded::load();
        assert_eq!(regions.find(&code("96")).unwrap().name, "Papua Barat Daya");
        assert!(regions.find(&code("32.99")).is_none());
        assert!(RegionDirectory::find(&regions, &code("32.01.01.9999")).is_none());
    }
}
