//! NIK table tests (one per rule of kk-domain.md §1.4) and property tests of the decoding.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// What a valid NIK should decode to.
struct Decoded {
    region: &'static str,
    sex: Sex,
    birth_date: &'static str,
}

fn expect(region: &'static str, sex: Sex, birth_date: &'static str) -> Decoded {
    Decoded {
        region,
        sex,
        birth_date,
    }
}

const TODAY: &str = "2026-11-23";

fn check_valid(input: &str, expected: Decoded) {
    let nik = Nik::parse(input).unwrap_or_else(|error| panic!("{input:?} should parse: {error}"));
    assert_eq!(nik.region_code().as_str(), expected.region, "{input}");
    assert_eq!(nik.sex(), expected.sex, "{input}");
    assert_eq!(
        nik.birth_date(date(TODAY)),
        date(expected.birth_date),
        "{input}"
    );
}

fn check_invalid(input: &str, expected: NikError) {
    assert_eq!(Nik::parse(input), Err(expected), "{input:?}");
}

#[test]
fn a_man_born_on_the_fifth_of_september_1999_decodes() {
    check_valid(
        "3201010509990001",
        expect("32.01.01", Sex::Male, "1999-09-05"),
    );
}

#[test]
fn a_woman_has_forty_added_to_her_day_of_birth() {
    check_valid(
        "3201014509990001",
        expect("32.01.01", Sex::Female, "1999-09-05"),
    );
    check_valid(
        "3201017112850002",
        expect("32.01.01", Sex::Female, "1985-12-31"),
    );
    check_valid(
        "3201014101000003",
        expect("32.01.01", Sex::Female, "2000-01-01"),
    );
}

#[test]
fn separators_are_spaces_dots_and_dashes() {
    check_valid(
        "3201 0145 0999 0001",
        expect("32.01.01", Sex::Female, "1999-09-05"),
    );
    check_valid(
        "32.01.01-450999-0001",
        expect("32.01.01", Sex::Female, "1999-09-05"),
    );
    check_valid(
        " 3201014509990001\t",
        expect("32.01.01", Sex::Female, "1999-09-05"),
    );
}

#[test]
fn the_century_is_20yy_up_to_this_year_and_19yy_after() {
    check_valid(
        "3201010101260001",
        expect("32.01.01", Sex::Male, "2026-01-01"),
    );
    check_valid(
        "3201010101270001",
        expect("32.01.01", Sex::Male, "1927-01-01"),
    );
    check_valid(
        "3201010101000001",
        expect("32.01.01", Sex::Male, "2000-01-01"),
    );
}

#[test]
fn the_twenty_ninth_of_february_is_accepted_only_in_a_leap_year() {
    check_valid(
        "3201012902000001",
        expect("32.01.01", Sex::Male, "2000-02-29"),
    );
    check_valid(
        "3201016902040001",
        expect("32.01.01", Sex::Female, "2004-02-29"),
    );
    check_invalid(
        "3201012902010001",
        NikError::NotACalendarDate {
            day: 29,
            month: 2,
            year: 1,
        },
    );
}

#[test]
fn an_empty_nik_is_rejected() {
    check_invalid("", NikError::Empty);
    check_invalid(" - . ", NikError::Empty);
}

#[test]
fn letters_and_other_symbols_are_rejected() {
    check_invalid("32010145O9990001", NikError::NotADigit { found: 'O' });
    check_invalid("3201014509990001/", NikError::NotADigit { found: '/' });
    check_invalid("٣٢٠١٠١٤٥٠٩٩٩٠٠٠١", NikError::NotADigit { found: '٣' });
}

#[test]
fn a_nik_must_have_exactly_sixteen_digits() {
    check_invalid("320101450999001", NikError::WrongLength { found: 15 });
    check_invalid("32010145099900011", NikError::WrongLength { found: 17 });
    check_invalid("1", NikError::WrongLength { found: 1 });
}

#[test]
fn a_leading_zero_marks_a_temporary_number() {
    check_invalid("0201014509990001", NikError::LeadingZero);
}

#[test]
fn the_province_must_exist() {
    check_invalid(
        "1001014509990001",
        NikError::UnknownProvince { code: "10".into() },
    );
    check_invalid(
        "2001014509990001",
        NikError::UnknownProvince { code: "20".into() },
    );
    check_invalid(
        "9701014509990001",
        NikError::UnknownProvince { code: "97".into() },
    );
    check_valid(
        "9601010101900001",
        expect("96.01.01", Sex::Male, "1990-01-01"),
    );
    check_valid(
        "1101010101900001",
        expect("11.01.01", Sex::Male, "1990-01-01"),
    );
}

#[test]
fn regency_and_district_codes_are_never_00() {
    check_invalid("3200014509990001", NikError::RegencyIsZero);
    check_invalid("3201004509990001", NikError::DistrictIsZero);
}

#[test]
fn the_day_must_be_01_to_31_or_41_to_71() {
    for day in ["00", "32", "35", "40", "72", "80", "99"] {
        let nik = format!("320101{day}09990001");
        check_invalid(
            &nik,
            NikError::DayOutOfRange {
                day: day.parse().unwrap(),
            },
        );
    }
}

#[test]
fn the_month_must_be_01_to_12() {
    check_invalid("3201010500990001", NikError::MonthOutOfRange { month: 0 });
    check_invalid("3201010513990001", NikError::MonthOutOfRange { month: 13 });
}

#[test]
fn the_date_must_exist_on_the_calendar() {
    check_invalid(
        "3201013102990001",
        NikError::NotACalendarDate {
            day: 31,
            month: 2,
            year: 99,
        },
    );
    check_invalid(
        "3201017104990001",
        NikError::NotACalendarDate {
            day: 31,
            month: 4,
            year: 99,
        },
    );
    check_valid(
        "3201013006990001",
        expect("32.01.01", Sex::Male, "1999-06-30"),
    );
}

#[test]
fn serial_0000_is_rejected() {
    check_invalid("3201014509990000", NikError::SerialIsZero);
}

#[test]
fn every_error_has_a_stable_code_and_both_languages() {
    let errors = [
        Nik::parse(""),
        Nik::parse("x"),
        Nik::parse("1"),
        Nik::parse("0201014509990001"),
        Nik::parse("1001014509990001"),
        Nik::parse("3200014509990001"),
        Nik::parse("3201004509990001"),
        Nik::parse("3201013509990001"),
        Nik::parse("3201010513990001"),
        Nik::parse("3201013102990001"),
        Nik::parse("3201014509990000"),
    ];
    let mut codes = Vec::new();
    for error in errors.into_iter().map(Result::unwrap_err) {
        assert!(error.code().starts_with("nik."));
        assert!(!error.text().id.is_empty() && !error.text().en.is_empty());
        assert_ne!(error.text().id, error.text().en);
        codes.push(error.code());
    }
    codes.dedup();
    assert_eq!(codes.len(), 11, "each rule has its own code: {codes:?}");
}

#[test]
fn a_recorded_sex_or_birth_date_that_differs_is_reported_as_a_mismatch() {
    let nik = Nik::parse("3201014509990001").unwrap();
    assert_eq!(
        nik.mismatches_with(Some(Sex::Female), Some(date("1999-09-05"))),
        vec![]
    );
    assert_eq!(
        nik.mismatches_with(Some(Sex::Male), Some(date("1999-09-05"))),
        vec![NikMismatch::Sex]
    );
    assert_eq!(
        nik.mismatches_with(None, Some(date("1999-09-06"))),
        vec![NikMismatch::BirthDate]
    );
    // The NIK holds only YY, so a recorded 1899 or 2099 is judged on its last two digits.
    assert_eq!(nik.mismatches_with(None, Some(date("2099-09-05"))), vec![]);
}

#[test]
fn a_nik_travels_as_its_sixteen_digits_and_is_checked_when_read() {
    let nik = Nik::parse("3201 0145 0999 0001").unwrap();
    assert_eq!(serde_json::to_string(&nik).unwrap(), "\"3201014509990001\"");
    assert!(serde_json::from_str::<Nik>("\"3201014509990000\"").is_err());
}

/// Builds a NIK string from its parts.
fn compose(
    province: &str,
    regency: u32,
    district: u32,
    raw_day: u32,
    month: u32,
    year: u32,
    serial: u32,
) -> String {
    format!("{province}{regency:02}{district:02}{raw_day:02}{month:02}{year:02}{serial:04}")
}

fn province() -> impl Strategy<Value = &'static str> {
    prop::sample::select(
        crate::region::PROVINCES
            .iter()
            .map(|(code, _)| *code)
            .collect::<Vec<_>>(),
    )
}

proptest! {
    #[test]
    fn any_valid_nik_decodes_to_the_parts_it_was_made_of(
        province in province(),
        regency in 1u32..=99,
        district in 1u32..=99,
        birth in (0i64..36_500).prop_map(|days| date("1927-01-01") + chrono::Duration::days(days)),
        female in any::<bool>(),
        serial in 1u32..=9999,
    ) {
        use chrono::Datelike;
        let raw_day = birth.day() + if female { 40 } else { 0 };
        let text = compose(province, regency, district, raw_day, birth.month(), birth.year() as u32 % 100, serial);
        let nik = Nik::parse(&text).unwrap();
        prop_assert_eq!(nik.region_code().to_string(), format!("{province}.{regency:02}.{district:02}"));
        prop_assert_eq!(nik.sex(), if female { Sex::Female } else { Sex::Male });
        prop_assert_eq!(nik.birth_date(date(TODAY)), birth);
        prop_assert_eq!(nik.serial(), format!("{serial:04}"));
        prop_assert_eq!(nik.mismatches_with(Some(nik.sex()), Some(birth)), vec![]);
    }

    #[test]
    fn any_string_either_parses_or_gives_an_error_without_panicking(input in "\\PC{0,24}") {
        if let Ok(nik) = Nik::parse(&input) {
            prop_assert_eq!(nik.as_str().len(), 16);
            prop_assert!(nik.as_str().bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn any_digit_string_of_the_wrong_length_is_rejected_for_its_length(input in "[1-9][0-9]{0,14}|[1-9][0-9]{16,20}") {
        prop_assert_eq!(Nik::parse(&input), Err(NikError::WrongLength { found: input.len() }));
    }

    #[test]
    fn a_separator_anywhere_changes_nothing(position in 0usize..=16, separator in prop::sample::select(vec![" ", ".", "-"])) {
        let plain = "3201014509990001";
        let mut spaced = plain.to_owned();
        spaced.insert_str(position, separator);
        prop_assert_eq!(Nik::parse(&spaced), Nik::parse(plain));
    }
}
