//! The issued KK: `GET /v1/applications/{id}/kk.pdf` hands the owner the encrypted PDF, with
//! `Range` so a download over a poor connection resumes; `GET /v1/keys` publishes the
//! root-signed issuer certificates and revocation lists that verify KK QR codes offline.

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kk_document::KeyBundle;

use super::applications::own_application;
use crate::auth::session::CitizenSession;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::Actor;

/// `GET /v1/keys`: the certificates of the keys this server signs with, and the revocation
/// lists it holds. Public; each document is signed by a root, so no one needs to trust the
/// server that hands it out.
pub async fn keys(State(state): State<AppState>) -> Json<KeyBundle> {
    Json(KeyBundle::clone(&state.published_keys))
}

/// `GET /v1/applications/{id}/kk.pdf`: the owner's encrypted KK, whole or from a byte offset.
pub async fn download(
    State(state): State<AppState>,
    session: CitizenSession,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    own_application(&state, session.account.id, &id).await?;
    let actor = Actor::of(&session.account);
    let target = id.clone();
    let now = state.now();
    let issued = state
        .store(move |store| {
            let issued = store.issued_kk(&target)?;
            if issued.is_some() {
                store.record_read(actor, &format!("kk.pdf:application:{target}"), now)?;
            }
            Ok(issued)
        })
        .await?
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "kk.not_issued",
                "KK untuk permohonan ini belum terbit.",
                "The KK for this application has not been issued yet.",
            )
        })?;
    let total = issued.encrypted_pdf.len() as u64;
    let range = headers
        .get(header::RANGE)
        .map(|value| parse_range(value.to_str().unwrap_or_default(), total));
    let common = [
        (header::CONTENT_TYPE, "application/pdf".to_owned()),
        (header::ACCEPT_RANGES, "bytes".to_owned()),
        (header::ETAG, format!("\"{}\"", issued.pdf_sha256)),
        (header::CACHE_CONTROL, "private, no-store".to_owned()),
    ];
    match range {
        None => Ok((StatusCode::OK, common, Body::from(issued.encrypted_pdf)).into_response()),
        Some(Some((start, end))) => {
            let part = issued.encrypted_pdf[start as usize..=end as usize].to_vec();
            let content_range = (
                header::CONTENT_RANGE,
                format!("bytes {start}-{end}/{total}"),
            );
            Ok((
                StatusCode::PARTIAL_CONTENT,
                common,
                [content_range],
                Body::from(part),
            )
                .into_response())
        }
        Some(None) => Ok((
            StatusCode::RANGE_NOT_SATISFIABLE,
            [(header::CONTENT_RANGE, format!("bytes */{total}"))],
        )
            .into_response()),
    }
}

/// One `bytes=start-` or `bytes=start-end` range within `total` bytes, as inclusive bounds.
/// `None` when it cannot be satisfied (or is a form this endpoint does not serve).
fn parse_range(value: &str, total: u64) -> Option<(u64, u64)> {
    let (start, end) = value.trim().strip_prefix("bytes=")?.split_once('-')?;
    let start: u64 = start.trim().parse().ok()?;
    let end = match end.trim() {
        "" => total.checked_sub(1)?,
        end => end.parse::<u64>().ok()?.min(total.checked_sub(1)?),
    };
    (start <= end).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::parse_range;

    #[test]
    fn ranges_resume_from_an_offset_and_refuse_what_cannot_be_served() {
        assert_eq!(parse_range("bytes=0-", 10), Some((0, 9)));
        assert_eq!(parse_range("bytes=4-", 10), Some((4, 9)));
        assert_eq!(parse_range("bytes=4-6", 10), Some((4, 6)));
        assert_eq!(parse_range("bytes=4-60", 10), Some((4, 9)));
        assert_eq!(parse_range("bytes=10-", 10), None);
        assert_eq!(parse_range("bytes=-5", 10), None);
        assert_eq!(parse_range("items=0-", 10), None);
        assert_eq!(parse_range("bytes=0-", 0), None);
    }

    proptest::proptest! {
        /// Any `Range` header: no panic, and a range it serves lies within the file.
        #[test]
        fn any_range_header_is_served_within_the_file_or_refused(
            value in ".{0,60}",
            start in 0u64..2_000,
            end in proptest::option::of(0u64..2_000),
            total in 0u64..1_000,
        ) {
            let written = match end {
                Some(end) => format!("bytes={start}-{end}"),
                None => format!("bytes={start}-"),
            };
            for header in [value.as_str(), written.as_str()] {
                if let Some((first, last)) = parse_range(header, total) {
                    proptest::prop_assert!(first <= last && last < total, "{header} of {total}");
                }
            }
            let expected_end = end.map_or(total.checked_sub(1), |end| {
                total.checked_sub(1).map(|last| end.min(last))
            });
            let expected = expected_end.filter(|last| start <= *last).map(|last| (start, last));
            proptest::prop_assert_eq!(parse_range(&written, total), expected);
        }
    }
}
