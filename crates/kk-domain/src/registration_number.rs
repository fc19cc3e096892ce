//! The registration number a citizen writes down or reads over the phone, e.g. `KK26-7F3K-9QXC`:
//! `KK`, the two-digit year, seven random Crockford base-32 characters and one check character.
//!
//! Crockford's alphabet has no I, L, O or U, and reading accepts I/L for 1 and O for 0, so a
//! number copied by hand still parses. The check character is Luhn mod 32 over the year and
//! the random characters: it catches every single-character mistake and most swaps of two
//! neighbours.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Random characters per number: 32^7 ≈ 3.4 × 10^10 per year.
pub const RANDOM_LENGTH: usize = 7;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegistrationNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RegistrationNumberError {
    #[error("a registration number starts with KK")]
    Prefix,
    #[error("a registration number has 12 characters after KK")]
    Length,
    #[error("{0:?} is not used in registration numbers")]
    Character(char),
    #[error("the check character does not match; a character was probably mistyped")]
    Check,
}

impl RegistrationNumber {
    /// A new number for `year` from seven values below 32 (the server draws them at random).
    pub fn new(year: i32, random: [u8; RANDOM_LENGTH]) -> RegistrationNumber {
        let mut values: Vec<u8> = vec![
            (year.rem_euclid(100) / 10) as u8,
            (year.rem_euclid(10)) as u8,
        ];
        values.extend(random.iter().map(|value| value % 32));
        values.push(check_value(&values));
        let characters: String = values
            .iter()
            .map(|v| ALPHABET[*v as usize] as char)
            .collect();
        RegistrationNumber(format!(
            "KK{}-{}-{}",
            &characters[0..2],
            &characters[2..6],
            &characters[6..10]
        ))
    }

    /// Reads a number as typed: any case, with or without spaces and hyphens.
    pub fn parse(input: &str) -> Result<RegistrationNumber, RegistrationNumberError> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let rest = compact
            .strip_prefix("KK")
            .ok_or(RegistrationNumberError::Prefix)?;
        if rest.chars().count() != 2 + RANDOM_LENGTH + 1 {
            return Err(RegistrationNumberError::Length);
        }
        let values = rest.chars().map(value_of).collect::<Result<Vec<u8>, _>>()?;
        let (body, check) = values.split_at(values.len() - 1);
        if check_value(body) != check[0] {
            return Err(RegistrationNumberError::Check);
        }
        let year = i32::from(body[0]) * 10 + i32::from(body[1]);
        let random: [u8; RANDOM_LENGTH] = body[2..].try_into().expect("length checked above");
        Ok(RegistrationNumber::new(year, random))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn value_of(character: char) -> Result<u8, RegistrationNumberError> {
    let normalised = match character {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    ALPHABET
        .iter()
        .position(|a| *a as char == normalised)
        .map(|position| position as u8)
        .ok_or(RegistrationNumberError::Character(character))
}

/// Luhn mod N (N = 32): double every second value from the right, fold, and complete to 0.
fn check_value(values: &[u8]) -> u8 {
    let n = 32u32;
    let mut sum = 0u32;
    for (position, value) in values.iter().rev().enumerate() {
        let mut addend = u32::from(*value);
        if position % 2 == 0 {
            addend *= 2;
            addend = addend / n + addend % n;
        }
        sum += addend;
    }
    ((n - sum % n) % n) as u8
}

impl fmt::Display for RegistrationNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for RegistrationNumber {
    type Error = RegistrationNumberError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        RegistrationNumber::parse(&text)
    }
}

impl From<RegistrationNumber> for String {
    fn from(number: RegistrationNumber) -> String {
        number.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> RegistrationNumber {
        RegistrationNumber::new(2026, [7, 15, 3, 19, 9, 23, 29])
    }

    #[test]
    fn a_new_number_reads_back_the_same() {
        let number = sample();
        assert!(number.as_str().starts_with("KK26-"), "{number}");
        assert_eq!(number.as_str().len(), "KK26-7F3K-9QXC".len());
        assert_eq!(
            RegistrationNumber::parse(number.as_str()),
            Ok(number.clone())
        );
        let sloppy = number.as_str().to_lowercase().replace('-', " ");
        assert_eq!(RegistrationNumber::parse(&sloppy), Ok(number));
    }

    #[test]
    fn every_single_character_mistake_is_caught() {
        let number = sample();
        let text = number.as_str();
        for (index, original) in text.char_indices().skip(2) {
            if original == '-' {
                continue;
            }
            for replacement in ALPHABET.iter().map(|b| *b as char) {
                if replacement == original {
                    continue;
                }
                let mut typo = text.to_owned();
                typo.replace_range(index..index + 1, &replacement.to_string());
                assert!(
                    RegistrationNumber::parse(&typo).is_err(),
                    "{typo} was accepted"
                );
            }
        }
    }

    #[test]
    fn hand_copied_letters_for_digits_are_accepted() {
        let number = RegistrationNumber::new(2026, [0, 1, 0, 1, 0, 1, 0]);
        let handwritten = number.as_str().replacen('0', "O", 1).replacen('1', "l", 1);
        assert_eq!(RegistrationNumber::parse(&handwritten), Ok(number));
    }

    #[test]
    fn malformed_numbers_say_what_is_wrong() {
        assert_eq!(
            RegistrationNumber::parse("AB26-7F3K-9QXC"),
            Err(RegistrationNumberError::Prefix)
        );
        assert_eq!(
            RegistrationNumber::parse("KK26-7F3K"),
            Err(RegistrationNumberError::Length)
        );
        assert_eq!(
            RegistrationNumber::parse("KK26-7F3K-9QXU"),
            Err(RegistrationNumberError::Character('U'))
        );
    }
}
