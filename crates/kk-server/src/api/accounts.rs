//! Accounts: register with NIK, name, phone, email and password; verify the phone with an OTP;
//! log in for a session; reset a forgotten password with an OTP.
//!
//! Answers that could reveal whether a NIK has an account (resend, forgot password) are the
//! same either way.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use chrono::Duration;
use kk_domain::api::{
    ForgotPasswordRequest, LoginRequest, OtpPurpose, OtpSent, RegisterRequest, ResendOtpRequest,
    ResetPasswordRequest, Session, VerifyAccountRequest,
};
use kk_domain::nik::Nik;

use super::contact::{check_email, check_full_name, mask_phone, normalise_phone};
use super::json::ApiJson;
use crate::auth::session::{CitizenSession, new_token, token_sha256};
use crate::auth::{otp, password};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{Account, Actor, NewAccount, OtpAttempt, OtpRecord, OutgoingMessage, Role};

fn parse_nik(nik: &str) -> Result<Nik, ApiError> {
    Nik::parse(nik).map_err(|error| {
        ApiError::with_text(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("account.{}", error.code()),
            error.text(),
        )
    })
}

/// `POST /v1/accounts` → 201 with where the code went, whatever the NIK's state, so the
/// answer tells no one whether a NIK has an account:
/// - a new NIK gets an account and a code;
/// - a NIK whose account was never verified gets this registration's details instead, and the
///   code goes to this phone: whoever proves their phone first holds the NIK;
/// - a NIK with a verified account gets nothing new; its owner is told by SMS that someone
///   tried, and how to recover a forgotten password.
pub async fn register(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(request): ApiJson<RegisterRequest>,
) -> Result<(StatusCode, Json<OtpSent>), ApiError> {
    state.limits.otp(peer.ip())?;
    let nik = parse_nik(&request.nik)?;
    let full_name = check_full_name(&request.full_name)?;
    let phone = normalise_phone(&request.phone)?;
    let email = check_email(&request.email)?;
    password::check_strength(&request.password, nik.as_str())?;
    check_sms_caps(&state, &phone).await?;
    let password_hash = password::hash(request.password).await?;
    let answer = OtpSent {
        sent_to: mask_phone(&phone),
        resend_after_seconds: state.config.limits.otp_resend_after.as_secs(),
    };
    let account = NewAccount {
        login: nik.as_str().to_owned(),
        nik: nik.as_str().to_owned(),
        full_name,
        phone,
        email,
        password_hash,
        role: Role::Citizen,
        verified: false,
    };
    let now = state.now();
    let holder = state
        .store(move |store| {
            let id = match store.account_by_login(&account.login)? {
                Some(existing) if existing.verified => return Ok(Err(existing)),
                Some(existing) => {
                    store.replace_unverified(existing.id, account, now)?;
                    existing.id
                }
                None => store.create_account(account, now)?,
            };
            Ok(Ok(store.account_by_id(id)?))
        })
        .await?;
    match holder {
        Ok(Some(account)) => {
            send_otp(&state, &account, OtpPurpose::VerifyAccount).await?;
        }
        Ok(None) => return Err(ApiError::internal("a new account vanished")),
        Err(owner) => tell_owner_of_registration_attempt(&state, &owner).await,
    }
    Ok((StatusCode::CREATED, Json(answer)))
}

/// Tells the holder of a verified account that someone registered with their NIK. Failing
/// to tell them changes nothing in the answer, which must not differ.
async fn tell_owner_of_registration_attempt(state: &AppState, owner: &Account) {
    if check_sms_caps(state, &owner.phone).await.is_err() {
        return;
    }
    let message = OutgoingMessage {
        id: uuid::Uuid::new_v4().to_string(),
        channel: "sms".into(),
        to: owner.phone.clone(),
        kind: "account.registration_attempt".into(),
        text: "KK Mandiri: ada yang mencoba mendaftar dengan NIK Anda. Jika itu Anda, pilih \
               \"Lupa kata sandi\". Jika bukan, abaikan pesan ini; akun Anda aman."
            .into(),
        attempts: 0,
    };
    let now = state.now();
    let queued = state
        .store(move |store| store.enqueue_message(&message, now))
        .await;
    if queued.is_ok() {
        state.outbox.notify_one();
    }
}

/// Refuses another SMS to `phone` once it has had its day's share, or once the server has
/// sent its day's total.
async fn check_sms_caps(state: &AppState, phone: &str) -> Result<(), ApiError> {
    let limits = &state.config.limits;
    let since = state.now() - Duration::days(1);
    let phone_owned = phone.to_owned();
    let (to_phone, in_all) = state
        .store(move |store| {
            Ok((
                store.messages_queued_since("sms", Some(&phone_owned), since)?,
                store.messages_queued_since("sms", None, since)?,
            ))
        })
        .await?;
    if to_phone >= limits.sms_per_phone_per_day || in_all >= limits.sms_per_day {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "sms.daily_cap",
            "Terlalu banyak SMS ke nomor ini dalam sehari. Coba lagi besok.",
            "Too many SMS to this number in one day. Try again tomorrow.",
        ));
    }
    Ok(())
}

/// Stores a new code and queues its SMS, in one transaction.
async fn send_otp(
    state: &AppState,
    account: &Account,
    purpose: OtpPurpose,
) -> Result<OtpSent, ApiError> {
    let limits = &state.config.limits;
    let now = state.now();
    let code = otp::new_code();
    let lifetime = Duration::from_std(limits.otp_lifetime).map_err(ApiError::internal)?;
    let record = OtpRecord {
        code_hash: otp::code_hash(account.id, purpose, &code),
        expires_at: now + lifetime,
        sent_at: now,
        attempts: 0,
    };
    let message = OutgoingMessage {
        id: uuid::Uuid::new_v4().to_string(),
        channel: "sms".into(),
        to: account.phone.clone(),
        kind: format!("otp.{}", purpose.key()),
        text: otp::message_text(purpose, &code, limits.otp_lifetime.as_secs() / 60),
        attempts: 0,
    };
    let id = account.id;
    state
        .store(move |store| store.put_otp(id, purpose, &record, &message))
        .await?;
    state.outbox.notify_one();
    Ok(OtpSent {
        sent_to: mask_phone(&account.phone),
        resend_after_seconds: limits.otp_resend_after.as_secs(),
    })
}

/// Checks a code for `account`: the store counts the try and checks the limits in one step,
/// so parallel guesses get no more tries than one guesser.
async fn check_otp(
    state: &AppState,
    account: &Account,
    purpose: OtpPurpose,
    code: &str,
) -> Result<(), ApiError> {
    let limits = &state.config.limits;
    let attempt = OtpAttempt {
        account: account.id,
        purpose,
        code_hash: otp::code_hash(account.id, purpose, code),
        at: state.now(),
        max_attempts: limits.otp_attempts,
        max_per_day: limits.otp_tries_per_account_per_day,
    };
    let outcome = state.store(move |store| store.try_otp(attempt)).await?;
    otp::answer(outcome, limits.otp_attempts)
}

async fn account_by_nik(state: &AppState, nik: &str) -> Result<Option<Account>, ApiError> {
    let login = nik.trim().to_owned();
    Ok(state
        .store(move |store| store.account_by_login(&login))
        .await?
        .filter(|account| account.role == Role::Citizen))
}

fn no_code_for_this_nik() -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "otp.none",
        "Tidak ada kode yang berlaku. Minta kode baru.",
        "There is no valid code. Ask for a new one.",
    )
}

/// `POST /v1/accounts/verify` → 204 once the phone's code is right.
pub async fn verify(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(request): ApiJson<VerifyAccountRequest>,
) -> Result<StatusCode, ApiError> {
    state.limits.otp(peer.ip())?;
    let account = account_by_nik(&state, &request.nik)
        .await?
        .ok_or_else(no_code_for_this_nik)?;
    check_otp(&state, &account, OtpPurpose::VerifyAccount, &request.code).await?;
    let id = account.id;
    let now = state.now();
    state
        .store(move |store| store.mark_verified(id, now))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The answer to resend and forgot-password, whether or not the NIK has an account.
fn code_on_its_way(state: &AppState) -> (StatusCode, Json<OtpSent>) {
    (
        StatusCode::ACCEPTED,
        Json(OtpSent {
            sent_to: String::new(),
            resend_after_seconds: state.config.limits.otp_resend_after.as_secs(),
        }),
    )
}

/// Sends a new code unless the last one is too recent or a cap is reached. Says nothing
/// either way: resend and forgot-password answer the same for every NIK.
async fn send_unless_too_soon(state: &AppState, account: &Account, purpose: OtpPurpose) {
    let id = account.id;
    let Ok(previous) = state.store(move |store| store.otp(id, purpose)).await else {
        return;
    };
    let wait = state.config.limits.otp_resend_after;
    let too_soon = previous.is_some_and(|previous| {
        (state.now() - previous.sent_at)
            .to_std()
            .unwrap_or_default()
            < wait
    });
    if too_soon || check_sms_caps(state, &account.phone).await.is_err() {
        return;
    }
    if let Err(error) = send_otp(state, account, purpose).await {
        tracing::warn!(code = %error.body.code, "a code could not be queued");
    }
}

/// `POST /v1/otp/resend` → 202.
pub async fn resend(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(request): ApiJson<ResendOtpRequest>,
) -> Result<(StatusCode, Json<OtpSent>), ApiError> {
    state.limits.otp(peer.ip())?;
    if let Some(account) = account_by_nik(&state, &request.nik).await? {
        let wanted = match request.purpose {
            OtpPurpose::VerifyAccount => !account.verified,
            OtpPurpose::ResetPassword => account.verified,
        };
        if wanted {
            send_unless_too_soon(&state, &account, request.purpose).await;
        }
    }
    Ok(code_on_its_way(&state))
}

/// `POST /v1/sessions` → 201 with a token.
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<(StatusCode, Json<Session>), ApiError> {
    let login = request.nik.trim().to_owned();
    if login.len() != 16 || !login.bytes().all(|b| b.is_ascii_digit()) {
        // Checked before the limiter, whose keys this would otherwise be.
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "login.malformed_nik",
            "NIK harus 16 digit angka.",
            "The NIK must be 16 digits.",
        ));
    }
    state.limits.login(&login, peer.ip())?;
    let account = account_by_nik(&state, &login).await?;
    let stored = account
        .as_ref()
        .map(|account| account.password_hash.clone());
    let matches = password::verify(request.password, stored).await?;
    let account = match account {
        Some(account) if matches && !account.disabled => account,
        tried => {
            record_failed_login(&state, tried.as_ref()).await;
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "login.failed",
                "NIK atau kata sandi salah.",
                "Wrong NIK or password.",
            ));
        }
    };
    if !account.verified {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "account.not_verified",
            "Nomor HP belum diverifikasi. Masukkan kode OTP yang dikirim lewat SMS.",
            "The phone number is not verified yet. Enter the OTP code sent by SMS.",
        ));
    }
    let limits = &state.config.limits;
    let lifetime = if request.kiosk {
        limits.kiosk_session
    } else {
        limits.citizen_session
    };
    let session = start_session(&state, &account, lifetime).await?;
    Ok((StatusCode::CREATED, Json(session)))
}

/// Audits a failed login: the account's id when the login named one, never the login typed.
pub async fn record_failed_login(state: &AppState, account: Option<&Account>) {
    let subject = account.map_or_else(
        || "account:unknown".to_owned(),
        |account| format!("account:{}", account.id),
    );
    let now = state.now();
    let actor = Actor {
        role: kk_domain::api::ActorRole::System,
        account: None,
    };
    let recorded = state
        .store(move |store| store.record_event(actor, "login.failed", &subject, now))
        .await;
    if let Err(error) = recorded {
        tracing::warn!(code = %error.body.code, "a failed login could not be audited");
    }
}

/// Creates a session for `account`; shared with the officer console.
pub async fn start_session(
    state: &AppState,
    account: &Account,
    lifetime: std::time::Duration,
) -> Result<Session, ApiError> {
    let token = new_token();
    let now = state.now();
    let expires_at = now + Duration::from_std(lifetime).map_err(ApiError::internal)?;
    let (hash, id) = (token_sha256(&token), account.id);
    state
        .store(move |store| store.create_session(&hash, id, expires_at, now))
        .await?;
    Ok(Session {
        token,
        expires_at: crate::timestamp::timestamp(expires_at),
    })
}

/// `DELETE /v1/sessions/current` → 204.
pub async fn logout(
    State(state): State<AppState>,
    session: CitizenSession,
) -> Result<StatusCode, ApiError> {
    let hash = session.token_sha256;
    let now = state.now();
    state
        .store(move |store| store.revoke_session(&hash, now))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /v1/password/forgot` → 202.
pub async fn forgot_password(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(request): ApiJson<ForgotPasswordRequest>,
) -> Result<(StatusCode, Json<OtpSent>), ApiError> {
    state.limits.otp(peer.ip())?;
    if let Some(account) = account_by_nik(&state, &request.nik).await?
        && account.verified
    {
        send_unless_too_soon(&state, &account, OtpPurpose::ResetPassword).await;
    }
    Ok(code_on_its_way(&state))
}

/// `POST /v1/password/reset` → 204; every session of the account ends.
pub async fn reset_password(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(request): ApiJson<ResetPasswordRequest>,
) -> Result<StatusCode, ApiError> {
    state.limits.otp(peer.ip())?;
    let account = account_by_nik(&state, &request.nik)
        .await?
        .ok_or_else(no_code_for_this_nik)?;
    password::check_strength(&request.new_password, &account.nik)?;
    check_otp(&state, &account, OtpPurpose::ResetPassword, &request.code).await?;
    let hash = password::hash(request.new_password).await?;
    let id = account.id;
    let now = state.now();
    state
        .store(move |store| store.set_password(id, &hash, now))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
