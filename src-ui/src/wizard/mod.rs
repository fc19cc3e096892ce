//! The wizard's shared machinery: the draft being edited, autosave, and field components.
//! Step pages live in `pages/steps/`.

pub mod autosave;
pub mod choice_fields;
pub mod fields;
pub mod state;
