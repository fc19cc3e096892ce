//! The one clock of KK Mandiri: the app, the shell and the server all take "now" and "today"
//! from a [`Clock`], and tests set it.
//!
//! A clock is the real time shifted by a whole number of days, so that its calendar reads a
//! chosen date while time of day, timers and expiry still run at the real pace. "Today" is the
//! date in Western Indonesia Time ([`WIB`], UTC+7), where Dukcapil's rules are applied; this
//! module is the one place that offset is written.
//!
//! The crate does no IO, so a caller passes the real time in (`Utc::now()` natively, the
//! browser's `Date` in the UI). A clock is set with [`Clock::reading`] or parsed from the
//! setting [`CLOCK_VARIABLE`] holds (`YYYY-MM-DD`) with [`Clock::from_setting`].

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// The environment variable that sets the date the app, the shell and the server take as
/// today (`YYYY-MM-DD`). Unset or empty, the clock is the system clock. Tests set it.
pub const CLOCK_VARIABLE: &str = "KK_MANDIRI_TODAY";

/// Western Indonesia Time, UTC+7: where "today" is read.
pub const WIB: FixedOffset = match FixedOffset::east_opt(7 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+7 is a valid offset"),
};

/// The real time shifted by whole days. `Clock::default()` is the system clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// How many days this clock runs ahead of the real one (negative: behind).
    pub shift_days: i64,
}

/// A clock setting that is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{CLOCK_VARIABLE} must be a date written YYYY-MM-DD, not {0:?}")]
pub struct ClockSettingError(pub String);

impl Clock {
    /// The system clock, unshifted.
    pub const SYSTEM: Clock = Clock { shift_days: 0 };

    /// A clock whose calendar reads `today` (in WIB) when the real time is `real_now`.
    pub fn reading(today: NaiveDate, real_now: DateTime<Utc>) -> Clock {
        let real_today = real_now.with_timezone(&WIB).date_naive();
        Clock {
            shift_days: (today - real_today).num_days(),
        }
    }

    /// The clock a setting asks for: `None` or blank is the system clock, `YYYY-MM-DD` a clock
    /// reading that date at `real_now`.
    pub fn from_setting(
        setting: Option<&str>,
        real_now: DateTime<Utc>,
    ) -> Result<Clock, ClockSettingError> {
        match setting.map(str::trim) {
            None | Some("") => Ok(Clock::SYSTEM),
            Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(|today| Clock::reading(today, real_now))
                .map_err(|_| ClockSettingError(text.to_owned())),
        }
    }

    /// This clock's time when the real time is `real_now`.
    pub fn now_at(&self, real_now: DateTime<Utc>) -> DateTime<Utc> {
        real_now + TimeDelta::days(self.shift_days)
    }

    /// This clock's date in WIB when the real time is `real_now`.
    pub fn today_at(&self, real_now: DateTime<Utc>) -> NaiveDate {
        self.now_at(real_now).with_timezone(&WIB).date_naive()
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_system_clock_reads_the_date_in_wib() {
        // 17:30 UTC on 31 December is already 00:30 on 1 January in Jakarta.
        let real = Utc.with_ymd_and_hms(2026, 12, 31, 17, 30, 0).unwrap();
        assert_eq!(Clock::SYSTEM.today_at(real), date(2027, 1, 1));
        let before = Utc.with_ymd_and_hms(2026, 12, 31, 16, 59, 59).unwrap();
        assert_eq!(Clock::SYSTEM.today_at(before), date(2026, 12, 31));
    }

    #[test]
    fn a_set_clock_reads_its_date_and_keeps_running() {
        let real = Utc.with_ymd_and_hms(2026, 12, 3, 8, 0, 0).unwrap();
        let clock = Clock::reading(date(2028, 2, 29), real);
        assert_eq!(clock.today_at(real), date(2028, 2, 29));
        let next_day = real + TimeDelta::hours(24);
        assert_eq!(clock.today_at(next_day), date(2028, 3, 1));
        assert_eq!(
            clock.now_at(real + TimeDelta::minutes(5)) - clock.now_at(real),
            TimeDelta::minutes(5)
        );
    }

    #[test]
    fn a_setting_is_a_date_or_nothing() {
        let real = Utc.with_ymd_and_hms(2026, 12, 3, 8, 0, 0).unwrap();
        assert_eq!(Clock::from_setting(None, real), Ok(Clock::SYSTEM));
        assert_eq!(Clock::from_setting(Some(" "), real), Ok(Clock::SYSTEM));
        assert_eq!(
            Clock::from_setting(Some("2026-12-31"), real)
                .unwrap()
                .today_at(real),
            date(2026, 12, 31)
        );
        assert!(Clock::from_setting(Some("31-12-2026"), real).is_err());
        assert!(Clock::from_setting(Some("2026-02-29"), real).is_err());
    }
}
