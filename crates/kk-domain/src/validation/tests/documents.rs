//! Required documents per service (kk-domain.md §5.3).

use super::fixtures::*;
use crate::application::*;
use crate::documents::{DocumentKind::*, required_documents};
use crate::validation::Severity::*;

fn kinds_for(service: Service) -> Vec<Vec<crate::documents::DocumentKind>> {
    let application = Application {
        service: Some(service),
        ..Application::default()
    };
    required_documents(&application)
        .into_iter()
        .map(|r| r.any_of)
        .collect()
}

#[test]
fn each_service_requires_the_documents_of_the_regulation() {
    use ChangeReason as C;
    use NewKkReason as N;
    let cases = [
        (
            Service::NewKk(N::NewlyMarried),
            vec![vec![BukuNikah, SptjmPerkawinanBelumTercatat]],
        ),
        (
            Service::NewKk(N::SplitFromKk),
            vec![vec![KkLama], vec![KtpEl]],
        ),
        (
            Service::NewKk(N::NewHeadAfterDeath),
            vec![vec![KkLama], vec![AktaKematian]],
        ),
        (
            Service::NewKk(N::MovingIn),
            vec![vec![SuratKeteranganPindah]],
        ),
        (
            Service::NewKk(N::ReturningFromAbroad),
            vec![vec![SuratKeteranganPindahLuarNegeri]],
        ),
        (
            Service::NewKk(N::VulnerableResident),
            vec![vec![SuratKeteranganPenggantiIdentitas]],
        ),
        (
            Service::NewKk(N::Naturalised),
            vec![vec![KeputusanPewarganegaraan]],
        ),
        (Service::NewKk(N::Foreigner), vec![vec![Kitap]]),
        (
            Service::Change(C::Birth),
            vec![vec![KkLama], vec![AktaKelahiran, SuratKeteranganKelahiran]],
        ),
        (
            Service::Change(C::Death),
            vec![vec![KkLama], vec![AktaKematian, SuratKeteranganKematian]],
        ),
        (
            Service::Change(C::MoveIn),
            vec![
                vec![KkLama],
                vec![KkYangDitumpangi],
                vec![SuratKeteranganPindah, SuratKeteranganPindahLuarNegeri],
            ],
        ),
        (
            Service::Change(C::MoveOut),
            vec![vec![KkLama], vec![SuratKeteranganPindah]],
        ),
        (
            Service::Change(C::Marriage),
            vec![vec![KkLama], vec![BukuNikah]],
        ),
        (
            Service::Change(C::Divorce),
            vec![
                vec![KkLama],
                vec![AktaPerceraian, SptjmPerkawinanBelumTercatat],
            ],
        ),
        (
            Service::Change(C::Correction),
            vec![
                vec![KkLama],
                vec![BuktiPerubahanData],
                vec![SuratPernyataanPerubahanData],
            ],
        ),
        (
            Service::Reprint(ReprintReason::Lost),
            vec![vec![SuratKeteranganHilangKepolisian], vec![KtpEl]],
        ),
        (
            Service::Reprint(ReprintReason::Damaged),
            vec![vec![KkRusak], vec![KtpEl]],
        ),
    ];
    assert_eq!(cases.len(), Service::ALL.len(), "every service has a case");
    for (service, expected) in cases {
        assert_eq!(kinds_for(service), expected, "{}", service.key());
    }
}

#[test]
fn a_missing_document_is_an_error_and_any_one_of_the_alternatives_satisfies_it() {
    let mut application = valid_family();
    application.documents.retain(|d| d.kind != AktaKelahiran);
    assert_issue(&application, Error, "documents.missing", "documents");
    application.documents.push(attach(SuratKeteranganKelahiran));
    assert_no_issue(&application, "documents.missing");
}

#[test]
fn pickup_by_a_representative_requires_a_power_of_attorney() {
    let mut application = valid_family();
    application.pickup = Pickup {
        method: PickupMethod::ByRepresentative,
        representative_name: "Agus Salim".into(),
        representative_nik: "3201010101800001".into(),
        postal_address: String::new(),
    };
    assert_issue(&application, Error, "documents.missing", "documents");
    application.documents.push(attach(SuratKuasa));
    assert_no_issue(&application, "documents.missing");
}

#[test]
fn only_pdf_jpeg_and_png_are_accepted() {
    let mut application = valid_family();
    application.documents[0].media_type = "application/x-msdownload".into();
    assert_issue(
        &application,
        Error,
        "documents.unsupported_type",
        "documents[0]",
    );
}

#[test]
fn the_fee_is_free_by_law() {
    assert_eq!(FEE.amount_rupiah, 0);
    assert_eq!(FEE.label, "Gratis");
    assert!(FEE.legal_basis().id.contains("Pasal 79A"));
}
