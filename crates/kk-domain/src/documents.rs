//! Supporting documents: their kinds, what is attached, and which ones each service requires
//! (kk-domain.md §5.3, Perpres 96/2018 Pasal 11–13, Permendagri 108/2019 Pasal 10).

use serde::{Deserialize, Serialize};

use crate::application::{
    Application, ChangeReason, Citizenship, MaritalStatus, NewKkReason, PickupMethod,
    ReprintReason, Service,
};
use crate::text::Text;

/// A kind of supporting document, as listed on form F-1.02's attachment checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    KkLama,
    KkRusak,
    KkYangDitumpangi,
    BukuNikah,
    SptjmPerkawinanBelumTercatat,
    AktaPerceraian,
    AktaKematian,
    SuratKeteranganKematian,
    AktaKelahiran,
    SuratKeteranganKelahiran,
    SuratKeteranganPindah,
    SuratKeteranganPindahLuarNegeri,
    SuratKeteranganPenggantiIdentitas,
    KeputusanPewarganegaraan,
    Kitap,
    KtpEl,
    SuratKeteranganHilangKepolisian,
    BuktiPerubahanData,
    SuratPernyataanPerubahanData,
    SuratKuasa,
}

/// A file the citizen attached. The bytes live with the shell (and later the server), named by
/// their SHA-256; the application only refers to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachedDocument {
    pub kind: DocumentKind,
    pub file_name: String,
    /// Detected from the content, never from the name: `application/pdf`, `image/jpeg`, `image/png`.
    pub media_type: String,
    pub size_bytes: u64,
    /// Lower-case hex SHA-256 of the stored bytes.
    pub sha256: String,
}

/// The file types the app and the server accept, each detected from the file's content.
pub const ACCEPTED_MEDIA_TYPES: &[&str] = &["application/pdf", "image/jpeg", "image/png"];

/// The largest file the app accepts; the UI checks it before reading, the shell again after.
pub const MAX_ATTACHMENT_BYTES: usize = 20 * 1024 * 1024;

/// "Berkas terlalu besar (200.0 MB). Batasnya 20.0 MB. …"
pub fn attachment_too_large(bytes: usize, limit: usize) -> Text {
    // Integer arithmetic: float formatting would add ~15 KB of code to the wasm UI.
    let megabytes = |bytes: usize| {
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    };
    Text::new(
        format!(
            "Berkas terlalu besar ({}). Batasnya {}. Foto ulang dengan resolusi lebih kecil, atau pilih berkas lain.",
            megabytes(bytes),
            megabytes(limit)
        ),
        format!(
            "The file is too large ({}). The limit is {}. Take the photo again at a lower resolution, or choose another file.",
            megabytes(bytes),
            megabytes(limit)
        ),
    )
}

/// One requirement: attach at least one document of these kinds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirement {
    pub any_of: Vec<DocumentKind>,
}

impl Requirement {
    fn of(kinds: &[DocumentKind]) -> Requirement {
        Requirement {
            any_of: kinds.to_vec(),
        }
    }

    pub fn is_met_by(&self, documents: &[AttachedDocument]) -> bool {
        documents
            .iter()
            .any(|document| self.any_of.contains(&document.kind))
    }

    /// "Akta kelahiran atau surat keterangan kelahiran".
    pub fn title(&self) -> Text {
        let titles: Vec<Text> = self.any_of.iter().map(|kind| kind.title()).collect();
        let join = |pick: fn(&Text) -> &str, word: &str| {
            titles.iter().map(pick).collect::<Vec<_>>().join(word)
        };
        Text::new(join(|t| &t.id, " atau "), join(|t| &t.en, " or "))
    }
}

/// The documents this application needs: those of its service, plus those its content calls
/// for (a foreign member's KITAP, an SPTJM for an unregistered marriage, a representative's
/// power of attorney).
pub fn required_documents(application: &Application) -> Vec<Requirement> {
    use DocumentKind::*;
    let mut requirements: Vec<Requirement> = match application.service {
        None => Vec::new(),
        Some(service) => for_service(service)
            .iter()
            .map(|kinds| Requirement::of(kinds))
            .collect(),
    };
    let mut add = |kinds: &[DocumentKind]| {
        let requirement = Requirement::of(kinds);
        if !requirements.contains(&requirement) {
            requirements.push(requirement);
        }
    };
    let members: Vec<_> = application.resulting_members().map(|(_, m)| m).collect();
    if members
        .iter()
        .any(|m| m.citizenship == Some(Citizenship::Wna))
    {
        add(&[Kitap]);
    }
    if members
        .iter()
        .any(|m| m.marital_status == Some(MaritalStatus::KawinBelumTercatat))
    {
        add(&[SptjmPerkawinanBelumTercatat]);
    }
    if application.pickup.method == PickupMethod::ByRepresentative {
        add(&[SuratKuasa]);
    }
    requirements
}

/// The documents of each service, each inner list being "any one of these" (§5.3).
fn for_service(service: Service) -> &'static [&'static [DocumentKind]] {
    use DocumentKind::*;
    match service {
        Service::NewKk(reason) => match reason {
            NewKkReason::NewlyMarried => &[&[BukuNikah, SptjmPerkawinanBelumTercatat]],
            NewKkReason::SplitFromKk => &[&[KkLama], &[KtpEl]],
            NewKkReason::NewHeadAfterDeath => &[&[KkLama], &[AktaKematian]],
            NewKkReason::MovingIn => &[&[SuratKeteranganPindah]],
            NewKkReason::ReturningFromAbroad => &[&[SuratKeteranganPindahLuarNegeri]],
            NewKkReason::VulnerableResident => &[&[SuratKeteranganPenggantiIdentitas]],
            NewKkReason::Naturalised => &[&[KeputusanPewarganegaraan]],
            NewKkReason::Foreigner => &[&[Kitap]],
        },
        Service::Change(reason) => match reason {
            ChangeReason::Birth => &[&[KkLama], &[AktaKelahiran, SuratKeteranganKelahiran]],
            ChangeReason::Death => &[&[KkLama], &[AktaKematian, SuratKeteranganKematian]],
            ChangeReason::MoveIn => &[
                &[KkLama],
                &[KkYangDitumpangi],
                &[SuratKeteranganPindah, SuratKeteranganPindahLuarNegeri],
            ],
            ChangeReason::MoveOut => &[&[KkLama], &[SuratKeteranganPindah]],
            ChangeReason::Marriage => &[&[KkLama], &[BukuNikah]],
            ChangeReason::Divorce => &[&[KkLama], &[AktaPerceraian, SptjmPerkawinanBelumTercatat]],
            ChangeReason::Correction => &[
                &[KkLama],
                &[BuktiPerubahanData],
                &[SuratPernyataanPerubahanData],
            ],
        },
        Service::Reprint(reason) => match reason {
            ReprintReason::Lost => &[&[SuratKeteranganHilangKepolisian], &[KtpEl]],
            ReprintReason::Damaged => &[&[KkRusak], &[KtpEl]],
        },
    }
}

impl DocumentKind {
    pub fn title(self) -> Text {
        use DocumentKind::*;
        let (id, en) = match self {
            KkLama => ("Kartu Keluarga lama", "The current family card (KK)"),
            KkRusak => ("Kartu Keluarga yang rusak", "The damaged family card"),
            KkYangDitumpangi => ("KK yang akan ditumpangi", "The family card being joined"),
            BukuNikah => (
                "Buku nikah / kutipan akta perkawinan",
                "Marriage book or certificate",
            ),
            SptjmPerkawinanBelumTercatat => (
                "SPTJM perkawinan/perceraian belum tercatat (F-1.05)",
                "Statement of unregistered marriage or divorce (F-1.05)",
            ),
            AktaPerceraian => ("Kutipan akta perceraian", "Divorce certificate"),
            AktaKematian => ("Akta kematian", "Death certificate"),
            SuratKeteranganKematian => ("Surat keterangan kematian", "Death notice"),
            AktaKelahiran => ("Kutipan akta kelahiran", "Birth certificate"),
            SuratKeteranganKelahiran => (
                "Surat keterangan kelahiran (rumah sakit/bidan)",
                "Birth notice from the hospital or midwife",
            ),
            SuratKeteranganPindah => (
                "Surat keterangan pindah (SKPWNI)",
                "Moving certificate (SKPWNI)",
            ),
            SuratKeteranganPindahLuarNegeri => (
                "Surat keterangan pindah luar negeri",
                "Certificate of moving from abroad",
            ),
            SuratKeteranganPenggantiIdentitas => (
                "Surat keterangan pengganti tanda identitas",
                "Substitute identity letter",
            ),
            KeputusanPewarganegaraan => (
                "Petikan Keppres pewarganegaraan dan berita acara sumpah",
                "Naturalisation decree and oath record",
            ),
            Kitap => ("KITAP", "Permanent stay permit (KITAP)"),
            KtpEl => ("KTP-el", "Electronic ID card (KTP-el)"),
            SuratKeteranganHilangKepolisian => (
                "Surat keterangan hilang dari kepolisian",
                "Police report of the loss",
            ),
            BuktiPerubahanData => (
                "Bukti perubahan data (ijazah, putusan pengadilan, dll.)",
                "Proof of the change (diploma, court decision, etc.)",
            ),
            SuratPernyataanPerubahanData => (
                "Surat pernyataan perubahan elemen data (F-1.06)",
                "Statement of data change (F-1.06)",
            ),
            SuratKuasa => ("Surat kuasa pengambilan", "Power of attorney for pickup"),
        };
        Text::new(id, en)
    }
}
