//! The KK Mandiri domain: everything the UI, the Tauri shell and the server must agree on.
//!
//! Architecture invariant: this crate does no IO (no files, no network, no clock) and builds for
//! `wasm32-unknown-unknown` as well as native targets. Callers pass in "today" and the region
//! directory, so every rule here is a pure function that a unit test can pin down.
//!
//! - [`clock`] is the one source of "now" and "today" (in WIB), which tests set.
//! - [`nik`] and [`nomor_kk`] parse the two 16-digit identifiers (kk-domain.md §1–§2).
//! - [`codes`] holds the official SIAK code lists (§4).
//! - [`region`] knows the 38 provinces and, with the `embedded-regions` feature, the full 2025
//!   Kemendagri table with postal codes (§7–§8).
//! - [`application`] is the model of a KK application for every service (§5).
//! - [`validation`] checks an application step by step and reports every issue at once (§1.4, §9).
//! - [`sample`] is a valid sample family for tests, benchmarks and demos.
//! - [`wire`] holds the types that travel between the UI and the shell; [`api`] those of the
//!   server's HTTP API.
//! - [`status`] is the life of a submitted application; [`registration_number`] the number the
//!   citizen writes down, with its check character.

pub mod api;
pub mod application;
pub mod clock;
pub mod codes;
pub mod documents;
pub mod nik;
pub mod nomor_kk;
pub mod region;
pub mod register;
pub mod registration_number;
pub mod sample;
pub mod status;
pub mod text;
pub mod validation;
pub mod wire;
