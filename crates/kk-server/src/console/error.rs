//! The console's error: the status and the words of the API's [`ApiError`], shown as a console
//! page the officer can read and leave, not as JSON.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::html;

use super::layout;
use crate::error::ApiError;
use crate::store::StoreError;

#[derive(Debug)]
pub struct ConsoleError(pub ApiError);

impl From<ApiError> for ConsoleError {
    fn from(error: ApiError) -> ConsoleError {
        ConsoleError(error)
    }
}

impl From<StoreError> for ConsoleError {
    fn from(error: StoreError) -> ConsoleError {
        ConsoleError(ApiError::from(error))
    }
}

impl IntoResponse for ConsoleError {
    fn into_response(self) -> Response {
        let ApiError {
            status,
            body,
            retry_after,
        } = self.0;
        let page = layout::page(
            "Tidak dapat ditampilkan",
            None,
            None,
            html! {
                h1 { "Tidak dapat ditampilkan" }
                div class="problem" role="alert" data-code=(body.code) {
                    p { (body.message.id) }
                    p lang="en" { (body.message.en) }
                }
                p { a href="/console" { "Kembali ke antrean" } }
            },
        );
        let mut response = (status, page).into_response();
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, seconds.into());
        }
        response
    }
}
