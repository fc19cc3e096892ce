//! The family's address: the region chain picked province → regency → district → village,
//! then street, RT/RW and postal code (KK header, kk-domain.md §3.3).

use serde::{Deserialize, Serialize};

use crate::region::RegionCode;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    pub province: Option<RegionCode>,
    pub regency: Option<RegionCode>,
    pub district: Option<RegionCode>,
    pub village: Option<RegionCode>,
    /// Street, house number, hamlet.
    pub street: String,
    pub rt: String,
    pub rw: String,
    /// Filled in from the village, and editable (a village can span several postal codes).
    pub postal_code: String,
}
