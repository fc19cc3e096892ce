//! What every handler shares: the store, the configuration, the region table, the rate limits,
//! the outbox's wake-up call, the issuer's signing key and the document store.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use kk_document::{IssuerKey, KeyBundle};
use kk_domain::region::RegionTable;
use tokio::sync::Notify;

use crate::config::Config;
use crate::documents::DocumentStore;
use crate::error::ApiError;
use crate::limits::RateLimits;
use crate::store::{Store, StoreError, StoreResult};

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<Config>,
    pub regions: Arc<RegionTable>,
    pub limits: Arc<RateLimits>,
    /// Rung after a message is queued, so the outbox worker sends it at once.
    pub outbox: Arc<Notify>,
    /// Signs the QR of every issued KK: the current key of `signing_keys`.
    pub issuer: Arc<IssuerKey>,
    /// The issuer certificates and revocation lists `GET /v1/keys` publishes.
    pub published_keys: Arc<KeyBundle>,
    /// Uploaded documents, and partial uploads while they arrive.
    pub documents: DocumentStore,
}

impl AppState {
    /// The time on the server's clock (`Config::clock`; tests set it).
    pub fn now(&self) -> DateTime<Utc> {
        self.config.clock.now_at(Utc::now())
    }

    /// Today in WIB on the server's clock: the date rules' "today", and the date on a KK.
    pub fn today(&self) -> NaiveDate {
        self.config.clock.today_at(Utc::now())
    }

    /// Runs store work on the blocking pool, so SQLite never stalls the async workers; for
    /// handlers, with the store's error as an HTTP answer.
    pub async fn store<T: Send + 'static>(
        &self,
        work: impl FnOnce(&dyn Store) -> StoreResult<T> + Send + 'static,
    ) -> Result<T, ApiError> {
        self.in_store(work).await.map_err(ApiError::from)
    }

    /// The same, keeping the store's own error: for services such as issuance, which are not
    /// HTTP handlers.
    pub async fn in_store<T: Send + 'static>(
        &self,
        work: impl FnOnce(&dyn Store) -> StoreResult<T> + Send + 'static,
    ) -> StoreResult<T> {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || work(store.as_ref()))
            .await
            .map_err(|error| StoreError::Database(format!("the store's task failed: {error}")))?
    }
}
