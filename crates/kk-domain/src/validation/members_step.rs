//! Step "Anggota keluarga": each member's fields, then the rules across the family.

use super::family_rules;
use super::member_fields::check_member;
use super::{Findings, ValidationContext};
use crate::application::Application;
use crate::text::Text;

pub(super) fn check(
    application: &Application,
    context: &ValidationContext,
    findings: &mut Findings,
) {
    if application.resulting_members().next().is_none() {
        findings.error(
            "family.no_members",
            "members",
            Text::new(
                "Tambahkan anggota keluarga, mulai dari kepala keluarga.",
                "Add the family members, starting with the head of the family.",
            ),
        );
        family_rules::check_changes(application, findings);
        return;
    }
    for (index, member) in application.members.iter().enumerate() {
        check_member(application.service, index, member, context, findings);
    }
    family_rules::check(application, context, findings);
}
