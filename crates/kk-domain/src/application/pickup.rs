//! How the family receives the issued KK, and what it costs: nothing.

use serde::{Deserialize, Serialize};

use crate::text::Text;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PickupMethod {
    /// Download the PIN-protected PDF and print it on A4 HVS 80 g (kk-domain.md §3.1).
    #[default]
    DownloadAndPrint,
    AtKelurahan,
    AtKecamatan,
    /// Someone else collects it; a surat kuasa is then required.
    ByRepresentative,
    Post,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Pickup {
    pub method: PickupMethod,
    pub representative_name: String,
    pub representative_nik: String,
    /// Where to post the KK.
    pub postal_address: String,
}

/// The fee for every KK service, and its legal basis (kk-domain.md §6).
pub struct Fee {
    pub amount_rupiah: u32,
    pub label: &'static str,
    pub legal_basis_id: &'static str,
    pub legal_basis_en: &'static str,
}

pub const FEE: Fee = Fee {
    amount_rupiah: 0,
    label: "Gratis",
    legal_basis_id: "UU 24/2013 Pasal 79A: pengurusan dan penerbitan Dokumen Kependudukan tidak dipungut biaya.",
    legal_basis_en: "Law 24/2013 Article 79A: issuing population documents is free of charge.",
};

impl Fee {
    pub fn legal_basis(&self) -> Text {
        Text::new(self.legal_basis_id, self.legal_basis_en)
    }
}
