//! The queue: every application, oldest change first, 50 to a page, filtered by status,
//! service and (part of) a registration number.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use kk_domain::application::Service;
use kk_domain::status::ApplicationStatus;
use maud::html;

use super::error::ConsoleError;
use super::layout;
use super::session::OfficerSession;
use crate::state::AppState;
use crate::store::QueueFilter;

const PAGE_SIZE: u32 = 50;

pub fn service_title(key: &str) -> String {
    Service::ALL
        .into_iter()
        .find(|service| service.key() == key)
        .map(|service| service.title().id)
        .unwrap_or_else(|| key.to_owned())
}

pub async fn page(
    State(state): State<AppState>,
    officer: OfficerSession,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let value = |name: &str| {
        query
            .get(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let status = value("status").and_then(|key| ApplicationStatus::from_key(&key));
    let service = value("service");
    let search = value("q");
    let page_number: u32 = value("page")
        .and_then(|p| p.parse().ok())
        .unwrap_or(1)
        .clamp(1, u32::MAX / PAGE_SIZE);
    let filter = QueueFilter {
        status,
        service: service.clone(),
        search: search.clone(),
        limit: PAGE_SIZE + 1,
        offset: (page_number - 1) * PAGE_SIZE,
    };
    // The queue shows each family head's name: looking at it is a read of personal data.
    let actor = crate::store::Actor::of(&officer.account);
    let now = state.now();
    let listed = state
        .store(move |store| {
            store.record_event(actor, "queue.read", "queue", now)?;
            store.queue(&filter)
        })
        .await;
    let mut rows = match listed {
        Ok(rows) => rows,
        Err(error) => return ConsoleError(error).into_response(),
    };
    let has_next = rows.len() > PAGE_SIZE as usize;
    rows.truncate(PAGE_SIZE as usize);
    let link = |page_number: u32| {
        let mut parts = vec![format!("page={page_number}")];
        if let Some(status) = status {
            parts.push(format!("status={}", status.key()));
        }
        if let Some(service) = &service {
            parts.push(format!("service={service}"));
        }
        if let Some(search) = &search {
            parts.push(format!(
                "q={}",
                search.replace(|c: char| !c.is_ascii_alphanumeric(), "")
            ));
        }
        format!("/console?{}", parts.join("&"))
    };
    let body = html! {
        h1 { "Antrean permohonan" }
        form class="filters" method="get" action="/console" {
            div {
                label for="status" { "Status" }
                select id="status" name="status" {
                    option value="" { "Semua" }
                    @for option in ApplicationStatus::ALL {
                        option value=(option.key()) selected[status == Some(option)] { (option.title().id) }
                    }
                }
            }
            div {
                label for="service" { "Layanan" }
                select id="service" name="service" {
                    option value="" { "Semua" }
                    @for option in Service::ALL {
                        option value=(option.key()) selected[service.as_deref() == Some(option.key())] { (option.title().id) }
                    }
                }
            }
            div {
                label for="q" { "Nomor registrasi" }
                input id="q" name="q" type="search" value=(search.clone().unwrap_or_default());
            }
            button type="submit" { "Saring" }
        }
        @if rows.is_empty() {
            p id="queue-empty" { "Tidak ada permohonan yang cocok." }
        } @else {
            table id="queue" {
                thead { tr {
                    th scope="col" { "Nomor registrasi" } th scope="col" { "Layanan" }
                    th scope="col" { "Kepala keluarga" } th scope="col" { "Anggota" }
                    th scope="col" { "Status" } th scope="col" { "Perubahan terakhir (UTC)" }
                } }
                tbody {
                    @for row in &rows {
                        tr class="queue-row" data-status=(row.status.key()) {
                            td { a href=(format!("/console/applications/{}", row.id)) { (row.registration_number) } }
                            td { (service_title(&row.service)) }
                            td { (row.head_name) }
                            td { (row.member_count) }
                            td { span class="pill" { (row.status.title().id) } }
                            td { (row.updated_at.format("%d-%m-%Y %H:%M")) }
                        }
                    }
                }
            }
            nav aria-label="Halaman" {
                @if page_number > 1 { a href=(link(page_number - 1)) { "← Sebelumnya" } " " }
                "Halaman " (page_number)
                @if has_next { " " a href=(link(page_number + 1)) { "Berikutnya →" } }
            }
        }
    };
    layout::page(
        "Antrean",
        Some(&officer.account.full_name),
        Some(&officer.csrf),
        body,
    )
    .into_response()
}
