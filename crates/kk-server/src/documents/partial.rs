//! A partial upload: the bytes so far in a file, and the next chunk appended as it streams in.
//! What arrived is kept when the connection drops, so the client resumes from there; with a
//! checksum, a chunk is kept only if it arrived whole and matches.

use std::io::SeekFrom;
use std::path::Path;

use axum::body::Bytes;
use futures_util::{Stream, StreamExt};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use tokio::fs::File;
use tokio::io::{AsyncSeekExt, AsyncWriteExt};

/// What appending a chunk came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppendOutcome {
    /// The bytes up to `offset` are stored: the whole chunk, or, without a checksum, as much
    /// as arrived before the connection dropped.
    Stored { offset: u64 },
    /// The chunk would go past the upload's length; none of it was kept.
    PastLength,
    /// The chunk did not match its checksum, or did not arrive whole; none of it was kept.
    ChecksumMismatch,
}

/// A chunk's expected checksum, from tus's `Upload-Checksum: <algorithm> <base64>`.
pub enum Checksum {
    Sha1(Sha1, Vec<u8>),
    Sha256(Sha256, Vec<u8>),
}

impl Checksum {
    /// `sha1` or `sha256` with the expected digest; `None` for another algorithm.
    pub fn new(algorithm: &str, expected: Vec<u8>) -> Option<Checksum> {
        match algorithm {
            "sha1" => Some(Checksum::Sha1(Sha1::new(), expected)),
            "sha256" => Some(Checksum::Sha256(Sha256::new(), expected)),
            _ => None,
        }
    }

    fn update(&mut self, bytes: &[u8]) {
        match self {
            Checksum::Sha1(hasher, _) => hasher.update(bytes),
            Checksum::Sha256(hasher, _) => hasher.update(bytes),
        }
    }

    fn matches(self) -> bool {
        match self {
            Checksum::Sha1(hasher, expected) => hasher.finalize().as_slice() == expected,
            Checksum::Sha256(hasher, expected) => hasher.finalize().as_slice() == expected,
        }
    }
}

pub struct PartialUpload {
    file: File,
    offset: u64,
    length: u64,
}

impl PartialUpload {
    /// Opens the file at `path`, cut back to `offset`, for an upload of `length` bytes.
    pub(super) async fn open(path: &Path, offset: u64, length: u64) -> std::io::Result<Self> {
        let mut file = tokio::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .await?;
        file.set_len(offset).await?;
        file.seek(SeekFrom::Start(offset)).await?;
        Ok(PartialUpload {
            file,
            offset,
            length,
        })
    }

    /// Appends a chunk as it streams in, and syncs it to disk before answering.
    pub async fn append<E>(
        mut self,
        chunk: impl Stream<Item = Result<Bytes, E>>,
        mut checksum: Option<Checksum>,
    ) -> std::io::Result<AppendOutcome> {
        let mut chunk = std::pin::pin!(chunk);
        let mut received = 0u64;
        let mut interrupted = false;
        let mut past_length = false;
        while let Some(piece) = chunk.next().await {
            let Ok(bytes) = piece else {
                interrupted = true;
                break;
            };
            if self.offset + received + bytes.len() as u64 > self.length {
                past_length = true;
                break;
            }
            self.file.write_all(&bytes).await?;
            if let Some(checksum) = checksum.as_mut() {
                checksum.update(&bytes);
            }
            received += bytes.len() as u64;
        }
        let checksum_failed = checksum.is_some_and(|checksum| interrupted || !checksum.matches());
        let outcome = if past_length {
            AppendOutcome::PastLength
        } else if checksum_failed {
            AppendOutcome::ChecksumMismatch
        } else {
            AppendOutcome::Stored {
                offset: self.offset + received,
            }
        };
        if outcome
            != (AppendOutcome::Stored {
                offset: self.offset + received,
            })
        {
            self.file.set_len(self.offset).await?;
        }
        self.file.sync_data().await?;
        Ok(outcome)
    }
}

#[cfg(test)]
mod tests {
    use futures_util::stream;

    use super::*;

    fn pieces(parts: Vec<Result<&'static [u8], ()>>) -> impl Stream<Item = Result<Bytes, ()>> {
        stream::iter(
            parts
                .into_iter()
                .map(|part| part.map(Bytes::from_static))
                .collect::<Vec<_>>(),
        )
    }

    async fn partial(directory: &Path, offset: u64, length: u64) -> PartialUpload {
        PartialUpload::open(&directory.join("x.part"), offset, length)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_dropped_connection_keeps_what_arrived_unless_a_checksum_was_promised() {
        let directory = tempfile::tempdir().unwrap();
        let cut = pieces(vec![Ok(b"hello "), Err(())]);
        let outcome = partial(directory.path(), 0, 100)
            .await
            .append(cut, None)
            .await
            .unwrap();
        assert_eq!(outcome, AppendOutcome::Stored { offset: 6 });

        let cut = pieces(vec![Ok(b"world"), Err(())]);
        let checksum = Checksum::new("sha256", Sha256::digest(b"world").to_vec());
        let outcome = partial(directory.path(), 6, 100)
            .await
            .append(cut, checksum)
            .await
            .unwrap();
        assert_eq!(outcome, AppendOutcome::ChecksumMismatch);
        assert_eq!(
            std::fs::read(directory.path().join("x.part")).unwrap(),
            b"hello "
        );
    }

    #[tokio::test]
    async fn a_matching_checksum_keeps_the_chunk_and_a_wrong_one_drops_it() {
        let directory = tempfile::tempdir().unwrap();
        let wrong = Checksum::new("sha1", vec![0; 20]);
        let outcome = partial(directory.path(), 0, 100)
            .await
            .append(pieces(vec![Ok(b"abc")]), wrong)
            .await
            .unwrap();
        assert_eq!(outcome, AppendOutcome::ChecksumMismatch);
        let right = Checksum::new("sha1", Sha1::digest(b"abc").to_vec());
        let outcome = partial(directory.path(), 0, 100)
            .await
            .append(pieces(vec![Ok(b"abc")]), right)
            .await
            .unwrap();
        assert_eq!(outcome, AppendOutcome::Stored { offset: 3 });
    }

    #[tokio::test]
    async fn bytes_past_the_declared_length_are_refused_and_not_kept() {
        let directory = tempfile::tempdir().unwrap();
        let outcome = partial(directory.path(), 0, 4)
            .await
            .append(pieces(vec![Ok(b"abc"), Ok(b"def")]), None)
            .await
            .unwrap();
        assert_eq!(outcome, AppendOutcome::PastLength);
        assert!(
            std::fs::read(directory.path().join("x.part"))
                .unwrap()
                .is_empty()
        );
    }
}
