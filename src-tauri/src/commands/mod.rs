//! The commands the UI can call. Each takes the state, calls the domain or the store, and returns.

pub mod account;
pub mod documents;
pub mod drafts;
pub mod family;
pub mod issued;
pub mod kiosk;
pub mod outbox;

use kk_domain::region::{self, RegionCode};
use kk_domain::wire::{AppInfo, KioskInfo, RegionOption};
use tauri::State;

use crate::{ShellError, ShellState};

#[tauri::command]
pub fn app_info(state: State<'_, ShellState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        region_vintage: region::VINTAGE.to_owned(),
        kiosk: state.kiosk.as_ref().map(|kiosk| KioskInfo {
            idle_timeout_seconds: kiosk.settings.idle_timeout_seconds,
            warning_seconds: kiosk.settings.warning_seconds,
        }),
        startup_problem: state.startup_problem.clone(),
        clock: state.clock,
        save_delay_ms: std::env::var("KK_MANDIRI_SAVE_DELAY_MS")
            .ok()
            .and_then(|value| value.parse().ok()),
    }
}

/// The provinces (no parent), or the regions directly below `parent`.
#[tauri::command]
pub fn list_regions(
    state: State<'_, ShellState>,
    parent: Option<String>,
) -> Result<Vec<RegionOption>, ShellError> {
    let regions = match parent {
        None => state.regions.provinces(),
        Some(code) => state
            .regions
            .children(&RegionCode::parse(&code).map_err(|_| ShellError::BadRegionCode(code))?),
    };
    Ok(regions.iter().map(RegionOption::from).collect())
}

/// The names of these region codes, in order; `None` for a code that is malformed or unknown.
#[tauri::command]
pub fn region_names(state: State<'_, ShellState>, codes: Vec<String>) -> Vec<Option<String>> {
    codes
        .iter()
        .map(|code| {
            let code = RegionCode::parse(code).ok()?;
            state.regions.find(&code).map(|region| region.name.clone())
        })
        .collect()
}
