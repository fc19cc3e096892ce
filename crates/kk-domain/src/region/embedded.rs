//! The 2025 region table compiled into the binary (feature `embedded-regions`).
//!
//! Decompressing zlib is computation, not IO, so this keeps the crate's no-IO invariant; the
//! feature exists only to keep 0.5 MB of data and the decoder out of the wasm UI.

use std::io::Read;

use super::RegionTable;

/// The compact table, zlib-compressed, as produced by `cargo xtask region-data`.
pub const COMPRESSED: &[u8] = include_bytes!("../../../../assets/regions/wilayah-2025.tsv.zz");

/// Decompresses and parses the embedded 2025 table. Takes a few milliseconds; call it once and
/// keep the table (the shell and the server hold it in their state).
pub fn load() -> RegionTable {
    let mut text = String::with_capacity(COMPRESSED.len() * 3);
    flate2::read::ZlibDecoder::new(COMPRESSED)
        .read_to_string(&mut text)
        .expect("the embedded region table is valid zlib UTF-8; xtask wrote it");
    RegionTable::parse_compact(&text).expect("the embedded region table parses; xtask wrote it")
}
