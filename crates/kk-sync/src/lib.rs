//! The sync engine: it sends what the citizen queued with "Kirim" and brings back what the
//! officer decided, over whatever connection there is.
//!
//! - [`Engine::send_due`] takes each due outbox item: it uploads the item's documents with tus,
//!   in checksummed chunks that resume from the server's offset, then posts the application with
//!   `Idempotency-Key: <draft id>:<revision>`, so a retry after a lost answer cannot make a
//!   second application. Every step is written to the device store before the next, so a killed
//!   process resumes where it stopped.
//! - [`Engine::pull_statuses`] reads the server's status of each sent item.
//! - [`backoff`] spaces retries: 2 s doubling to 5 min, with jitter.
//!
//! The engine never decides on its own that something failed for good: only the server's
//! answer does, and its reason is kept for the citizen to read.

mod accounts;
mod backoff;
mod client;
mod engine;

pub use accounts::AccountClient;
pub use backoff::backoff;
pub use client::{ServerClient, SyncError};
pub use engine::{Engine, ItemOutcome, StatusChange};
