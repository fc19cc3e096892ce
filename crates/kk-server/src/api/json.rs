//! A JSON body extractor whose every refusal is an [`ApiError`] in both languages: malformed
//! JSON, wrong types and missing fields get 400 or 422, an oversized body 413.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use kk_domain::text::Text;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(refusal(rejection)),
        }
    }
}

fn refusal(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::JsonDataError(error) => ApiError::with_text(
            StatusCode::UNPROCESSABLE_ENTITY,
            "request.wrong_shape",
            Text::new(
                format!("Isi permintaan tidak sesuai format: {}", error.body_text()),
                format!(
                    "The request does not have the expected shape: {}",
                    error.body_text()
                ),
            ),
        ),
        JsonRejection::MissingJsonContentType(_) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "request.not_json",
            "Permintaan harus berupa JSON (Content-Type: application/json).",
            "The request must be JSON (Content-Type: application/json).",
        ),
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "request.too_large",
            "Isi permintaan terlalu besar.",
            "The request body is too large.",
        ),
        _ => ApiError::new(
            StatusCode::BAD_REQUEST,
            "request.malformed",
            "Isi permintaan bukan JSON yang sah.",
            "The request body is not valid JSON.",
        ),
    }
}
