//! Pieces shared by several pages.

pub mod drafts_list;
pub mod language_toggle;
pub mod region_picker;
pub mod top_bar;
