//! "Keluarga saya": a logged-in citizen gives their KK number, the server checks that their NIK
//! stands on it and answers with the family's current KK, and the device keeps it. "KK saya"
//! shows it offline, and a change starts from it.

use kk_domain::api::FamilyView;
use kk_sync::AccountClient;
use tauri::State;

use crate::{ShellError, ShellState};

/// Fetches the family of KK `kk_number` from the register and keeps it on the device.
#[tauri::command]
pub async fn fetch_family(
    state: State<'_, ShellState>,
    kk_number: String,
) -> Result<FamilyView, ShellError> {
    let session = state.store().account_session()?.ok_or_else(|| {
        ShellError::refused(
            "family.login_needed",
            "Masuk dulu dengan akun Anda: hanya anggota keluarga yang dapat melihat data KK-nya.",
            "Log in with your account first: only a member of the family can see its KK.",
        )
    })?;
    let view = AccountClient::new(&state.server_url)
        .family(&session.token, &kk_number)
        .await?;
    let now = state.now();
    state.with_store(|store, owner| store.keep_family(owner, &view, now))?;
    Ok(view)
}

/// The family kept on the device, if any: it needs no connection.
#[tauri::command]
pub fn my_family(state: State<'_, ShellState>) -> Result<Option<FamilyView>, ShellError> {
    Ok(state.with_store(|store, owner| store.family(owner))?)
}
