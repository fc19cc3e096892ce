//! The register of families: each family's current KK, as Dukcapil's back office (SIAK) keeps
//! it and as our server plays it. A change starts from a registered family, and issuing a KK
//! writes the register.
//!
//! The rules here are pure: which services keep a family's KK number, and how a newborn's NIK
//! is built. The server allocates the serial, which needs the whole register.

mod diff;

pub use diff::{DiffRow, FieldChange, MemberDiff, diff};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::application::{Address, ChangeReason, Member, MemberChange, NewKkReason, Service, Sex};

/// A family's current KK as the register holds it: its number, its address and its members,
/// in the order the KK lists them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Family {
    pub kk_number: String,
    pub address: Address,
    pub members: Vec<Member>,
}

impl Family {
    /// The family's members as the start of an application: everyone on the KK, unchanged.
    pub fn members_as_recorded(&self) -> Vec<Member> {
        self.members
            .iter()
            .cloned()
            .map(|member| Member {
                change: MemberChange::Unchanged,
                ..member
            })
            .collect()
    }
}

/// What an approved application does to the family's KK number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KkNumberRule {
    /// The family keeps its number.
    Keep,
    /// The resulting family gets a new number.
    New,
}

/// Whether a service keeps the family's KK number (kk-domain.md §2, last row: the number
/// changes on a move to another region, a new head after a death, a divorce (for the ex-spouse,
/// who gets a KK of their own) and a split; §5.2 lists the cases that make a new KK).
///
/// - Every "KK baru" case makes a new family card with a new number: a new family, a split
///   (pisah KK), a new head after a death, moving in without the old head, returning from
///   abroad, a vulnerable resident, naturalisation, a foreigner with a KITAP.
/// - A change keeps the number: a birth, a death of a member who is not the head (a head's
///   death is "KK baru: penggantian kepala keluarga"), someone moving in or out, a marriage
///   into the family, a divorce (the head's KK keeps it; the ex-spouse applies for a new one),
///   and a correction.
/// - A reprint is the same KK again.
pub fn kk_number_rule(service: Service) -> KkNumberRule {
    match service {
        Service::NewKk(_) => KkNumberRule::New,
        Service::Change(_) | Service::Reprint(_) => KkNumberRule::Keep,
    }
}

/// Whether a service starts from a family in the register: every change and reprint, and
/// the new KKs that split from or replace an old one.
pub fn starts_from_register(service: Service) -> bool {
    match service {
        Service::Change(_) | Service::Reprint(_) => true,
        Service::NewKk(reason) => matches!(
            reason,
            NewKkReason::SplitFromKk | NewKkReason::NewHeadAfterDeath | NewKkReason::MovingIn
        ),
    }
}

/// Whether a member of an application is a newborn who needs a NIK: added by a birth, with
/// no NIK typed.
pub fn needs_newborn_nik(service: Service, member: &Member) -> bool {
    service == Service::Change(ChangeReason::Birth)
        && member.change == MemberChange::Added
        && member.nik.trim().is_empty()
}

/// The first twelve digits of a newborn's NIK (kk-domain.md §1.1): the district where the
/// birth is registered (six digits), then the birth date as DDMMYY, with 40 added to the day
/// for a girl. The register adds the four-digit serial, from 0001.
pub fn newborn_nik_prefix(district_digits: &str, birth_date: NaiveDate, sex: Sex) -> String {
    let day = birth_date.day() + if sex == Sex::Female { 40 } else { 0 };
    format!(
        "{district_digits}{day:02}{:02}{:02}",
        birth_date.month(),
        birth_date.year() % 100
    )
}

/// Why the register refuses to approve an application as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterRefusal {
    /// The family changed in the register after the application was prefilled from it.
    Stale { started_from: u32, now: u32 },
    /// A member stands on another KK but the application does not move them in (R3/R4).
    OnAnotherKk { member: String, kk_number: String },
}

impl RegisterRefusal {
    /// The reason, for the officer.
    pub fn text(&self) -> crate::text::Text {
        match self {
            RegisterRefusal::Stale { started_from, now } => crate::text::Text::new(
                format!(
                    "Data keluarga di register berubah sejak permohonan ini dibuat (versi {started_from}, sekarang {now}). Kembalikan untuk perbaikan agar pemohon memulai dari KK terbaru."
                ),
                format!(
                    "The family changed in the register after this application was made (version {started_from}, now {now}). Return it for correction so the citizen starts from the current KK."
                ),
            ),
            RegisterRefusal::OnAnotherKk { member, kk_number } => crate::text::Text::new(
                format!(
                    "{member} tercatat di KK {kk_number}. Setiap penduduk hanya pada satu KK: permohonan harus mencatatnya sebagai anggota yang masuk (pindah), atau NIK-nya salah."
                ),
                format!(
                    "{member} stands on KK {kk_number}. A person is on one KK only: the application must list them as joining (moving in), or their NIK is wrong."
                ),
            ),
        }
    }
}

/// What the register says against approving `application`: `current_version` is the family's
/// version now (if it is registered), and `standing` tells which KK a NIK stands on.
pub fn check_against_register(
    application: &crate::application::Application,
    current_version: Option<u32>,
    standing: impl Fn(&str) -> Option<String>,
) -> Vec<RegisterRefusal> {
    let own = application.existing_kk_digits();
    let mut refusals = Vec::new();
    if let (Some(started_from), Some(now)) = (application.register_version, current_version)
        && started_from != now
    {
        refusals.push(RegisterRefusal::Stale { started_from, now });
    }
    for (_, member) in application.resulting_members() {
        if member.nik.trim().is_empty() || member.change == MemberChange::Added {
            continue;
        }
        if let Some(kk_number) = standing(&member.nik)
            && kk_number != own
        {
            refusals.push(RegisterRefusal::OnAnotherKk {
                member: member.full_name.trim().to_owned(),
                kk_number,
            });
        }
    }
    refusals
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::ReprintReason;
    use crate::nik::Nik;
    use crate::sample;

    #[test]
    fn a_newborn_nik_carries_the_district_the_birth_date_and_the_girl_offset() {
        let born = sample::date("2026-11-02");
        let girl = newborn_nik_prefix("320101", born, Sex::Female);
        assert_eq!(girl, "320101421126");
        let nik = Nik::parse(&format!("{girl}0001")).unwrap();
        assert_eq!(nik.sex(), Sex::Female);
        assert_eq!(
            newborn_nik_prefix("320101", born, Sex::Male),
            "320101021126"
        );
    }

    #[test]
    fn changes_and_reprints_keep_the_number_and_new_kks_get_one() {
        assert_eq!(
            kk_number_rule(Service::Change(ChangeReason::Birth)),
            KkNumberRule::Keep
        );
        assert_eq!(
            kk_number_rule(Service::Reprint(ReprintReason::Lost)),
            KkNumberRule::Keep
        );
        assert_eq!(
            kk_number_rule(Service::NewKk(NewKkReason::SplitFromKk)),
            KkNumberRule::New
        );
        assert!(starts_from_register(Service::NewKk(
            NewKkReason::NewHeadAfterDeath
        )));
        assert!(!starts_from_register(Service::NewKk(
            NewKkReason::NewlyMarried
        )));
    }

    #[test]
    fn only_a_birth_without_a_typed_nik_gets_a_new_one() {
        let mut baby = sample::child("Bayi Santoso", "", "2026-11-02");
        baby.change = MemberChange::Added;
        assert!(needs_newborn_nik(
            Service::Change(ChangeReason::Birth),
            &baby
        ));
        baby.nik = "3201014211260001".into();
        assert!(!needs_newborn_nik(
            Service::Change(ChangeReason::Birth),
            &baby
        ));
    }

    #[test]
    fn a_stale_application_and_a_member_on_another_kk_are_refused() {
        let mut application = sample::valid_family();
        application.register_version = Some(1);
        let standing =
            |nik: &str| (nik == "3201015708920002").then(|| "3201011502120007".to_owned());
        let refusals = check_against_register(&application, Some(2), standing);
        assert_eq!(
            refusals,
            [
                RegisterRefusal::Stale {
                    started_from: 1,
                    now: 2
                },
                RegisterRefusal::OnAnotherKk {
                    member: "Siti Aminah".into(),
                    kk_number: "3201011502120007".into()
                }
            ]
        );
        // Moving in is how a person leaves another KK.
        application.members[1].change = MemberChange::Added;
        assert_eq!(check_against_register(&application, Some(1), standing), []);
    }
}
