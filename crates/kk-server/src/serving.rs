//! The accept loop: each connection is served by hyper with the server's limits on slow and
//! greedy clients, which `axum::serve` does not offer.
//!
//! - **Headers** must arrive within `header_read_timeout` (slowloris).
//! - **A request body** that sends nothing for `body_idle_timeout` is cut off (a trickling
//!   tus PATCH); see the `RequestBodyTimeoutLayer` in [`crate::server::app`].
//! - **Connections per client** (an IPv4 address or an IPv6 /64) are capped at
//!   `connections_per_client`; one more is closed at once, unanswered.
//! - **Behind a reverse proxy** (`Config::trusted_proxies`), a request's client is the
//!   right-most address of `X-Forwarded-For` that is not itself a trusted proxy; a header from
//!   anyone else is ignored. A proxy's connections are not capped: it carries every client.
//!
//! Shutdown is graceful: the listener closes, and open requests finish.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::ConnectInfo;
use axum::http::HeaderMap;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use ipnet::IpNet;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower::ServiceExt;

use crate::config::Limits;
use crate::limits::client_block;

/// Serves `router` on `listener` until `stop` is notified.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    trusted_proxies: Vec<IpNet>,
    stop: Arc<Notify>,
) {
    let trusted_proxies = Arc::new(trusted_proxies);
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    let open = OpenConnections::default();
    let graceful = GracefulShutdown::new();
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    tracing::warn!(%error, "accepting a connection failed");
                    continue;
                }
            },
            () = stop.notified() => break,
        };
        let from_proxy = is_trusted(&trusted_proxies, peer.ip());
        let slot = if from_proxy {
            None
        } else {
            match open.take(peer.ip(), limits.connections_per_client) {
                Some(slot) => Some(slot),
                None => {
                    drop(stream);
                    continue;
                }
            }
        };
        let trusted = Arc::clone(&trusted_proxies);
        let service = router
            .clone()
            .map_request(move |mut request: axum::http::Request<_>| {
                let client = if from_proxy {
                    forwarded_client(request.headers(), &trusted).unwrap_or(peer.ip())
                } else {
                    peer.ip()
                };
                let client = SocketAddr::new(client, peer.port());
                request.extensions_mut().insert(ConnectInfo(client));
                request
            });
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), TowerToHyperService::new(service))
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _slot = slot;
            let _ = connection.await;
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

fn is_trusted(trusted: &[IpNet], ip: IpAddr) -> bool {
    trusted.iter().any(|net| net.contains(&ip))
}

/// The client a trusted proxy forwarded for: the right-most `X-Forwarded-For` address that is
/// not a trusted proxy (the addresses to its left are the client's word, and can be forged).
fn forwarded_client(headers: &HeaderMap, trusted: &[IpNet]) -> Option<IpAddr> {
    let addresses: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|address| address.trim().parse().ok())
        .collect();
    addresses
        .iter()
        .rev()
        .find(|address| !is_trusted(trusted, **address))
        .or(addresses.first())
        .copied()
}

/// How many connections each client has open.
#[derive(Clone, Default)]
struct OpenConnections(Arc<Mutex<HashMap<IpAddr, usize>>>);

/// One open connection of a client; dropping it frees the place.
struct Slot {
    open: OpenConnections,
    client: IpAddr,
}

impl OpenConnections {
    fn take(&self, ip: IpAddr, cap: usize) -> Option<Slot> {
        let client = client_block(ip);
        let mut counts = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let count = counts.entry(client).or_default();
        if *count >= cap {
            return None;
        }
        *count += 1;
        Some(Slot {
            open: self.clone(),
            client,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut counts = self
            .open
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(count) = counts.get_mut(&self.client) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.client);
            }
        }
    }
}
