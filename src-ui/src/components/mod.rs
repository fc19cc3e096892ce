//! Pieces shared by several pages.

pub mod account_panel;
pub mod back_home;
pub mod drafts_list;
pub mod error_notice;
pub mod family_diagram;
pub mod family_layout;
pub mod kiosk;
pub mod language_toggle;
pub mod outbox_list;
pub mod region_picker;
pub mod top_bar;
