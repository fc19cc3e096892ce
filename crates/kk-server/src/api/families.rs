//! `GET /v1/families/{kk_number}`: a family's current KK from the register, for a citizen who
//! belongs to it. The citizen proves it by their account's NIK, which must stand on that KK;
//! anyone else gets the same 404 as a number that does not exist, so the register cannot be
//! probed. Every answer is audited as a read of personal data.

use axum::Json;
use axum::extract::{Path, State};
use kk_domain::api::FamilyView;

use crate::auth::session::CitizenSession;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::Actor;

pub async fn family(
    State(state): State<AppState>,
    session: CitizenSession,
    Path(kk_number): Path<String>,
) -> Result<Json<FamilyView>, ApiError> {
    let kk_number: String = kk_number.chars().filter(char::is_ascii_digit).collect();
    let nik = session.account.nik.clone();
    let actor = Actor::of(&session.account);
    let now = state.now();
    let registered = state
        .store(move |store| {
            if store.kk_number_of(&nik)?.as_deref() != Some(kk_number.as_str()) {
                return Ok(None);
            }
            let registered = store.family(&kk_number)?;
            if registered.is_some() {
                store.record_read(actor, &format!("family:{kk_number}"), now)?;
            }
            Ok(registered)
        })
        .await?
        .ok_or_else(not_your_family)?;
    Ok(Json(FamilyView {
        family: registered.family,
        version: registered.version,
    }))
}

fn not_your_family() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::NOT_FOUND,
        "family.not_found",
        "Tidak ada KK dengan nomor ini yang mencantumkan NIK Anda. Periksa nomor KK pada kartu Anda.",
        "No KK with this number lists your NIK. Check the KK number on your card.",
    )
}
