//! "Today" in the UI: the device's time read on the shell's clock (`AppInfo::clock`), so the
//! UI, the shell and the server agree on the date, and a test sets it in one place.

use chrono::{DateTime, NaiveDate};
use kk_domain::wire::AppInfo;
use leptos::prelude::use_context;

/// Today in WIB on the shell's clock.
pub fn today() -> NaiveDate {
    let clock = use_context::<AppInfo>()
        .map(|info| info.clock)
        .unwrap_or_default();
    let real_now = DateTime::from_timestamp_millis(js_sys::Date::now() as i64)
        .expect("the device's time is a time");
    clock.today_at(real_now)
}
