//! A TCP proxy between the sync engine and a real server that misbehaves on request: latency,
//! a bandwidth cap, a cut after N bytes, a dropped answer to a submission the server has
//! already committed, and an upstream that can move (a server stopped and started again).
//!
//! It also counts the bytes it relays each way, HTTP headers included (TCP/IP headers are not
//! seen), which is what the sync bench reports as the wire overhead.
//!
//! The sync fault tests (`crates/kk-sync/tests/faults.rs`) and the sync bench
//! (`crates/kk-bench/src/sync_link.rs`) share it, so the bench measures the link the tests prove.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the link does wrong; the default is a perfect link.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    /// Added once at the start of each burst in either direction: a round trip costs twice this.
    pub latency: Duration,
    /// Bytes per second in each direction.
    pub bytes_per_second: Option<u64>,
    /// Cut the connection once this many more bytes have gone towards the server (one-shot).
    pub cut_after_bytes: Option<u64>,
    /// Close the connection instead of passing on the answer to this many submissions.
    pub drop_submission_answers: u32,
}

struct Shared {
    upstream: Mutex<SocketAddr>,
    faults: Mutex<Faults>,
    bytes_to_server: AtomicU64,
    bytes_to_client: AtomicU64,
}

/// A proxy listening on a free loopback port, relaying to `upstream`.
pub struct FaultProxy {
    pub address: SocketAddr,
    shared: Arc<Shared>,
}

impl FaultProxy {
    pub async fn start(upstream: SocketAddr) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let shared = Arc::new(Shared {
            upstream: Mutex::new(upstream),
            faults: Mutex::new(Faults::default()),
            bytes_to_server: AtomicU64::new(0),
            bytes_to_client: AtomicU64::new(0),
        });
        let accepting = Arc::clone(&shared);
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(relay(client, Arc::clone(&accepting)));
            }
        });
        FaultProxy { address, shared }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn set_faults(&self, faults: Faults) {
        *self.shared.faults.lock().unwrap() = faults;
    }

    pub fn set_upstream(&self, upstream: SocketAddr) {
        *self.shared.upstream.lock().unwrap() = upstream;
    }

    /// Every byte that went towards the server, headers included.
    pub fn bytes_to_server(&self) -> u64 {
        self.shared.bytes_to_server.load(Ordering::SeqCst)
    }

    /// Every byte that came back from the server, headers included.
    pub fn bytes_to_client(&self) -> u64 {
        self.shared.bytes_to_client.load(Ordering::SeqCst)
    }
}

async fn relay(client: TcpStream, shared: Arc<Shared>) {
    let upstream = *shared.upstream.lock().unwrap();
    // A server that is down: the client sees its connection closed.
    let Ok(server) = TcpStream::connect(upstream).await else {
        return;
    };
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let drop_next_answer = Arc::new(std::sync::atomic::AtomicBool::new(false));

    let towards_server = {
        let shared = Arc::clone(&shared);
        let drop_next_answer = Arc::clone(&drop_next_answer);
        async move {
            let mut buffer = vec![0u8; 16 * 1024];
            let mut last = Instant::now() - Duration::from_secs(60);
            loop {
                let read = match client_read.read(&mut buffer).await {
                    Ok(0) | Err(_) => return,
                    Ok(read) => read,
                };
                let chunk = &buffer[..read];
                let faults = shared.faults.lock().unwrap().clone();
                if contains(chunk, b"POST /v1/applications ")
                    || contains(chunk, b"PUT /v1/applications/")
                {
                    let mut current = shared.faults.lock().unwrap();
                    if current.drop_submission_answers > 0 {
                        current.drop_submission_answers -= 1;
                        drop_next_answer.store(true, Ordering::SeqCst);
                    }
                }
                let mut allowed = read;
                let mut cut = false;
                if let Some(budget) = faults.cut_after_bytes {
                    if (read as u64) >= budget {
                        allowed = budget as usize;
                        cut = true;
                        shared.faults.lock().unwrap().cut_after_bytes = None;
                    } else {
                        shared.faults.lock().unwrap().cut_after_bytes = Some(budget - read as u64);
                    }
                }
                pace(&faults, &mut last, allowed).await;
                if server_write.write_all(&chunk[..allowed]).await.is_err() {
                    return;
                }
                shared
                    .bytes_to_server
                    .fetch_add(allowed as u64, Ordering::SeqCst);
                if cut {
                    return;
                }
            }
        }
    };
    let towards_client = {
        let shared = Arc::clone(&shared);
        async move {
            let mut buffer = vec![0u8; 16 * 1024];
            let mut last = Instant::now() - Duration::from_secs(60);
            loop {
                let read = match server_read.read(&mut buffer).await {
                    Ok(0) | Err(_) => return,
                    Ok(read) => read,
                };
                // The server has committed and is answering: the answer is lost on the way.
                if drop_next_answer.swap(false, Ordering::SeqCst) {
                    return;
                }
                let faults = shared.faults.lock().unwrap().clone();
                pace(&faults, &mut last, read).await;
                if client_write.write_all(&buffer[..read]).await.is_err() {
                    return;
                }
                shared
                    .bytes_to_client
                    .fetch_add(read as u64, Ordering::SeqCst);
            }
        }
    };
    // Whichever side ends first closes both.
    tokio::select! {
        _ = towards_server => {}
        _ = towards_client => {}
    }
}

/// Latency at the start of a burst, then the time `bytes` take at the capped rate.
async fn pace(faults: &Faults, last: &mut Instant, bytes: usize) {
    if !faults.latency.is_zero() && last.elapsed() > faults.latency {
        tokio::time::sleep(faults.latency).await;
    }
    if let Some(rate) = faults.bytes_per_second {
        tokio::time::sleep(Duration::from_secs_f64(bytes as f64 / rate as f64)).await;
    }
    *last = Instant::now();
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}
