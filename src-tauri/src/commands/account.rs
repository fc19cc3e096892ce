//! Account commands: register, verify the phone with the OTP, log in and out. The shell talks
//! to the server; the UI only sees the server's answers, already in both languages.

use kk_device_store::AccountSession;
use kk_domain::api::{LoginRequest, OtpSent, RegisterRequest, VerifyAccountRequest};
use kk_domain::wire::SessionInfo;
use kk_sync::AccountClient;
use tauri::State;

use crate::{ShellError, ShellState};

#[tauri::command]
pub async fn register(
    state: State<'_, ShellState>,
    request: RegisterRequest,
) -> Result<OtpSent, ShellError> {
    Ok(AccountClient::new(&state.server_url)
        .register(&request)
        .await?)
}

#[tauri::command]
pub async fn verify_account(
    state: State<'_, ShellState>,
    nik: String,
    code: String,
) -> Result<(), ShellError> {
    Ok(AccountClient::new(&state.server_url)
        .verify(&VerifyAccountRequest { nik, code })
        .await?)
}

/// Logs in, keeps the session on the device, moves this device's drafts to the account and
/// wakes the sync worker: whatever waited for a login goes now.
#[tauri::command]
pub async fn login(
    state: State<'_, ShellState>,
    nik: String,
    password: String,
) -> Result<SessionInfo, ShellError> {
    let nik = nik.chars().filter(char::is_ascii_digit).collect::<String>();
    let session = AccountClient::new(&state.server_url)
        .login(&LoginRequest {
            nik: nik.clone(),
            password,
            kiosk: state.kiosk.is_some(),
        })
        .await?;
    let session = AccountSession {
        nik: nik.clone(),
        token: session.token,
        expires_at: session.expires_at,
    };
    state.store().log_in(&session)?;
    state.sync_wakeup.notify_one();
    Ok(SessionInfo { nik: Some(nik) })
}

/// Logs out here, then tells the server to end the session; offline, the sync worker tells
/// it once the server answers again.
#[tauri::command]
pub async fn logout(state: State<'_, ShellState>) -> Result<(), ShellError> {
    state.store().log_out()?;
    AccountClient::new(&state.server_url)
        .end_sessions_left_behind(&state.store)
        .await;
    Ok(())
}

#[tauri::command]
pub fn session_info(state: State<'_, ShellState>) -> SessionInfo {
    SessionInfo {
        nik: state
            .store()
            .account_session()
            .ok()
            .flatten()
            .map(|session| session.nik),
    }
}
