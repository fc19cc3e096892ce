//! R16: names per Permendagri 73/2022: at most 60 characters, Latin letters, no digits or
//! punctuation (errors for a name recorded for the first time, warnings for an existing record),
//! and at least two words (always a warning: the Dirjen said it is not rigid).

use super::FieldPath;
use super::{Findings, Severity};
use crate::text::Text;

/// How strictly R16 applies to a name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum NameRecord {
    /// A name recorded for the first time, such as a newborn's: the rules are errors.
    New,
    /// A name already on record: the rules are warnings, because old records remain valid.
    Existing,
}

pub(super) const MAX_NAME_LENGTH: usize = 60;

pub(super) fn check_name(
    name: &str,
    field: &FieldPath,
    what: (&str, &str),
    record: NameRecord,
    findings: &mut Findings,
) {
    let (what_id, what_en) = what;
    let name = name.trim();
    if name.is_empty() {
        findings.error(
            "name.required",
            field,
            Text::new(
                format!("{what_id} wajib diisi."),
                format!("{what_en} is required."),
            ),
        );
        return;
    }
    let severity = match record {
        NameRecord::New => Severity::Error,
        NameRecord::Existing => Severity::Warning,
    };
    let length = name.chars().count();
    if length > MAX_NAME_LENGTH {
        findings.push(
            severity,
            "name.too_long",
            field,
            Text::new(
                format!("{what_id} paling banyak {MAX_NAME_LENGTH} karakter termasuk spasi; ini {length} karakter."),
                format!("{what_en} may have at most {MAX_NAME_LENGTH} characters including spaces; this has {length}."),
            ),
        );
    }
    if name.chars().any(|c| c.is_numeric()) {
        findings.push(
            severity,
            "name.has_digit",
            field,
            Text::new(
                format!("{what_id} tidak boleh berisi angka."),
                format!("{what_en} cannot contain digits."),
            ),
        );
    }
    if let Some(mark) = name
        .chars()
        .find(|c| !c.is_alphabetic() && !c.is_whitespace() && !c.is_numeric())
    {
        findings.push(
            severity,
            "name.has_punctuation",
            field,
            Text::new(
                format!("{what_id} tidak boleh berisi tanda baca atau simbol (\"{mark}\")."),
                format!("{what_en} cannot contain punctuation or symbols (\"{mark}\")."),
            ),
        );
    }
    if name.chars().any(|c| c.is_alphabetic() && !is_latin(c)) {
        findings.push(
            severity,
            "name.not_latin",
            field,
            Text::new(
                format!("{what_id} harus ditulis dengan huruf Latin."),
                format!("{what_en} must be written in Latin script."),
            ),
        );
    }
    if name.split_whitespace().count() < 2 {
        findings.warning(
            "name.single_word",
            field,
            Text::new(
                format!("{what_id} sebaiknya paling sedikit dua kata (Permendagri 73/2022)."),
                format!("{what_en} should have at least two words (Permendagri 73/2022)."),
            ),
        );
    }
}

/// Basic Latin and the Latin-1, Latin Extended-A and -B letters (é, ñ, ł…).
fn is_latin(character: char) -> bool {
    character.is_ascii_alphabetic()
        || (('\u{00C0}'..='\u{024F}').contains(&character) && character != '×' && character != '÷')
}

/// Names compared the way a registrar would: case and spacing ignored.
pub(super) fn same_name(left: &str, right: &str) -> bool {
    let normalise = |name: &str| {
        name.split_whitespace()
            .map(|word| word.to_lowercase())
            .collect::<Vec<_>>()
            .join(" ")
    };
    normalise(left) == normalise(right)
}
