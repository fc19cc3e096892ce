//! A point in time as the server writes it, in its database and in its answers: RFC 3339, UTC,
//! milliseconds (`2026-11-23T03:00:00.000Z`). As text, these sort in time order.

use chrono::{DateTime, SecondsFormat, Utc};

/// `at` as the server writes it.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Reads a timestamp back (any RFC 3339 offset is accepted, and turned into UTC).
pub fn parse(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(text).map(|at| at.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timestamp_reads_back_as_the_same_millisecond_and_sorts_as_text() {
        let earlier = parse("2026-11-23T10:00:00.123+07:00").unwrap();
        assert_eq!(timestamp(earlier), "2026-11-23T03:00:00.123Z");
        assert_eq!(parse(&timestamp(earlier)).unwrap(), earlier);
        let later = earlier + chrono::Duration::milliseconds(877);
        assert!(timestamp(earlier) < timestamp(later));
    }
}
