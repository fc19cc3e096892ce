//! Kemendagri region codes (kk-domain.md §7): province `PP`, regency/city `PP.KK`, district
//! `PP.KK.CC` and village `PP.KK.CC.NNNN`.
//!
//! The 38 province names are small and live here, so a NIK's province can be checked anywhere,
//! even in the wasm UI. The full table of 91,599 codes ([`RegionTable`]) is parsed from the
//! compact file under `assets/regions/`; only the shell and the server load it.

mod code;
#[cfg(feature = "embedded-regions")]
pub mod embedded;
mod provinces;
mod table;

pub use code::{RegionCode, RegionCodeError, RegionLevel};
pub use provinces::{PROVINCES, province_name};
pub use table::{Region, RegionTable, RegionTableError};

/// The legal source of the bundled region codes (kk-domain.md §7.2).
pub const VINTAGE: &str = "Kepmendagri No. 300.2.2-2138 Tahun 2025";

/// What validation needs to know about regions. [`RegionTable`] answers from the 2025 data; the
/// UI, which does not hold that data, validates without one and the shell fills in the rest.
pub trait RegionDirectory {
    /// The region with this exact code, if the code exists in the current vintage.
    fn find(&self, code: &RegionCode) -> Option<&Region>;
}

#[cfg(test)]
mod tests;
