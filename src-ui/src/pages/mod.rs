//! One page per file: home, a draft's task list and steps, and a sent application's status.

pub mod draft;
pub mod home;
pub mod status;
pub mod steps;
