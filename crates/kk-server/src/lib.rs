//! The KK Mandiri backend: accounts with OTP, idempotent submissions validated with
//! `kk-domain`, resumable uploads, the officer's review console, notifications through an
//! outbox, and a hash-chained audit trail.
//!
//! - [`server::start`] opens the store in a data directory and serves [`server::app`].
//! - [`api`] is the JSON API for the app; [`console`] the officers' HTML; [`auth`] checks who
//!   is asking.
//! - [`store`] is the storage trait and its SQLite implementation; [`audit`] the chain.
//! - [`notify`] delivers SMS and email through an outbox.
//! - [`issuance`] turns an approval into a KK: number, signed PDF, PIN on another channel.

pub mod api;
pub mod auth;
pub mod config;
pub mod console;
pub mod demo;
pub mod documents;
pub mod error;
pub mod issuance;
pub mod limits;
pub mod notify;
pub mod officers;
pub mod register_import;
pub mod register_notices;
pub mod server;
pub mod serving;
pub mod signing_keys;
pub mod state;
pub mod store;
pub mod timestamp;
pub mod verifier_page;

pub use config::Config;
pub use server::{RunningServer, start};
