//! Pieces shared by several pages.

pub mod language_toggle;
