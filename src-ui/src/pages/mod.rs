//! One page per file. The wizard's step pages join these next.

pub mod draft;
pub mod home;
pub mod steps;
