//! What an application changes on a family's current KK, person by person, in the shape of
//! form F-1.06 ("Semula → Menjadi"): who stays as recorded, who joins, who leaves, and for a
//! correction each field's old and new value. The check-answers page and the officer console
//! show this rather than only the final list.

use chrono::NaiveDate;

use super::Family;
use crate::application::{Application, Member, MemberChange};
use crate::codes::{self, CodeList};
use crate::text::Text;

/// One person's line in the diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffRow {
    pub name: String,
    pub nik: String,
    pub change: MemberDiff,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberDiff {
    /// On the KK before and after, as recorded.
    Unchanged,
    /// Joins the KK: a newborn, a spouse, someone moving in.
    Added,
    /// Leaves the KK, as the application says, with the reason its service gives (a death, a
    /// move, a divorce).
    Leaving(Text),
    /// Stays, with these fields changed.
    Corrected(Vec<FieldChange>),
    /// On the current KK but missing from the application: it would drop off the KK without
    /// a reason. The officer should ask.
    Omitted,
}

/// One field's "Semula → Menjadi".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub label: Text,
    pub before: String,
    pub after: String,
}

/// The application against the family's current KK, in the application's order, then the
/// members it omits.
pub fn diff(current: &Family, application: &Application) -> Vec<DiffRow> {
    let leaving_reason = application
        .service
        .map(|service| service.leaving_reason())
        .unwrap_or_else(|| Text::new("alasan belum disebut", "no reason given"));
    let mut rows: Vec<DiffRow> = application
        .members
        .iter()
        .map(|member| {
            let recorded = current
                .members
                .iter()
                .find(|known| !member.nik.is_empty() && known.nik == member.nik);
            let change = match (member.change, recorded) {
                (MemberChange::Removed, _) => MemberDiff::Leaving(leaving_reason.clone()),
                (MemberChange::Added, _) | (_, None) => MemberDiff::Added,
                (_, Some(recorded)) => match field_changes(recorded, member) {
                    changes if changes.is_empty() => MemberDiff::Unchanged,
                    changes => MemberDiff::Corrected(changes),
                },
            };
            DiffRow {
                name: member.full_name.trim().to_owned(),
                nik: member.nik.clone(),
                change,
            }
        })
        .collect();
    for recorded in &current.members {
        if !application.members.iter().any(|m| m.nik == recorded.nik) {
            rows.push(DiffRow {
                name: recorded.full_name.clone(),
                nik: recorded.nik.clone(),
                change: MemberDiff::Omitted,
            });
        }
    }
    rows
}

/// The KK columns that differ between the recorded member and the application's.
fn field_changes(before: &Member, after: &Member) -> Vec<FieldChange> {
    let text = |value: &str| value.trim().to_owned();
    let date = |value: Option<NaiveDate>| {
        value
            .map(|date| date.format("%d-%m-%Y").to_string())
            .unwrap_or_default()
    };
    let code = |list: &CodeList, value: Option<u8>| {
        value
            .and_then(|code| list.get(code))
            .map(|entry| entry.official.to_owned())
            .unwrap_or_default()
    };
    let columns: [(Text, String, String); 14] = [
        (
            Text::new("Nama lengkap", "Full name"),
            text(&before.full_name),
            text(&after.full_name),
        ),
        (
            Text::new("Jenis kelamin", "Sex"),
            code(&codes::JENIS_KELAMIN, before.sex.map(u8::from)),
            code(&codes::JENIS_KELAMIN, after.sex.map(u8::from)),
        ),
        (
            Text::new("Tempat lahir", "Place of birth"),
            text(&before.birth_place),
            text(&after.birth_place),
        ),
        (
            Text::new("Tanggal lahir", "Date of birth"),
            date(before.birth_date),
            date(after.birth_date),
        ),
        (
            Text::new("Agama", "Religion"),
            code(&codes::AGAMA, before.religion),
            code(&codes::AGAMA, after.religion),
        ),
        (
            Text::new("Pendidikan", "Education"),
            code(&codes::PENDIDIKAN, before.education),
            code(&codes::PENDIDIKAN, after.education),
        ),
        (
            Text::new("Jenis pekerjaan", "Occupation"),
            code(&codes::PEKERJAAN, before.occupation),
            code(&codes::PEKERJAAN, after.occupation),
        ),
        (
            Text::new("Golongan darah", "Blood type"),
            code(&codes::GOLONGAN_DARAH, before.blood_type),
            code(&codes::GOLONGAN_DARAH, after.blood_type),
        ),
        (
            Text::new("Status perkawinan", "Marital status"),
            code(
                &codes::STATUS_PERKAWINAN,
                before.marital_status.map(u8::from),
            ),
            code(
                &codes::STATUS_PERKAWINAN,
                after.marital_status.map(u8::from),
            ),
        ),
        (
            Text::new("Tanggal perkawinan", "Date of marriage"),
            date(before.marriage_date),
            date(after.marriage_date),
        ),
        (
            Text::new("Hubungan dalam keluarga", "Relationship to the head"),
            code(&codes::SHDK, before.relationship.map(u8::from)),
            code(&codes::SHDK, after.relationship.map(u8::from)),
        ),
        (
            Text::new("Kewarganegaraan", "Citizenship"),
            code(&codes::KEWARGANEGARAAN, before.citizenship.map(u8::from)),
            code(&codes::KEWARGANEGARAAN, after.citizenship.map(u8::from)),
        ),
        (
            Text::new("Nama ayah", "Father's name"),
            text(&before.father_name),
            text(&after.father_name),
        ),
        (
            Text::new("Nama ibu", "Mother's name"),
            text(&before.mother_name),
            text(&after.mother_name),
        ),
    ];
    columns
        .into_iter()
        .filter(|(_, before, after)| before != after)
        .map(|(label, before, after)| FieldChange {
            label,
            before,
            after,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::{ChangeReason, Service};
    use crate::sample;

    #[test]
    fn a_birth_adds_one_and_keeps_the_others_as_recorded() {
        let rows = diff(&sample::registered_family(), &sample::valid_family());
        let changes: Vec<&MemberDiff> = rows.iter().map(|row| &row.change).collect();
        assert_eq!(
            changes,
            [
                &MemberDiff::Unchanged,
                &MemberDiff::Unchanged,
                &MemberDiff::Unchanged,
                &MemberDiff::Added
            ]
        );
    }

    #[test]
    fn a_correction_shows_each_field_before_and_after_and_an_omission_is_flagged() {
        let mut application = sample::valid_family();
        application.service = Some(Service::Change(ChangeReason::Correction));
        application.members.truncate(2);
        application.members[1].change = MemberChange::Corrected;
        application.members[1].birth_place = "Bandung".into();
        let rows = diff(&sample::registered_family(), &application);
        let MemberDiff::Corrected(fields) = &rows[1].change else {
            panic!("expected a correction, got {:?}", rows[1].change);
        };
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[0].label.id, "Tempat lahir");
        assert_eq!(
            (fields[0].before.as_str(), fields[0].after.as_str()),
            ("Jakarta", "Bandung")
        );
        assert_eq!(rows[2].name, "Rizky Pratama Santoso");
        assert_eq!(rows[2].change, MemberDiff::Omitted);
    }

    #[test]
    fn a_member_leaving_carries_the_reason_of_the_service() {
        let mut application = sample::valid_family();
        application.service = Some(Service::Change(ChangeReason::Death));
        application.members.truncate(3);
        application.members[2].change = MemberChange::Removed;
        let rows = diff(&sample::registered_family(), &application);
        assert_eq!(
            rows[2].change,
            MemberDiff::Leaving(Text::new("meninggal dunia", "died"))
        );
    }
}
