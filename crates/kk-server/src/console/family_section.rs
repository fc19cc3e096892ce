//! Beside the application: the family's current KK from the register, and what the
//! application changes on it, person by person (F-1.06's "Semula → Menjadi"). Members who stand
//! on another KK are named too: issuing moves them, and the officer should know.

use kk_domain::application::Application;
use kk_domain::register::{DiffRow, MemberDiff, diff};
use maud::{Markup, html};

use crate::store::RegisteredFamily;

/// A member of the application who stands on another KK of the register.
pub struct OnAnotherKk {
    pub name: String,
    pub kk_number: String,
}

pub fn family_section(
    existing_kk_number: &str,
    current: Option<&RegisteredFamily>,
    application: &Application,
    on_other_kks: &[OnAnotherKk],
) -> Markup {
    html! {
        section id="family" aria-labelledby="family-title" {
            h2 id="family-title" { "KK saat ini di register" }
            @match current {
                Some(current) => {
                    p {
                        "Nomor KK " strong { (current.family.kk_number) }
                        " · versi " (current.version)
                        " · " (current.family.members.len()) " anggota"
                    }
                    (diff_table(&diff(&current.family, application)))
                }
                None if existing_kk_number.is_empty() => {
                    p { "Permohonan ini tidak berangkat dari KK yang ada." }
                }
                None => {
                    p class="notice" id="family-missing" {
                        "KK " (existing_kk_number) " tidak ada di register. Periksa nomor KK pada dokumen KK lama."
                    }
                }
            }
            @if !on_other_kks.is_empty() {
                div class="notice" id="on-other-kks" {
                    p { "Tercatat di KK lain; saat KK ini terbit, mereka pindah dari KK itu:" }
                    ul {
                        @for member in on_other_kks {
                            li { (member.name) " — KK " (member.kk_number) }
                        }
                    }
                }
            }
        }
    }
}

fn diff_table(rows: &[DiffRow]) -> Markup {
    html! {
        table id="family-diff" {
            thead { tr { th { "Nama" } th { "NIK" } th { "Perubahan" } } }
            tbody {
                @for row in rows {
                    tr class=(row_class(&row.change)) {
                        td { (row.name) }
                        td { (if row.nik.is_empty() { "(baru)" } else { row.nik.as_str() }) }
                        td { (change_cell(&row.change)) }
                    }
                }
            }
        }
    }
}

fn row_class(change: &MemberDiff) -> &'static str {
    match change {
        MemberDiff::Unchanged => "diff-unchanged",
        MemberDiff::Added => "diff-added",
        MemberDiff::Leaving(_) => "diff-leaving",
        MemberDiff::Corrected(_) => "diff-corrected",
        MemberDiff::Omitted => "diff-omitted",
    }
}

fn change_cell(change: &MemberDiff) -> Markup {
    html! {
        @match change {
            MemberDiff::Unchanged => { "Tetap" }
            MemberDiff::Added => { strong { "Masuk" } }
            MemberDiff::Leaving(reason) => { strong { "Keluar" } " — " (reason.id) }
            MemberDiff::Omitted => {
                strong { "Tidak dicantumkan" } " — akan hilang dari KK tanpa alasan. Tanyakan kepada pemohon."
            }
            MemberDiff::Corrected(fields) => {
                strong { "Koreksi" }
                ul {
                    @for field in fields {
                        li { (field.label.id) ": " del { (field.before) } " → " ins { (field.after) } }
                    }
                }
            }
        }
    }
}
