//! Validation of an application, step by step, reporting every issue at once.
//!
//! Each issue has a severity (an error blocks submission, a warning does not), a stable code,
//! the path of the field it concerns (`members[2].nik`), and a message in Bahasa Indonesia and
//! English. The rules are kk-domain.md §1.4 (NIK), §2 (KK number), §5.3 (documents), §8 (postal
//! code) and §9 (registrar rules R1–R20), with the severity the spec gives each.

mod address_step;
mod dates;
mod documents_step;
mod family_rules;
mod field_path;
mod member_fields;
mod members_step;
mod names;
mod pickup_step;
mod service_step;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::application::Application;
use crate::region::RegionDirectory;
use crate::text::Text;

pub use field_path::FieldPath;

/// The wizard's steps, in order. The check-answers page validates all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Layanan: the service and the current KK number.
    Service,
    /// Alamat.
    Address,
    /// Anggota keluarga: every member's fields and the family rules.
    Members,
    /// Dokumen.
    Documents,
    /// Pengambilan.
    Pickup,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Service,
        Step::Address,
        Step::Members,
        Step::Documents,
        Step::Pickup,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Must be fixed before the application can be sent.
    Error,
    /// Worth a second look; does not block (for example a NIK whose date differs from the
    /// recorded birth date, which Permendagri 108/2019 Ps.15(3) allows).
    Warning,
}

/// One problem found in an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// The wizard step whose page shows the field.
    pub step: Step,
    pub severity: Severity,
    /// Stable across releases, e.g. `nik.wrong_length` or `family.no_head`.
    pub code: String,
    /// The field, e.g. `members[2].nik`, `address.village`, `documents`.
    pub field: FieldPath,
    pub message: Text,
    /// Who raised it: the rules, or an officer returning the application.
    #[serde(default)]
    pub origin: IssueOrigin,
}

/// Who raised an issue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueOrigin {
    /// The validation rules, on the device or on the server.
    #[default]
    Rules,
    /// An officer's reason for returning the application; shown at once, without waiting for
    /// the citizen to press "Lanjutkan".
    Officer,
}

/// What the rules need from outside: today's date, and the region table when the caller has it.
#[derive(Clone, Copy)]
pub struct ValidationContext<'a> {
    pub today: NaiveDate,
    /// `None` skips the checks that need the full region table (the wasm UI has only the
    /// province list); the shell and the server always pass one.
    pub regions: Option<&'a dyn RegionDirectory>,
}

impl<'a> ValidationContext<'a> {
    pub fn new(today: NaiveDate, regions: Option<&'a dyn RegionDirectory>) -> Self {
        ValidationContext { today, regions }
    }
}

/// Every issue of one step.
pub fn validate_step(
    application: &Application,
    step: Step,
    context: &ValidationContext,
) -> Vec<Issue> {
    let mut findings = Findings {
        step,
        issues: Vec::new(),
    };
    match step {
        Step::Service => service_step::check(application, context, &mut findings),
        Step::Address => address_step::check(application, context, &mut findings),
        Step::Members => members_step::check(application, context, &mut findings),
        Step::Documents => documents_step::check(application, &mut findings),
        Step::Pickup => pickup_step::check(application, &mut findings),
    }
    findings.issues
}

/// Every issue of every step, in step order.
pub fn validate(application: &Application, context: &ValidationContext) -> Vec<Issue> {
    Step::ALL
        .iter()
        .flat_map(|step| validate_step(application, *step, context))
        .collect()
}

/// Whether any of the issues blocks submission.
pub fn has_errors(issues: &[Issue]) -> bool {
    issues.iter().any(|issue| issue.severity == Severity::Error)
}

/// Collects the issues of one step as the rules find them.
pub(crate) struct Findings {
    step: Step,
    issues: Vec<Issue>,
}

impl Findings {
    pub(crate) fn error(&mut self, code: &str, field: impl Into<FieldPath>, message: Text) {
        self.push(Severity::Error, code, field, message);
    }

    pub(crate) fn warning(&mut self, code: &str, field: impl Into<FieldPath>, message: Text) {
        self.push(Severity::Warning, code, field, message);
    }

    pub(crate) fn push(
        &mut self,
        severity: Severity,
        code: &str,
        field: impl Into<FieldPath>,
        message: Text,
    ) {
        self.issues.push(Issue {
            step: self.step,
            severity,
            code: code.to_owned(),
            field: field.into(),
            message,
            origin: IssueOrigin::Rules,
        });
    }
}

/// `members[2].nik`.
pub(crate) fn member_field(index: usize, field: &str) -> FieldPath {
    FieldPath::member(index, field)
}

#[cfg(test)]
mod tests;
