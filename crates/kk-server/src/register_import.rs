//! `kk-server register import FILE`: loads families into the register from an export, as a
//! real office would start from its SIAK extract.
//!
//! The format is JSON Lines: one family per line, as `kk_domain::register::Family` serializes
//! it (`{"kk_number": "…", "address": {…}, "members": [{…}, …]}`; absent member fields are
//! empty). Blank lines and lines starting with `#` are skipped. Each family is checked with the
//! app's own rules for the address and the members (kk-domain.md §1, §2, §9), and no NIK may
//! appear twice in the file. The import is all or nothing: every bad line is reported with its
//! number and reason, and then nothing is loaded. Importing the same file again changes nothing.

use chrono::{DateTime, NaiveDate, Utc};
use kk_domain::application::{Application, ReprintReason, Service};
use kk_domain::nomor_kk::NomorKk;
use kk_domain::region::RegionTable;
use kk_domain::register::Family;
use kk_domain::validation::{Severity, Step, ValidationContext, validate_step};

use crate::store::{ImportReport, Store, StoreError};

/// A line of the file that cannot be loaded, and why (in English, for the operator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    pub reason: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{} line(s) cannot be loaded; nothing was imported", .0.len())]
    BadLines(Vec<BadLine>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Checks the whole export, then loads it in one transaction.
pub fn import(
    store: &dyn Store,
    export: &str,
    regions: &RegionTable,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<ImportReport, ImportError> {
    let lines = read_families(export, regions, today)?;
    let families: Vec<Family> = lines.iter().map(|(_, family)| family.clone()).collect();
    store
        .import_families(&families, at)
        .map_err(|error| match error {
            StoreError::Refused { index, reason } => ImportError::BadLines(vec![BadLine {
                line: lines[index].0,
                reason,
            }]),
            other => ImportError::Store(other),
        })
}

/// Every family of the export with its line number, or every bad line.
pub fn read_families(
    export: &str,
    regions: &RegionTable,
    today: NaiveDate,
) -> Result<Vec<(usize, Family)>, ImportError> {
    let context = ValidationContext::new(today, Some(regions));
    let mut families = Vec::new();
    let mut bad = Vec::new();
    let mut seen_niks = std::collections::HashMap::new();
    for (index, text) in export.lines().enumerate() {
        let line = index + 1;
        let text = text.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        match read_family(text, &context) {
            Ok(family) => {
                let repeated = family
                    .members
                    .iter()
                    .filter_map(|member| seen_niks.insert(member.nik.clone(), line))
                    .min();
                if let Some(first) = repeated {
                    bad.push(BadLine {
                        line,
                        reason: format!("a member's NIK is also on line {first}"),
                    });
                }
                families.push((line, family));
            }
            Err(reason) => bad.push(BadLine { line, reason }),
        }
    }
    if bad.is_empty() {
        Ok(families)
    } else {
        Err(ImportError::BadLines(bad))
    }
}

/// One family, checked with the app's rules for the address and the members.
fn read_family(text: &str, context: &ValidationContext) -> Result<Family, String> {
    let mut family: Family =
        serde_json::from_str(text).map_err(|error| format!("not a family: {error}"))?;
    family.kk_number = NomorKk::parse(&family.kk_number)
        .map_err(|error| error.to_string())?
        .as_str()
        .to_owned();
    // As a reprint would, so that every member must be complete as recorded.
    let recorded = Application {
        service: Some(Service::Reprint(ReprintReason::Lost)),
        existing_kk_number: family.kk_number.clone(),
        address: family.address.clone(),
        members: family.members_as_recorded(),
        ..Application::default()
    };
    let first_error = [Step::Address, Step::Members]
        .into_iter()
        .flat_map(|step| validate_step(&recorded, step, context))
        .find(|issue| issue.severity == Severity::Error);
    match first_error {
        Some(issue) => Err(format!("{}: {}", issue.field, issue.message.en)),
        None => Ok(Family {
            members: recorded.members,
            ..family
        }),
    }
}
