//! Optional dates on the wire as `YYYY-MM-DD`, the same text chrono's own serde writes, read
//! without chrono's general-purpose parser, which would add ~10 KB to the wasm UI for three
//! fields.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serializer, de};

pub fn serialize<S: Serializer>(
    date: &Option<NaiveDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serializer.serialize_str(&format!(
            "{:04}-{:02}-{:02}",
            date.year(),
            date.month(),
            date.day()
        )),
        None => serializer.serialize_none(),
    }
}

pub fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    let Some(text) = Option::<String>::deserialize(deserializer)? else {
        return Ok(None);
    };
    parse(&text)
        .map(Some)
        .ok_or_else(|| de::Error::custom(format!("{text:?} is not a date as YYYY-MM-DD")))
}

fn parse(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('-');
    let mut number = |digits: usize| {
        let part = parts.next()?;
        if part.len() != digits || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        part.parse::<u32>().ok()
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Dated {
        #[serde(with = "super", default)]
        date: Option<NaiveDate>,
    }

    #[test]
    fn writes_what_chrono_writes_and_reads_it_back() {
        let date = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let json = serde_json::to_string(&Dated { date: Some(date) }).unwrap();
        assert_eq!(json, format!("{{\"date\":\"{date}\"}}"));
        assert_eq!(
            serde_json::from_str::<Dated>(&json).unwrap().date,
            Some(date)
        );
    }

    #[test]
    fn null_and_absent_are_no_date() {
        assert_eq!(
            serde_json::from_str::<Dated>(r#"{"date":null}"#)
                .unwrap()
                .date,
            None
        );
        assert_eq!(serde_json::from_str::<Dated>("{}").unwrap().date, None);
    }

    #[test]
    fn anything_but_a_real_yyyy_mm_dd_date_is_refused() {
        for bad in [
            "2026-02-30",
            "2026-1-05",
            "26-01-05",
            "2026-01-05x",
            "2026-01-05-01",
            "",
            "abcd-ef-gh",
        ] {
            let json = format!("{{\"date\":\"{bad}\"}}");
            assert!(serde_json::from_str::<Dated>(&json).is_err(), "{bad}");
        }
    }
}
