//! One page per wizard step, each one topic. Members and documents come next.

pub mod address;
pub mod documents;
pub mod member_form;
pub mod members;
pub mod pickup;
pub mod review;
pub mod review_changes;
pub mod service;
