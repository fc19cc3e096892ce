//! The officer's three decisions on an application in review: return for correction with a
//! reason per field, reject with a reason, approve. Each is a form with the session's CSRF
//! token, and each transition is checked by the store against the status machine. Approval
//! issues the KK at once ([`crate::issuance`]).

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kk_domain::api::FieldReason;
use kk_domain::application::Application;
use kk_domain::status::ApplicationStatus;
use kk_domain::validation::FieldPath;
use maud::{Markup, html};

use super::error::ConsoleError;
use super::layout;
use super::session::OfficerSession;
use crate::state::AppState;
use crate::store::{Actor, Transition};

/// How many fields one return can name.
const FIELD_ROWS: usize = 3;

/// The answers an officer can point at, as (field path, label).
pub fn field_choices(application: &Application) -> Vec<(String, String)> {
    let mut choices = vec![
        ("existing_kk_number".to_owned(), "Nomor KK lama".to_owned()),
        ("address.street".into(), "Alamat: jalan".into()),
        ("address.rt".into(), "Alamat: RT".into()),
        ("address.rw".into(), "Alamat: RW".into()),
        ("address.village".into(), "Alamat: desa/kelurahan".into()),
    ];
    let member_fields = [
        ("full_name", "nama lengkap"),
        ("nik", "NIK"),
        ("birth_place", "tempat lahir"),
        ("birth_date", "tanggal lahir"),
        ("relationship", "hubungan dalam keluarga"),
        ("marital_status", "status perkawinan"),
        ("father_name", "nama ayah"),
        ("mother_name", "nama ibu"),
    ];
    for (index, member) in application.members.iter().enumerate() {
        for (field, label) in member_fields {
            choices.push((
                FieldPath::member(index, field).to_string(),
                format!(
                    "Anggota {} ({}): {label}",
                    index + 1,
                    member.full_name.trim()
                ),
            ));
        }
    }
    for (index, document) in application.documents.iter().enumerate() {
        choices.push((
            FieldPath::document(index).to_string(),
            format!("Dokumen: {}", document.kind.title().id),
        ));
    }
    choices
}

pub fn decision_forms(id: &str, csrf: &str, choices: &[(String, String)]) -> Markup {
    html! {
        h2 { "Keputusan" }
        div class="decisions" {
            section aria-labelledby="return-title" {
                h3 id="return-title" { "Kembalikan untuk perbaikan" }
                form method="post" action=(format!("/console/applications/{id}/return")) {
                    input type="hidden" name="csrf" value=(csrf);
                    @for row in 1..=FIELD_ROWS {
                        p {
                            label for=(format!("field-{row}")) { "Isian " (row) }
                            select id=(format!("field-{row}")) name=(format!("field_{row}")) {
                                option value="" { "— pilih isian —" }
                                @for (value, text) in choices { option value=(value) { (text) } }
                            }
                        }
                        p {
                            label for=(format!("field-reason-{row}")) { "Yang perlu diperbaiki pada isian " (row) }
                            textarea id=(format!("field-reason-{row}")) name=(format!("field_reason_{row}")) {}
                        }
                    }
                    p {
                        label for="return-note" { "Catatan untuk pemohon (opsional)" }
                        textarea id="return-note" name="reason" {}
                    }
                    button type="submit" id="return-submit" class="secondary" { "Kembalikan" }
                }
            }
            section aria-labelledby="reject-title" {
                h3 id="reject-title" { "Tolak" }
                form method="post" action=(format!("/console/applications/{id}/reject")) {
                    input type="hidden" name="csrf" value=(csrf);
                    p {
                        label for="reject-reason" { "Alasan penolakan (wajib)" }
                        textarea id="reject-reason" name="reason" required {}
                    }
                    button type="submit" id="reject-submit" class="danger" { "Tolak" }
                }
            }
            section aria-labelledby="approve-title" {
                h3 id="approve-title" { "Setujui" }
                form method="post" action=(format!("/console/applications/{id}/approve")) {
                    input type="hidden" name="csrf" value=(csrf);
                    p { "Data dan dokumen sudah diperiksa dan sesuai." }
                    button type="submit" id="approve-submit" { "Setujui" }
                }
            }
        }
    }
}

fn problem(officer: &OfficerSession, id: &str, message: &str) -> Response {
    let body = html! {
        h1 { "Keputusan belum tersimpan" }
        div class="problem" role="alert" id="decision-problem" { (message) }
        p { a href=(format!("/console/applications/{id}")) { "Kembali ke permohonan" } }
    };
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        layout::page(
            "Keputusan",
            Some(&officer.account.full_name),
            Some(&officer.csrf),
            body,
        ),
    )
        .into_response()
}

async fn decide(
    state: &AppState,
    officer: &OfficerSession,
    id: String,
    fields: &HashMap<String, String>,
    to: ApplicationStatus,
    reason: Option<String>,
    field_reasons: Vec<FieldReason>,
) -> Response {
    if fields.get("csrf") != Some(&officer.csrf) {
        return problem(
            officer,
            &id,
            "Formulir kedaluwarsa. Muat ulang halaman lalu coba lagi.",
        );
    }
    if to == ApplicationStatus::Approved {
        match crate::issuance::register_refusals(state, &id).await {
            Ok(refusals) if refusals.is_empty() => {}
            Ok(refusals) => {
                let reasons: Vec<String> = refusals.iter().map(|r| r.text().id).collect();
                return problem(officer, &id, &reasons.join(" "));
            }
            Err(error) => return ConsoleError::from(error).into_response(),
        }
    }
    let transition = Transition {
        to,
        actor: Actor::of(&officer.account),
        reason,
        field_reasons,
        at: state.now(),
    };
    let target = id.clone();
    match state
        .store(move |store| store.transition(&target, transition))
        .await
    {
        Ok(_) if to == ApplicationStatus::Approved => {
            match crate::issuance::issue(state, &id).await {
                Ok(_) => Redirect::to(&format!("/console/applications/{id}")).into_response(),
                Err(error) => {
                    tracing::error!(application = id, "issuance failed: {error}");
                    problem(
                        officer,
                        &id,
                        "Permohonan disetujui, tetapi KK belum dapat diterbitkan. Sistem akan mencoba lagi saat server dimulai ulang; hubungi admin bila berlanjut.",
                    )
                }
            }
        }
        Ok(_) => Redirect::to(&format!("/console/applications/{id}")).into_response(),
        Err(error) if error.status == StatusCode::CONFLICT => {
            problem(officer, &id, &error.body.message.id)
        }
        Err(error) => ConsoleError(error).into_response(),
    }
}

fn text(fields: &HashMap<String, String>, name: &str) -> Option<String> {
    fields
        .get(name)
        .map(|value| value.trim().chars().take(1000).collect::<String>())
        .filter(|value| !value.is_empty())
}

pub async fn return_for_correction(
    State(state): State<AppState>,
    officer: OfficerSession,
    Path(id): Path<String>,
    Form(fields): Form<HashMap<String, String>>,
) -> Response {
    let field_reasons: Vec<FieldReason> = (1..=FIELD_ROWS)
        .filter_map(|row| {
            Some(FieldReason {
                field: FieldPath::new(text(&fields, &format!("field_{row}"))?),
                reason: text(&fields, &format!("field_reason_{row}"))?,
            })
        })
        .collect();
    if field_reasons.is_empty() {
        return problem(
            &officer,
            &id,
            "Pilih minimal satu isian dan tulis apa yang perlu diperbaiki.",
        );
    }
    let reason = text(&fields, "reason");
    decide(
        &state,
        &officer,
        id,
        &fields,
        ApplicationStatus::NeedsCorrection,
        reason,
        field_reasons,
    )
    .await
}

/// "Mulai periksa": the officer takes a submitted application into review. A POST with the
/// CSRF token, so merely opening (or prefetching) the page changes nothing.
pub async fn start_review(
    State(state): State<AppState>,
    officer: OfficerSession,
    Path(id): Path<String>,
    Form(fields): Form<HashMap<String, String>>,
) -> Response {
    decide(
        &state,
        &officer,
        id,
        &fields,
        ApplicationStatus::InReview,
        None,
        Vec::new(),
    )
    .await
}

/// The "Mulai periksa" button of an application waiting for review.
pub fn start_review_form(id: &str, csrf: &str) -> Markup {
    html! {
        form method="post" action=(format!("/console/applications/{id}/review")) {
            input type="hidden" name="csrf" value=(csrf);
            button type="submit" id="start-review" { "Mulai periksa" }
        }
    }
}

pub async fn reject(
    State(state): State<AppState>,
    officer: OfficerSession,
    Path(id): Path<String>,
    Form(fields): Form<HashMap<String, String>>,
) -> Response {
    let Some(reason) = text(&fields, "reason") else {
        return problem(&officer, &id, "Tulis alasan penolakan.");
    };
    decide(
        &state,
        &officer,
        id,
        &fields,
        ApplicationStatus::Rejected,
        Some(reason),
        Vec::new(),
    )
    .await
}

pub async fn approve(
    State(state): State<AppState>,
    officer: OfficerSession,
    Path(id): Path<String>,
    Form(fields): Form<HashMap<String, String>>,
) -> Response {
    decide(
        &state,
        &officer,
        id,
        &fields,
        ApplicationStatus::Approved,
        None,
        Vec::new(),
    )
    .await
}
