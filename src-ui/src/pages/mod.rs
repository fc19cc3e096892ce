//! One page per file: home, a draft's task list and steps, a sent application's status, the
//! issued KKs, and QR verification.

pub mod draft;
pub mod home;
pub mod my_family;
pub mod my_kk;
pub mod status;
pub mod steps;
pub mod verify;
