//! The services a citizen can apply for (Perpres 96/2018 Pasal 10; kk-domain.md §5).

use serde::{Deserialize, Serialize};

use crate::text::{Text, capitalise};

/// What the application asks for: a new KK, a KK with changed data, or a reprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "reason", rename_all = "snake_case")]
pub enum Service {
    NewKk(NewKkReason),
    Change(ChangeReason),
    Reprint(ReprintReason),
}

/// Why a new KK is needed (§5.2, §5.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NewKkReason {
    /// Membentuk keluarga baru: a newly married couple.
    NewlyMarried,
    /// Pisah KK: leaving a family's KK to head one's own.
    SplitFromKk,
    /// Penggantian Kepala Keluarga: the head died.
    NewHeadAfterDeath,
    /// Pindah datang without the head of the old KK.
    MovingIn,
    /// WNI returning from abroad.
    ReturningFromAbroad,
    /// Penduduk rentan Adminduk.
    VulnerableResident,
    /// A foreigner naturalised as WNI.
    Naturalised,
    /// A foreigner holding a KITAP.
    Foreigner,
}

/// Which event changes an existing KK (§5.3, Perpres 96/2018 Ps.12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeReason {
    Birth,
    Death,
    MoveIn,
    MoveOut,
    Marriage,
    Divorce,
    Correction,
}

/// Why a KK is printed again (Perpres 96/2018 Ps.13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReprintReason {
    Lost,
    Damaged,
}

impl Service {
    /// Every service, in the order the app offers them.
    pub const ALL: [Service; 17] = [
        Service::NewKk(NewKkReason::NewlyMarried),
        Service::NewKk(NewKkReason::SplitFromKk),
        Service::NewKk(NewKkReason::NewHeadAfterDeath),
        Service::NewKk(NewKkReason::MovingIn),
        Service::NewKk(NewKkReason::ReturningFromAbroad),
        Service::NewKk(NewKkReason::VulnerableResident),
        Service::NewKk(NewKkReason::Naturalised),
        Service::NewKk(NewKkReason::Foreigner),
        Service::Change(ChangeReason::Birth),
        Service::Change(ChangeReason::Death),
        Service::Change(ChangeReason::MoveIn),
        Service::Change(ChangeReason::MoveOut),
        Service::Change(ChangeReason::Marriage),
        Service::Change(ChangeReason::Divorce),
        Service::Change(ChangeReason::Correction),
        Service::Reprint(ReprintReason::Lost),
        Service::Reprint(ReprintReason::Damaged),
    ];

    /// Whether the family already has a KK whose number the application must give.
    pub fn needs_existing_kk(self) -> bool {
        match self {
            Service::Change(_) | Service::Reprint(_) => true,
            Service::NewKk(reason) => {
                matches!(
                    reason,
                    NewKkReason::SplitFromKk | NewKkReason::NewHeadAfterDeath
                )
            }
        }
    }

    /// Why a member marked as leaving leaves the KK, as this service tells it: the F-1.06
    /// column a member's removal fills in. Services that remove no one by their nature (a birth,
    /// a reprint) have no reason to give, and say so: the officer will ask.
    pub fn leaving_reason(self) -> Text {
        let (id, en) = match self {
            Service::Change(ChangeReason::Death)
            | Service::NewKk(NewKkReason::NewHeadAfterDeath) => ("meninggal dunia", "died"),
            Service::Change(ChangeReason::MoveOut) => ("pindah keluar", "moves out"),
            Service::Change(ChangeReason::Divorce) => ("bercerai", "divorced"),
            Service::NewKk(NewKkReason::SplitFromKk) => {
                ("pisah KK, ke KK baru", "splits off to a new KK")
            }
            Service::NewKk(NewKkReason::NewlyMarried) => {
                ("menikah, ke KK baru", "marries, to a new KK")
            }
            _ => ("alasan belum disebut", "no reason given"),
        };
        Text::new(id, en)
    }

    /// A stable key, e.g. `new_kk.split_from_kk`, for URLs, logs and tests.
    pub fn key(self) -> &'static str {
        match self {
            Service::NewKk(NewKkReason::NewlyMarried) => "new_kk.newly_married",
            Service::NewKk(NewKkReason::SplitFromKk) => "new_kk.split_from_kk",
            Service::NewKk(NewKkReason::NewHeadAfterDeath) => "new_kk.new_head_after_death",
            Service::NewKk(NewKkReason::MovingIn) => "new_kk.moving_in",
            Service::NewKk(NewKkReason::ReturningFromAbroad) => "new_kk.returning_from_abroad",
            Service::NewKk(NewKkReason::VulnerableResident) => "new_kk.vulnerable_resident",
            Service::NewKk(NewKkReason::Naturalised) => "new_kk.naturalised",
            Service::NewKk(NewKkReason::Foreigner) => "new_kk.foreigner",
            Service::Change(ChangeReason::Birth) => "change.birth",
            Service::Change(ChangeReason::Death) => "change.death",
            Service::Change(ChangeReason::MoveIn) => "change.move_in",
            Service::Change(ChangeReason::MoveOut) => "change.move_out",
            Service::Change(ChangeReason::Marriage) => "change.marriage",
            Service::Change(ChangeReason::Divorce) => "change.divorce",
            Service::Change(ChangeReason::Correction) => "change.correction",
            Service::Reprint(ReprintReason::Lost) => "reprint.lost",
            Service::Reprint(ReprintReason::Damaged) => "reprint.damaged",
        }
    }

    /// The name within its group, e.g. "kelahiran" under "Perubahan data".
    pub fn reason_title(self) -> Text {
        let title = self.title();
        let after_group = |text: &str| match text.split_once(": ") {
            Some((_, reason)) => capitalise(reason),
            None => text.to_owned(),
        };
        Text::new(after_group(&title.id), after_group(&title.en))
    }

    /// The service's name as the citizen reads it.
    pub fn title(self) -> Text {
        let (id, en) = match self {
            Service::NewKk(NewKkReason::NewlyMarried) => {
                ("KK baru: baru menikah", "New KK: newly married")
            }
            Service::NewKk(NewKkReason::SplitFromKk) => {
                ("KK baru: pisah KK", "New KK: splitting from a KK")
            }
            Service::NewKk(NewKkReason::NewHeadAfterDeath) => (
                "KK baru: kepala keluarga meninggal",
                "New KK: new head after a death",
            ),
            Service::NewKk(NewKkReason::MovingIn) => {
                ("KK baru: pindah datang", "New KK: moving in")
            }
            Service::NewKk(NewKkReason::ReturningFromAbroad) => (
                "KK baru: WNI datang dari luar negeri",
                "New KK: citizen returning from abroad",
            ),
            Service::NewKk(NewKkReason::VulnerableResident) => (
                "KK baru: penduduk rentan adminduk",
                "New KK: resident at risk of exclusion",
            ),
            Service::NewKk(NewKkReason::Naturalised) => {
                ("KK baru: pewarganegaraan", "New KK: naturalised citizen")
            }
            Service::NewKk(NewKkReason::Foreigner) => (
                "KK baru: orang asing (KITAP)",
                "New KK: foreign resident (KITAP)",
            ),
            Service::Change(ChangeReason::Birth) => {
                ("Perubahan data: kelahiran", "Data change: birth")
            }
            Service::Change(ChangeReason::Death) => {
                ("Perubahan data: kematian", "Data change: death")
            }
            Service::Change(ChangeReason::MoveIn) => {
                ("Perubahan data: pindah masuk", "Data change: moving in")
            }
            Service::Change(ChangeReason::MoveOut) => {
                ("Perubahan data: pindah keluar", "Data change: moving out")
            }
            Service::Change(ChangeReason::Marriage) => {
                ("Perubahan data: perkawinan", "Data change: marriage")
            }
            Service::Change(ChangeReason::Divorce) => {
                ("Perubahan data: perceraian", "Data change: divorce")
            }
            Service::Change(ChangeReason::Correction) => {
                ("Perubahan data: perbaikan data", "Data change: correction")
            }
            Service::Reprint(ReprintReason::Lost) => ("Cetak ulang: KK hilang", "Reprint: KK lost"),
            Service::Reprint(ReprintReason::Damaged) => {
                ("Cetak ulang: KK rusak", "Reprint: KK damaged")
            }
        };
        Text::new(id, en)
    }
}
