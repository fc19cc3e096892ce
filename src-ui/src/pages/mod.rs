//! One page per file. The wizard's pages join these in the next milestone.

pub mod home;
