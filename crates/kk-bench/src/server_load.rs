//! Load on a real kk-server: a release build serving on a free port, driven over HTTP by a
//! load generator in the same process (16 concurrent clients, each with its own account).
//!
//! - Submissions: `POST /v1/applications` with a 3-member family and its documents, a new
//!   `Idempotency-Key` each time. Each is validated, written in one transaction with its audit
//!   row, and fsynced (WAL, `synchronous = FULL`).
//! - Status reads: `GET /v1/applications/{id}`, each also an audited write.
//! - The ceiling: a bare rusqlite loop inserting the same JSON, one fsynced transaction per row,
//!   with the same pragmas. The server's cost is reported as `ceiling ÷ submissions per second`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use kk_domain::application::Application;
use kk_server::Config;
use kk_server::documents::DocumentStore;
use kk_server::store::Store;

use crate::citizens::verified_citizen;

const CLIENTS: usize = 16;
const RUN_FOR: Duration = Duration::from_secs(5);

pub struct Latencies {
    pub per_second: f64,
    pub p50: Duration,
    pub p99: Duration,
}

pub struct ServerLoad {
    pub submissions: Latencies,
    pub status_reads: Latencies,
    pub ceiling_per_second: f64,
}

struct Client {
    token: String,
    application: Application,
}

pub fn measure() -> anyhow::Result<ServerLoad> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let data = tempfile::tempdir()?;
        let mut config = Config::new(data.path().to_path_buf(), "127.0.0.1:0".parse()?);
        config.keys = kk_server::signing_keys::KeySource::DemoRoot;
        // The load comes from this one machine and a few accounts: the per-client limits,
        // which would refuse it, are not what is measured.
        config.limits.submissions_per_account_per_hour = u32::MAX;
        config.limits.connections_per_client = usize::MAX;
        let server = kk_server::start(config).await?;
        let clients = Arc::new(prepare_clients(
            server.state.store.as_ref(),
            &server.state.documents,
        )?);
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(CLIENTS)
            .build()?;
        let base = server.url();

        let submit_base = base.clone();
        let submit_http = http.clone();
        let submit_clients = Arc::clone(&clients);
        let (submissions, ids) = drive(move |worker, round| {
            let client = &submit_clients[worker];
            let mut application = client.application.clone();
            application.address.street = format!("Jalan Beban {worker}-{round}");
            submit_http
                .post(format!("{submit_base}/v1/applications"))
                .bearer_auth(&client.token)
                .header("idempotency-key", format!("bench-{worker}-{round}"))
                .json(&application)
        })
        .await?;

        let ids = Arc::new(ids);
        let read_clients = Arc::clone(&clients);
        let (status_reads, _) = drive(move |worker, round| {
            let own = &ids[worker];
            let id = &own[round % own.len()];
            http.get(format!("{base}/v1/applications/{id}"))
                .bearer_auth(&read_clients[worker].token)
        })
        .await?;
        server.stop().await?;
        Ok(ServerLoad {
            submissions,
            status_reads,
            ceiling_per_second: sqlite_insert_ceiling(&clients[0].application)?,
        })
    })
}

/// One verified citizen per client, with a live session and uploaded documents.
fn prepare_clients(store: &dyn Store, documents: &DocumentStore) -> anyhow::Result<Vec<Client>> {
    let mut clients = Vec::new();
    for worker in 0..CLIENTS {
        let (owner, token) = verified_citizen(
            store,
            &format!("bench-{worker}"),
            &format!("32010112059002{worker:02}"),
        )?;
        let mut application = kk_domain::sample::valid_family();
        for (index, document) in application.documents.iter_mut().enumerate() {
            let bytes = format!("%PDF-1.7\n% bench {worker} {index}\n%%EOF\n").into_bytes();
            let sha256 = kk_server::demo::file_pdf(store, documents, owner, &bytes)?;
            document.sha256 = sha256;
        }
        clients.push(Client { token, application });
    }
    Ok(clients)
}

/// Runs `CLIENTS` workers for `RUN_FOR`, each sending `request(worker, round)` one after
/// another. Returns the rate and latencies, and the ids of what each worker created.
async fn drive(
    request: impl Fn(usize, usize) -> reqwest::RequestBuilder + Send + Sync + 'static,
) -> anyhow::Result<(Latencies, Vec<Vec<String>>)> {
    let request = Arc::new(request);
    let started = Instant::now();
    let mut workers = Vec::new();
    for worker in 0..CLIENTS {
        let request = Arc::clone(&request);
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut ids = Vec::new();
            let mut round = 0;
            while started.elapsed() < RUN_FOR {
                let sent = Instant::now();
                let response = request(worker, round).send().await?;
                let status = response.status();
                let body: serde_json::Value = response.json().await?;
                anyhow::ensure!(status.is_success(), "the server answered {status}: {body}");
                latencies.push(sent.elapsed());
                if let Some(id) = body["id"].as_str() {
                    ids.push(id.to_owned());
                }
                round += 1;
            }
            anyhow::Ok((latencies, ids))
        }));
    }
    let mut latencies = Vec::new();
    let mut ids = Vec::new();
    for worker in workers {
        let (worker_latencies, worker_ids) = worker.await??;
        latencies.extend(worker_latencies);
        ids.push(worker_ids);
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let at = |fraction: f64| {
        latencies[((latencies.len() as f64 * fraction) as usize).min(latencies.len() - 1)]
    };
    Ok((
        Latencies {
            per_second: latencies.len() as f64 / elapsed.as_secs_f64(),
            p50: at(0.50),
            p99: at(0.99),
        },
        ids,
    ))
}

/// Rows per second for a bare insert loop: the most SQLite on this disk can commit.
fn sqlite_insert_ceiling(application: &Application) -> anyhow::Result<f64> {
    let directory = tempfile::tempdir()?;
    let connection = rusqlite::Connection::open(directory.path().join("ceiling.sqlite3"))?;
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection
        .execute_batch("CREATE TABLE applications (id TEXT PRIMARY KEY, body TEXT NOT NULL)")?;
    let body = serde_json::to_string(application)?;
    let mut insert = connection.prepare("INSERT INTO applications (id, body) VALUES (?1, ?2)")?;
    let started = Instant::now();
    let mut rows = 0u64;
    while started.elapsed() < RUN_FOR {
        insert.execute(rusqlite::params![uuid::Uuid::new_v4().to_string(), body])?;
        rows += 1;
    }
    Ok(rows as f64 / started.elapsed().as_secs_f64())
}
