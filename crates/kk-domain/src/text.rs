//! Bilingual text. The citizen sees Bahasa Indonesia first and may switch to English, so every
//! message the domain produces carries both.

use serde::{Deserialize, Serialize};

/// A message in Bahasa Indonesia (`id`) and English (`en`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub id: String,
    pub en: String,
}

impl Text {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            id: id.into(),
            en: en.into(),
        }
    }

    /// The message in the given language; anything other than English gets Bahasa Indonesia.
    pub fn in_language(&self, language: Language) -> &str {
        match language {
            Language::Id => &self.id,
            Language::En => &self.en,
        }
    }
}

/// The two languages of the app. Bahasa Indonesia is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Id,
    En,
}

/// A date the Indonesian way, DD-MM-YYYY, as printed on a KK.
pub fn indonesian_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    // Written out rather than with `format`, which would pull chrono's strftime into the wasm UI.
    format!("{:02}-{:02}-{:04}", date.day(), date.month(), date.year())
}

/// The text with its first letter in upper case: "kelahiran" → "Kelahiran".
///
/// Only an ASCII first letter changes. Our labels all start with one, and leaving out
/// `char::to_uppercase` keeps Unicode's case tables (14 KB) out of the wasm UI.
pub fn capitalise(text: &str) -> String {
    let mut capitalised = text.to_owned();
    if let Some(first) = capitalised.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    capitalised
}

#[cfg(test)]
mod tests {
    use super::capitalise;

    #[test]
    fn capitalise_raises_only_the_first_letter() {
        assert_eq!(capitalise("kelahiran anak"), "Kelahiran anak");
        assert_eq!(capitalise("Pindah"), "Pindah");
        assert_eq!(capitalise(""), "");
        // A first letter outside ASCII is left as it is, never cut in half.
        assert_eq!(capitalise("élan"), "élan");
    }
}
