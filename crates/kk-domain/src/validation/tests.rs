//! Table tests for every validation rule. Each test starts from a complete, valid application
//! (`valid_family`), changes one thing, and states which issue must (or must not) appear.

mod calendar;
mod documents;
mod family;
mod fields;
mod fixtures;
mod steps;
