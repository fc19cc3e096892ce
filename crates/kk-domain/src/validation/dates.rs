//! Date arithmetic the rules share.

use chrono::{Datelike, NaiveDate};

/// Completed years between `birth` and `on` (negative when `on` is earlier).
pub(crate) fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}
