//! Rules across the family (kk-domain.md §9): one head (R1–R2), unique NIKs (R4), the head of a
//! split KK (R5), spouses (R8–R9), children and parents (R11–R13), and what each kind of change
//! must add or remove.

use chrono::NaiveDate;

use super::dates::age_on;
use super::names::same_name;
use super::{Findings, ValidationContext, member_field};
use crate::application::{
    Application, ChangeReason, Member, MemberChange, NewKkReason, Relationship, Service, Sex,
};
use crate::nik::Nik;
use crate::text::Text;

/// R11: a parent this much older than a child is unremarkable; less draws a warning.
const MIN_PARENT_CHILD_GAP_YEARS: i32 = 12;
/// R5: the head of a split KK must be at least this old, or married or previously married.
const MIN_SPLIT_HEAD_AGE: i32 = 17;

pub(super) fn check(
    application: &Application,
    context: &ValidationContext,
    findings: &mut Findings,
) {
    check_single_head(application, findings);
    check_unique_niks(application, findings);
    check_split_head(application, context, findings);
    check_spouses(application, findings);
    check_children(application, findings);
    check_elders_and_grandchildren(application, findings);
    check_changes(application, findings);
}

fn with_relationship(
    application: &Application,
    relationship: Relationship,
) -> Vec<(usize, &Member)> {
    application
        .resulting_members()
        .filter(|(_, member)| member.relationship == Some(relationship))
        .collect()
}

/// R1–R2: exactly one Kepala Keluarga.
fn check_single_head(application: &Application, findings: &mut Findings) {
    let heads = with_relationship(application, Relationship::KepalaKeluarga);
    if heads.is_empty() {
        findings.error(
            "family.no_head",
            "members",
            Text::new(
                "Setiap KK harus memiliki satu kepala keluarga. Tandai salah satu anggota sebagai kepala keluarga.",
                "Every KK needs one head of the family. Mark one member as the head.",
            ),
        );
    }
    for (index, _) in heads.iter().skip(1) {
        findings.error(
            "family.several_heads",
            member_field(*index, "relationship"),
            Text::new(
                "Satu KK hanya boleh memiliki satu kepala keluarga.",
                "A KK has only one head of the family.",
            ),
        );
    }
}

/// R4: a NIK appears once in the KK.
fn check_unique_niks(application: &Application, findings: &mut Findings) {
    let mut seen: Vec<(Nik, usize)> = Vec::new();
    for (index, member) in application.members.iter().enumerate() {
        let Ok(nik) = Nik::parse(&member.nik) else {
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(other, _)| *other == nik) {
            findings.error(
                "family.duplicate_nik",
                member_field(index, "nik"),
                Text::new(
                    format!("NIK ini sudah dipakai anggota nomor {}. Setiap orang hanya tercatat satu kali.", first + 1),
                    format!("This NIK is already used by member {}. Each person is recorded once.", first + 1),
                ),
            );
        } else {
            seen.push((nik, index));
        }
    }
}

/// R5: the head of a split KK is 17 or older, or married or previously married.
fn check_split_head(
    application: &Application,
    context: &ValidationContext,
    findings: &mut Findings,
) {
    if application.service != Some(Service::NewKk(NewKkReason::SplitFromKk)) {
        return;
    }
    let Some((index, head)) = with_relationship(application, Relationship::KepalaKeluarga)
        .into_iter()
        .next()
    else {
        return;
    };
    let old_enough = head
        .birth_date
        .is_some_and(|birth| age_on(birth, context.today) >= MIN_SPLIT_HEAD_AGE);
    let ever_married = head
        .marital_status
        .is_some_and(|status| status.has_ever_married());
    if head.birth_date.is_some() && !old_enough && !ever_married {
        findings.error(
            "family.split_head_too_young",
            member_field(index, "birth_date"),
            Text::new(
                "Kepala keluarga pada pisah KK harus berusia minimal 17 tahun atau sudah/pernah kawin (Permendagri 108/2019 Pasal 10 ayat 4).",
                "The head of a split KK must be at least 17, or married or previously married (Permendagri 108/2019 Art. 10(4)).",
            ),
        );
    }
}

/// R8–R9: a husband is male and a wife female, both married like the head they are married to.
fn check_spouses(application: &Application, findings: &mut Findings) {
    let head = application.head();
    for (relationship, expected_sex, (id_word, en_word)) in [
        (Relationship::Suami, Sex::Male, ("suami", "husband")),
        (Relationship::Istri, Sex::Female, ("istri", "wife")),
    ] {
        let spouses = with_relationship(application, relationship);
        for (index, spouse) in &spouses {
            if spouse.sex.is_some_and(|sex| sex != expected_sex) {
                findings.error(
                    "family.spouse_sex",
                    member_field(*index, "sex"),
                    Text::new(
                        format!(
                            "Anggota dengan hubungan {id_word} harus berjenis kelamin {}.",
                            sex_word_id(expected_sex)
                        ),
                        format!(
                            "A member recorded as {en_word} must be {}.",
                            sex_word_en(expected_sex)
                        ),
                    ),
                );
            }
            if spouse
                .marital_status
                .is_some_and(|status| !status.is_married())
            {
                findings.error(
                    "family.spouse_not_married",
                    member_field(*index, "marital_status"),
                    Text::new(
                        format!("Status perkawinan {id_word} harus \"Kawin\"."),
                        format!("A {en_word}'s marital status must be married."),
                    ),
                );
            }
            check_spouse_against_head(head, *index, spouse, findings);
        }
        if spouses.len() > 1 {
            findings.warning(
                &format!("family.several_{en_word}s"),
                "members",
                Text::new(
                    format!("KK ini memiliki lebih dari satu {id_word}. Ini memerlukan izin pengadilan; periksa lagi."),
                    format!("This KK has more than one {en_word}. That requires a court permit; please check."),
                ),
            );
        }
    }
}

fn check_spouse_against_head(
    head: Option<&Member>,
    index: usize,
    spouse: &Member,
    findings: &mut Findings,
) {
    let Some(head) = head else { return };
    if head.sex.is_some() && head.sex == spouse.sex {
        findings.error(
            "family.spouse_same_sex_as_head",
            member_field(index, "relationship"),
            Text::new(
                "Suami atau istri harus berlawanan jenis kelamin dengan kepala keluarga (UU 1/1974).",
                "A husband or wife must be of the opposite sex to the head of the family (Law 1/1974).",
            ),
        );
    }
    if head
        .marital_status
        .is_some_and(|status| !status.is_married())
    {
        findings.error(
            "family.head_not_married",
            "members",
            Text::new(
                "Kepala keluarga yang memiliki suami atau istri dalam KK harus berstatus \"Kawin\".",
                "A head of the family with a husband or wife on the KK must be married.",
            ),
        );
    }
    if let (Some(head_date), Some(spouse_date)) = (head.marriage_date, spouse.marriage_date)
        && head_date != spouse_date
    {
        findings.warning(
            "family.marriage_date_differs",
            member_field(index, "marriage_date"),
            Text::new(
                "Tanggal perkawinan berbeda dengan tanggal perkawinan kepala keluarga.",
                "The date of marriage differs from the head of the family's.",
            ),
        );
    }
}

/// R11–R12: children are born after the head and spouse, and name them as parents.
fn check_children(application: &Application, findings: &mut Findings) {
    let parents: Vec<&Member> = application
        .resulting_members()
        .filter(|(_, m)| {
            matches!(
                m.relationship,
                Some(Relationship::KepalaKeluarga | Relationship::Suami | Relationship::Istri)
            )
        })
        .map(|(_, m)| m)
        .collect();
    let father = only(parents.iter().filter(|m| m.sex == Some(Sex::Male)));
    let mother = only(parents.iter().filter(|m| m.sex == Some(Sex::Female)));
    for (index, child) in with_relationship(application, Relationship::Anak) {
        if let Some(child_birth) = child.birth_date {
            check_child_birth(index, child_birth, &parents, findings);
        }
        for (parent, given, field) in [
            (father, &child.father_name, "father_name"),
            (mother, &child.mother_name, "mother_name"),
        ] {
            if let Some(parent) = parent
                && !given.trim().is_empty()
                && !parent.full_name.trim().is_empty()
                && !same_name(given, &parent.full_name)
            {
                findings.warning(
                    "family.parent_name_differs",
                    member_field(index, field),
                    Text::new(
                        format!("Nama orang tua berbeda dengan nama \"{}\" di KK ini. Boleh untuk anak tiri atau anak angkat; periksa lagi.", parent.full_name.trim()),
                        format!("The parent's name differs from \"{}\" on this KK. That is fine for a stepchild or adopted child; please check.", parent.full_name.trim()),
                    ),
                );
            }
        }
    }
}

fn check_child_birth(
    index: usize,
    child_birth: NaiveDate,
    parents: &[&Member],
    findings: &mut Findings,
) {
    for parent in parents {
        let Some(parent_birth) = parent.birth_date else {
            continue;
        };
        if child_birth <= parent_birth {
            findings.error(
                "family.child_not_younger_than_parent",
                member_field(index, "birth_date"),
                Text::new(
                    format!(
                        "Anak harus lahir setelah orang tuanya ({}).",
                        parent.full_name.trim()
                    ),
                    format!(
                        "A child must be born after their parent ({}).",
                        parent.full_name.trim()
                    ),
                ),
            );
        } else if age_on(parent_birth, child_birth) < MIN_PARENT_CHILD_GAP_YEARS {
            findings.warning(
                "family.parent_child_gap_small",
                member_field(index, "birth_date"),
                Text::new(
                    format!("Selisih usia dengan orang tua ({}) kurang dari {MIN_PARENT_CHILD_GAP_YEARS} tahun. Periksa tanggal lahirnya.", parent.full_name.trim()),
                    format!("The age gap to the parent ({}) is under {MIN_PARENT_CHILD_GAP_YEARS} years. Check the birth dates.", parent.full_name.trim()),
                ),
            );
        }
    }
}

/// R13: parents and parents-in-law are older than the head (or spouse); grandchildren are
/// younger than every child and child-in-law.
fn check_elders_and_grandchildren(application: &Application, findings: &mut Findings) {
    let head_birth = application.head().and_then(|head| head.birth_date);
    let spouse_births: Vec<NaiveDate> = application
        .resulting_members()
        .filter(|(_, m)| {
            matches!(
                m.relationship,
                Some(Relationship::Suami | Relationship::Istri)
            )
        })
        .filter_map(|(_, m)| m.birth_date)
        .collect();
    for (relationship, compare_with) in [
        (
            Relationship::OrangTua,
            head_birth.into_iter().collect::<Vec<_>>(),
        ),
        (
            Relationship::Mertua,
            if spouse_births.is_empty() {
                head_birth.into_iter().collect()
            } else {
                spouse_births.clone()
            },
        ),
    ] {
        for (index, elder) in with_relationship(application, relationship) {
            let Some(elder_birth) = elder.birth_date else {
                continue;
            };
            if compare_with.iter().any(|younger| elder_birth >= *younger) {
                findings.warning(
                    "family.elder_not_older",
                    member_field(index, "birth_date"),
                    Text::new(
                        "Orang tua atau mertua biasanya lebih tua dari kepala keluarga atau pasangannya. Periksa tanggal lahirnya.",
                        "A parent or parent-in-law is normally older than the head or their spouse. Check the birth date.",
                    ),
                );
            }
        }
    }
    let child_births: Vec<NaiveDate> = application
        .resulting_members()
        .filter(|(_, m)| {
            matches!(
                m.relationship,
                Some(Relationship::Anak | Relationship::Menantu)
            )
        })
        .filter_map(|(_, m)| m.birth_date)
        .collect();
    for (index, grandchild) in with_relationship(application, Relationship::Cucu) {
        let Some(birth) = grandchild.birth_date else {
            continue;
        };
        if child_births.iter().any(|child_birth| birth <= *child_birth) {
            findings.warning(
                "family.grandchild_not_younger",
                member_field(index, "birth_date"),
                Text::new(
                    "Cucu biasanya lebih muda dari setiap anak dan menantu. Periksa tanggal lahirnya.",
                    "A grandchild is normally younger than every child and child-in-law. Check the birth date.",
                ),
            );
        }
    }
}

/// What each service does to the member list: a birth adds someone, a death removes someone,
/// and a new KK or a reprint changes no one.
pub(super) fn check_changes(application: &Application, findings: &mut Findings) {
    let Some(service) = application.service else {
        return;
    };
    let count = |change: MemberChange| {
        application
            .members
            .iter()
            .filter(|m| m.change == change)
            .count()
    };
    let (added, removed, corrected) = (
        count(MemberChange::Added),
        count(MemberChange::Removed),
        count(MemberChange::Corrected),
    );
    let required: Option<(&str, &str, &str)> = match service {
        Service::Change(ChangeReason::Birth) if added == 0 => Some((
            "change.birth.no_new_member",
            "Tambahkan anak yang baru lahir sebagai anggota baru.",
            "Add the newborn as a new member.",
        )),
        Service::Change(ChangeReason::Death) if removed == 0 => Some((
            "change.death.no_removed_member",
            "Tandai anggota yang meninggal sebagai keluar dari KK.",
            "Mark the member who died as leaving the KK.",
        )),
        Service::Change(ChangeReason::MoveOut) if removed == 0 => Some((
            "change.move_out.no_removed_member",
            "Tandai anggota yang pindah sebagai keluar dari KK.",
            "Mark the members who move out as leaving the KK.",
        )),
        Service::Change(ChangeReason::MoveIn) if added == 0 => Some((
            "change.move_in.no_new_member",
            "Tambahkan anggota yang pindah masuk sebagai anggota baru.",
            "Add the people moving in as new members.",
        )),
        Service::Change(ChangeReason::Marriage) if added + corrected == 0 => Some((
            "change.marriage.no_change",
            "Tambahkan pasangan sebagai anggota baru, atau ubah status perkawinan anggota yang menikah.",
            "Add the spouse as a new member, or change the marital status of the member who married.",
        )),
        Service::Change(ChangeReason::Divorce) if removed + corrected == 0 => Some((
            "change.divorce.no_change",
            "Tandai mantan pasangan sebagai keluar dari KK, atau ubah status perkawinannya.",
            "Mark the former spouse as leaving the KK, or change their marital status.",
        )),
        Service::Change(ChangeReason::Correction) if corrected == 0 => Some((
            "change.correction.no_corrected_member",
            "Tandai anggota yang datanya diperbaiki.",
            "Mark the members whose data is corrected.",
        )),
        _ => None,
    };
    if let Some((code, id, en)) = required {
        findings.error(code, "members", Text::new(id, en));
    }
    if let Service::Change(ChangeReason::Death) = service
        && application.members.iter().any(|m| {
            m.change == MemberChange::Removed
                && m.relationship == Some(Relationship::KepalaKeluarga)
        })
    {
        findings.error(
            "change.death.head_died",
            "service",
            Text::new(
                "Jika kepala keluarga meninggal, pilih layanan \"KK baru: kepala keluarga meninggal\".",
                "When the head of the family died, choose the service \"New KK: new head after a death\".",
            ),
        );
    }
    if matches!(service, Service::NewKk(_) | Service::Reprint(_)) {
        for (index, member) in application.members.iter().enumerate() {
            if member.change != MemberChange::Unchanged {
                findings.error(
                    "service.member_change_not_allowed",
                    member_field(index, "change"),
                    Text::new(
                        "Layanan ini tidak menambah, mengeluarkan, atau memperbaiki anggota. Pilih layanan perubahan data untuk itu.",
                        "This service does not add, remove or correct members. Choose a data change service for that.",
                    ),
                );
            }
        }
    }
    if service == Service::NewKk(NewKkReason::NewlyMarried)
        && with_relationship(application, Relationship::Suami).is_empty()
        && with_relationship(application, Relationship::Istri).is_empty()
    {
        findings.error(
            "new_kk.newly_married.no_spouse",
            "members",
            Text::new(
                "KK baru untuk pasangan yang baru menikah harus mencantumkan suami atau istri.",
                "A new KK for a newly married couple must list the husband or wife.",
            ),
        );
    }
}

fn only<'a>(mut candidates: impl Iterator<Item = &'a &'a Member>) -> Option<&'a Member> {
    match (candidates.next(), candidates.next()) {
        (Some(one), None) => Some(*one),
        _ => None,
    }
}

fn sex_word_id(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "laki-laki",
        Sex::Female => "perempuan",
    }
}

fn sex_word_en(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "male",
        Sex::Female => "female",
    }
}
