//! One application as the officer reviews it. Opening a submitted application puts it in
//! review; every view and every document opened is recorded in the audit trail.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kk_domain::application::{Application, Member};
use kk_domain::codes::{self, CodeList};
use kk_domain::region::RegionCode;
use kk_domain::status::ApplicationStatus;
use kk_domain::validation::{self, Severity, ValidationContext};
use maud::{Markup, html};

use super::decisions::{decision_forms, field_choices};
use super::error::ConsoleError;
use super::family_section::{OnAnotherKk, family_section};
use super::layout;
use super::queue::service_title;
use super::session::OfficerSession;
use crate::documents::is_sha256_hex;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{Actor, StoredApplication};

fn label(list: &CodeList, code: Option<u8>) -> String {
    code.and_then(|code| list.get(code))
        .map(|entry| entry.id.to_owned())
        .unwrap_or_else(|| "–".into())
}

fn date(value: Option<chrono::NaiveDate>) -> String {
    value
        .map(|d| d.format("%d-%m-%Y").to_string())
        .unwrap_or_else(|| "–".into())
}

fn region_name(state: &AppState, code: Option<&RegionCode>) -> String {
    code.and_then(|code| state.regions.find(code))
        .map(|region| region.name.clone())
        .unwrap_or_else(|| "–".into())
}

fn member_row(number: usize, member: &Member) -> Markup {
    html! {
        tr {
            td { (number) }
            td { (member.full_name) }
            td { (member.nik) }
            td { (label(&codes::JENIS_KELAMIN, member.sex.map(|s| s.code()))) }
            td { (member.birth_place) }
            td { (date(member.birth_date)) }
            td { (label(&codes::AGAMA, member.religion)) }
            td { (label(&codes::PENDIDIKAN, member.education)) }
            td { (label(&codes::PEKERJAAN, member.occupation)) }
            td { (label(&codes::GOLONGAN_DARAH, member.blood_type)) }
            td { (label(&codes::STATUS_PERKAWINAN, member.marital_status.map(|s| s.code()))) }
            td { (date(member.marriage_date)) }
            td { (label(&codes::SHDK, member.relationship.map(|r| r.code()))) }
            td { (label(&codes::KEWARGANEGARAAN, member.citizenship.map(|c| c.code()))) }
            td { (member.father_name) }
            td { (member.mother_name) }
        }
    }
}

fn data_section(state: &AppState, stored: &StoredApplication) -> Markup {
    let application: &Application = &stored.application;
    let address = &application.address;
    html! {
        h2 { "Alamat" }
        table {
            tr { th scope="row" { "Nomor KK lama" } td { (application.existing_kk_number) } }
            tr { th scope="row" { "Jalan" } td { (address.street) } }
            tr { th scope="row" { "RT / RW" } td { (address.rt) " / " (address.rw) } }
            tr { th scope="row" { "Desa/Kelurahan" } td { (region_name(state, address.village.as_ref())) } }
            tr { th scope="row" { "Kecamatan" } td { (region_name(state, address.district.as_ref())) } }
            tr { th scope="row" { "Kabupaten/Kota" } td { (region_name(state, address.regency.as_ref())) } }
            tr { th scope="row" { "Provinsi" } td { (region_name(state, address.province.as_ref())) } }
            tr { th scope="row" { "Kode pos" } td { (address.postal_code) } }
        }
        h2 { "Anggota keluarga" }
        div style="overflow-x: auto" {
            table id="members" {
                thead { tr {
                    @for heading in ["No", "Nama lengkap", "NIK", "Jenis kelamin", "Tempat lahir", "Tanggal lahir", "Agama",
                        "Pendidikan", "Pekerjaan", "Gol. darah", "Status perkawinan", "Tanggal perkawinan", "SHDK",
                        "Kewarganegaraan", "Ayah", "Ibu"] {
                        th scope="col" { (heading) }
                    }
                } }
                tbody {
                    @for (index, member) in application.resulting_members() {
                        (member_row(index + 1, member))
                    }
                }
            }
        }
        h2 { "Dokumen" }
        div class="documents" {
            @for document in &application.documents {
                @let url = format!("/console/applications/{}/documents/{}", stored.id, document.sha256);
                figure {
                    @if document.media_type.starts_with("image/") {
                        img src=(url) width="260" height="260" alt=(format!("Pratinjau {}", document.kind.title().id));
                    } @else {
                        object data=(url) type="application/pdf" width="260" height="340"
                            aria-label=(format!("Pratinjau {}", document.kind.title().id)) {
                            a href=(url) { "Buka PDF" }
                        }
                    }
                    figcaption { strong { (document.kind.title().id) } br; (document.file_name) }
                }
            }
        }
    }
}

fn checks_section(
    state: &AppState,
    stored: &StoredApplication,
    duplicates: &[crate::store::DuplicateNik],
) -> Markup {
    let context = ValidationContext::new(state.today(), Some(state.regions.as_ref()));
    let issues = validation::validate(&stored.application, &context);
    html! {
        h2 { "Pemeriksaan otomatis" }
        @if issues.is_empty() {
            p id="checks-clean" { "Tidak ada catatan dari aturan kk-domain." }
        } @else {
            ul id="checks" {
                @for issue in &issues {
                    li class=(if issue.severity == Severity::Error { "error" } else { "warning" }) {
                        strong { (if issue.severity == Severity::Error { "Kesalahan" } else { "Peringatan" }) }
                        ": " (issue.message.id) " (" code { (issue.field) } ")"
                    }
                }
            }
        }
        h2 { "NIK ganda" }
        @if duplicates.is_empty() {
            p id="duplicates-none" { "Tidak ada NIK dari permohonan ini di KK atau permohonan lain." }
        } @else {
            div class="notice" role="note" {
                "NIK berikut juga tercantum di permohonan atau KK lain. Periksa sebelum menyetujui."
            }
            table id="duplicates" {
                thead { tr { th { "NIK" } th { "Nama di sini" } th { "Nama di sana" } th { "Permohonan lain" } th { "Status" } } }
                tbody {
                    @for duplicate in duplicates {
                        tr {
                            td { (duplicate.nik) }
                            td { (duplicate.name_here) }
                            td { (duplicate.name_there) }
                            td { a href=(format!("/console/applications/{}", duplicate.other_id)) { (duplicate.other_registration_number) } }
                            td { (duplicate.other_status.title().id) }
                        }
                    }
                }
            }
        }
    }
}

fn timeline_section(timeline: &[kk_domain::api::StatusEvent]) -> Markup {
    html! {
        h2 { "Riwayat" }
        ol id="timeline" {
            @for event in timeline {
                li {
                    strong { (event.status.title().id) } " · " (event.at) " · revisi " (event.revision)
                    @if let Some(reason) = &event.reason { br; "Alasan: " (reason) }
                    @for field_reason in &event.field_reasons { br; code { (field_reason.field) } ": " (field_reason.reason) }
                }
            }
        }
    }
}

pub async fn page(
    State(state): State<AppState>,
    officer: OfficerSession,
    Path(id): Path<String>,
) -> Response {
    match render(&state, &officer, id).await {
        Ok(markup) => markup.into_response(),
        Err(error) => ConsoleError(error).into_response(),
    }
}

async fn render(
    state: &AppState,
    officer: &OfficerSession,
    id: String,
) -> Result<Markup, ApiError> {
    let actor = Actor::of(&officer.account);
    let lookup = id.clone();
    let now = state.now();
    let (stored, timeline, duplicates, issued, family, on_other_kks) = state
        .store(move |store| {
            let stored = store
                .application(&lookup)?
                .ok_or(crate::store::StoreError::NotFound)?;
            store.record_read(actor, &format!("application:{lookup}"), now)?;
            let existing = stored.application.existing_kk_digits();
            let family = store.family(&existing)?;
            let mut on_other_kks = Vec::new();
            for member in &stored.application.members {
                if member.nik.is_empty() {
                    continue;
                }
                if let Some(kk_number) = store.kk_number_of(&member.nik)?
                    && kk_number != existing
                {
                    on_other_kks.push(OnAnotherKk {
                        name: member.full_name.clone(),
                        kk_number,
                    });
                }
            }
            Ok((
                stored,
                store.timeline(&lookup)?,
                store.duplicate_niks(&lookup)?,
                store.issued_kk(&lookup)?,
                family,
                on_other_kks,
            ))
        })
        .await?;
    let choices = field_choices(&stored.application);
    let body = html! {
        p { a href="/console" { "← Antrean" } }
        h1 { "Permohonan " span id="registration-number" { (stored.registration_number) } }
        p {
            span class="pill" id="status" { (stored.status.title().id) }
            " · " (stored.application.service.map(|s| s.title().id).unwrap_or_else(|| service_title("")))
            " · revisi " (stored.revision)
        }
        @if let Some(issued) = &issued {
            section id="issued" aria-labelledby="issued-title" {
                h2 id="issued-title" { "KK terbit" }
                p {
                    "Nomor KK " strong id="kk-number" { (issued.kk_number) }
                    " · diterbitkan " (issued.issued_at.format("%Y-%m-%d %H:%M UTC"))
                    " · kunci tanda tangan " code { (issued.key_id) }
                    " · " (issued.encrypted_pdf.len() / 1024) " KB terenkripsi"
                }
                p { "Pemberitahuan dikirim lewat email, PIN lewat SMS. Server tidak menyimpan PIN." }
            }
        }
        (family_section(
            &stored.application.existing_kk_digits(),
            family.as_ref(),
            &stored.application,
            &on_other_kks,
        ))
        (checks_section(state, &stored, &duplicates))
        (data_section(state, &stored))
        (timeline_section(&timeline))
        @if stored.status == ApplicationStatus::InReview {
            (decision_forms(&stored.id, &officer.csrf, &choices))
        }
        @if matches!(stored.status, ApplicationStatus::Submitted | ApplicationStatus::Resubmitted) {
            (super::decisions::start_review_form(&stored.id, &officer.csrf))
        }
    };
    Ok(layout::page(
        stored.registration_number.as_str(),
        Some(&officer.account.full_name),
        Some(&officer.csrf),
        body,
    ))
}

/// A document of the application, for its preview; only documents the application names.
pub async fn document(
    State(state): State<AppState>,
    officer: OfficerSession,
    Path((id, sha256)): Path<(String, String)>,
) -> Result<Response, ConsoleError> {
    if !is_sha256_hex(&sha256) {
        return Err(ApiError::not_found().into());
    }
    let actor = Actor::of(&officer.account);
    let wanted = sha256.clone();
    let now = state.now();
    let media_type = state
        .store(move |store| {
            let stored = store
                .application(&id)?
                .ok_or(crate::store::StoreError::NotFound)?;
            if !stored
                .application
                .documents
                .iter()
                .any(|d| d.sha256 == wanted)
            {
                return Err(crate::store::StoreError::NotFound);
            }
            let record = store
                .document(stored.owner, &wanted)?
                .ok_or(crate::store::StoreError::NotFound)?;
            store.record_read(actor, &format!("document:{wanted}"), now)?;
            Ok(record.media_type)
        })
        .await?;
    let bytes = state
        .documents
        .read(&sha256)
        .await
        .map_err(|_| ApiError::not_found())?;
    let mut response = (StatusCode::OK, Body::from(bytes)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&media_type).map_err(ApiError::internal)?,
    );
    // `nosniff` comes with every console response (`headers.rs`). A crafted file opened in its own tab runs nothing with the console's origin.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}
