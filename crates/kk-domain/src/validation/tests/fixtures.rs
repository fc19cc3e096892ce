//! Helpers the rule tests share; the sample family itself is in [`crate::sample`].

use crate::application::Application;
pub use crate::sample::*;
use crate::validation::{Issue, Severity, ValidationContext, validate};

/// Validates with today's date and the tiny region table.
pub fn issues_of(application: &Application) -> Vec<Issue> {
    let regions = regions();
    validate(
        application,
        &ValidationContext::new(date(TODAY), Some(&regions)),
    )
}

/// Asserts that an issue with this severity, code and field is among the issues.
#[track_caller]
pub fn assert_issue(application: &Application, severity: Severity, code: &str, field: &str) {
    let issues = issues_of(application);
    assert!(
        issues
            .iter()
            .any(|i| i.severity == severity && i.code == code && i.field == field),
        "expected {severity:?} {code} at {field}, got:\n{}",
        describe(&issues)
    );
}

/// Asserts that no issue has this code.
#[track_caller]
pub fn assert_no_issue(application: &Application, code: &str) {
    let issues = issues_of(application);
    assert!(
        !issues.iter().any(|i| i.code == code),
        "expected no {code}, got:\n{}",
        describe(&issues)
    );
}

pub fn describe(issues: &[Issue]) -> String {
    issues
        .iter()
        .map(|i| {
            format!(
                "  {:?} {} at {}: {}",
                i.severity, i.code, i.field, i.message.en
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
