//! Every error answer: a status, a stable code and a message in Bahasa Indonesia and English
//! ([`kk_domain::wire::ErrorBody`]). Internals never leak: a failure of the server itself is a
//! plain 500 with a reference, and the details go to the log without personal data.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kk_domain::text::Text;
use kk_domain::validation::Issue;
use kk_domain::wire::ErrorBody;

use crate::store::StoreError;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
    /// Seconds, for a 429.
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, id: &str, en: &str) -> ApiError {
        ApiError {
            status,
            body: ErrorBody::new(code, Text::new(id, en)),
            retry_after: None,
        }
    }

    pub fn with_text(status: StatusCode, code: &str, message: Text) -> ApiError {
        ApiError {
            status,
            body: ErrorBody::new(code, message),
            retry_after: None,
        }
    }

    /// 422 with the field issues the app shows for the same application.
    pub fn invalid_application(issues: Vec<Issue>) -> ApiError {
        let mut error = ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "application.invalid",
            "Permohonan belum lengkap atau ada isian yang salah. Perbaiki isian yang ditandai.",
            "The application is incomplete or has mistakes. Fix the marked answers.",
        );
        error.body.issues = issues;
        error
    }

    pub fn not_found() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "Data yang dicari tidak ada.",
            "Nothing was found here.",
        )
    }

    pub fn unauthorised() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "session.required",
            "Silakan masuk terlebih dahulu.",
            "Please log in first.",
        )
    }

    pub fn too_many(code: &str, retry_after_seconds: u64) -> ApiError {
        let mut error = ApiError::with_text(
            StatusCode::TOO_MANY_REQUESTS,
            code,
            Text::new(
                format!("Terlalu banyak percobaan. Coba lagi dalam {retry_after_seconds} detik."),
                format!("Too many tries. Try again in {retry_after_seconds} seconds."),
            ),
        );
        error.retry_after = Some(retry_after_seconds);
        error
    }

    /// A failure of the server itself. The cause is logged with a reference the person can quote.
    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        let reference = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
        tracing::error!(reference, "internal error: {cause}");
        ApiError::with_text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            Text::new(
                format!("Terjadi gangguan di server. Coba lagi nanti. (Rujukan: {reference})"),
                format!(
                    "Something went wrong on the server. Try again later. (Reference: {reference})"
                ),
            ),
        )
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        match error {
            StoreError::NotFound => ApiError::not_found(),
            StoreError::AlreadyExists(_) => ApiError::new(
                StatusCode::CONFLICT,
                "account.exists",
                "NIK ini sudah terdaftar. Silakan masuk, atau pakai \"Lupa kata sandi\".",
                "This NIK already has an account. Log in, or use \"Forgot password\".",
            ),
            StoreError::InvalidTransition { from, to } => ApiError::with_text(
                StatusCode::CONFLICT,
                "status.not_allowed",
                Text::new(
                    format!(
                        "Permohonan berstatus \"{}\" tidak dapat menjadi \"{}\".",
                        from.title().id,
                        to.title().id
                    ),
                    format!(
                        "An application that is \"{}\" cannot become \"{}\".",
                        from.title().en,
                        to.title().en
                    ),
                ),
            ),
            other => ApiError::internal(other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
