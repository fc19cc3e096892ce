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
pub fn capitalise(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}
