//! Starting a server: open the store, seed the demo officer when asked, load or make the
//! issuer key, issue what was approved but not issued, start the outbox worker, bind the port
//! and serve until told to stop.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::config::Config;
use crate::documents::DocumentStore;
use crate::limits::RateLimits;
use crate::notify::{Transports, worker};
use crate::state::AppState;
use crate::store::Store;
use crate::store::sqlite::SqliteStore;

/// A server that is listening. Dropping it does not stop it; call [`RunningServer::stop`].
pub struct RunningServer {
    pub address: SocketAddr,
    pub state: AppState,
    shutdown: Arc<Notify>,
    serving: JoinHandle<()>,
    outbox: JoinHandle<()>,
    /// Every minute: idle limiter keys; every hour: stale uploads.
    housekeeping: JoinHandle<()>,
}

impl RunningServer {
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub async fn stop(self) -> anyhow::Result<()> {
        self.shutdown.notify_one();
        self.serving.await?;
        self.outbox.abort();
        self.housekeeping.abort();
        Ok(())
    }
}

/// The routes, for a server or a test that brings its own listener.
pub fn app(state: AppState) -> Router {
    let json_limit = state.config.limits.json_bytes;
    let body_idle = state.config.limits.body_idle_timeout;
    Router::new()
        .merge(crate::api::router(json_limit))
        .merge(crate::verifier_page::router())
        .merge(crate::console::router().layer(axum::extract::DefaultBodyLimit::max(64 * 1024)))
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(body_idle))
        .with_state(state)
}

/// Creates the data directory if needed and makes it the server's alone (0700): it holds the
/// database, the documents and the keys.
fn make_private_directory(directory: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(directory)?;
    std::fs::set_permissions(directory, std::fs::Permissions::from_mode(0o700))
}

pub async fn start(config: Config) -> anyhow::Result<RunningServer> {
    if config.demo {
        crate::demo::check_demo_address(config.listen)?;
    }
    make_private_directory(&config.data_dir)?;
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&config.data_dir)?);
    let documents = DocumentStore::in_data_dir(&config.data_dir);
    if !config.demo {
        crate::demo::disable_demo_officer(store.as_ref())?;
    }
    if config.demo {
        crate::demo::seed(store.as_ref()).await?;
        crate::demo::seed_sample_applications(store.as_ref(), &documents, 3)?;
        crate::demo::seed_register(
            store.as_ref(),
            &kk_domain::region::embedded::load(),
            config.clock.today_at(chrono::Utc::now()),
        )?;
    }
    let transports = Arc::new(Transports::from_config(&config)?);
    let keys = crate::signing_keys::load(
        &config.data_dir,
        config.keys,
        &crate::issuance::issuer_name(&config),
        config.clock.today_at(chrono::Utc::now()),
    )?;
    tracing::info!(key_id = %keys.current.key_id, "signing with issuer key");
    let state = AppState {
        store: Arc::clone(&store),
        limits: Arc::new(RateLimits::new(&config.limits)),
        regions: Arc::new(kk_domain::region::embedded::load()),
        outbox: Arc::new(Notify::new()),
        issuer: Arc::new(keys.current),
        published_keys: Arc::new(keys.published),
        documents,
        config: Arc::new(config),
    };
    let chores = state.clone();
    let housekeeping = tokio::spawn(async move {
        let mut every_minute = tokio::time::interval(std::time::Duration::from_secs(60));
        for minute in 0_u64.. {
            every_minute.tick().await;
            chores.limits.forget_idle();
            if minute % 60 == 0 {
                let _ = crate::api::uploads::collect_stale_uploads(&chores).await;
            }
        }
    });
    // A KK approved just before a crash is issued now.
    crate::issuance::issue_pending(&state).await;
    let outbox = tokio::spawn(worker::run(
        Arc::clone(&store),
        state.config.clock,
        transports,
        Arc::clone(&state.outbox),
    ));
    let listener = TcpListener::bind(state.config.listen).await?;
    let address = listener.local_addr()?;
    let shutdown = Arc::new(Notify::new());
    let stop = Arc::clone(&shutdown);
    let serving = tokio::spawn(crate::serving::serve(
        listener,
        app(state.clone()),
        state.config.limits.clone(),
        state.config.trusted_proxies.clone(),
        stop,
    ));
    Ok(RunningServer {
        address,
        state,
        shutdown,
        serving,
        outbox,
        housekeeping,
    })
}
