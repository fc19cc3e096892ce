//! `kk-server`: serve the backend, or check its audit trail.
//!
//! ```text
//! kk-server serve --data-dir DIR --listen 127.0.0.1:8080 [--demo]
//! kk-server audit verify --data-dir DIR
//! kk-server register import --data-dir DIR FILE
//! ```
//! Every flag can also come from the environment (`KK_SERVER_DATA_DIR`, `KK_SERVER_LISTEN`, …).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kk_domain::clock::Clock;
use kk_server::Config;
use kk_server::config::SmtpConfig;
use kk_server::register_import::{self, ImportError};
use kk_server::store::sqlite::SqliteStore;

#[derive(Parser)]
#[command(name = "kk-server", version, about = "The KK Mandiri backend")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the officer console.
    Serve {
        #[arg(long, env = "KK_SERVER_DATA_DIR")]
        data_dir: PathBuf,
        #[arg(long, env = "KK_SERVER_LISTEN", default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Seed a demo officer account and print its login.
        #[arg(long, env = "KK_SERVER_DEMO")]
        demo: bool,
        /// Send SMS through this gateway webhook instead of the file outbox.
        #[arg(long, env = "KK_SERVER_SMS_WEBHOOK")]
        sms_webhook: Option<String>,
        /// Send email through this SMTP URL instead of the file outbox.
        #[arg(long, env = "KK_SERVER_SMTP_URL", requires = "smtp_from")]
        smtp_url: Option<String>,
        #[arg(long, env = "KK_SERVER_SMTP_FROM")]
        smtp_from: Option<String>,
        /// Take this date (YYYY-MM-DD) as today, for a demo or a test. Only with --demo.
        #[arg(long, env = "KK_MANDIRI_TODAY", requires = "demo")]
        today: Option<String>,
    },
    /// The audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// The register of families.
    Register {
        #[command(subcommand)]
        command: RegisterCommand,
    },
}

#[derive(Subcommand)]
enum RegisterCommand {
    /// Load families from an export (JSON Lines, one family per line; see
    /// assets/demo/register.jsonl). All or nothing; each bad line is named with its reason.
    Import {
        #[arg(long, env = "KK_SERVER_DATA_DIR")]
        data_dir: PathBuf,
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Recompute the hash chain; exit 1 naming the first broken row.
    Verify {
        #[arg(long, env = "KK_SERVER_DATA_DIR")]
        data_dir: PathBuf,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "kk_server=info".into()),
        )
        .init();
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("kk-server: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve {
            data_dir,
            listen,
            demo,
            sms_webhook,
            smtp_url,
            smtp_from,
            today,
        } => {
            let mut config = Config::new(data_dir, listen);
            config.demo = demo;
            config.clock = Clock::from_setting(today.as_deref(), chrono::Utc::now())?;
            config.channels.sms_webhook = sms_webhook;
            config.channels.smtp = smtp_url
                .zip(smtp_from)
                .map(|(url, from)| SmtpConfig { url, from });
            serve(config)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Register {
            command: RegisterCommand::Import { data_dir, file },
        } => import_register(&data_dir, &file),
        Command::Audit {
            command: AuditCommand::Verify { data_dir },
        } => {
            if !data_dir.join(SqliteStore::FILE_NAME).exists() {
                anyhow::bail!("no database in {}", data_dir.display());
            }
            let store = SqliteStore::open(&data_dir)?;
            match store.verify_audit()? {
                Ok(rows) => {
                    println!("The audit trail is intact: {rows} rows.");
                    Ok(ExitCode::SUCCESS)
                }
                Err(broken) => {
                    println!("The audit trail is broken at {broken}.");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
    }
}

fn import_register(data_dir: &std::path::Path, file: &std::path::Path) -> anyhow::Result<ExitCode> {
    let export = std::fs::read_to_string(file)
        .map_err(|error| anyhow::anyhow!("{}: {error}", file.display()))?;
    std::fs::create_dir_all(data_dir)?;
    let store = SqliteStore::open(data_dir)?;
    let now = chrono::Utc::now();
    let regions = kk_domain::region::embedded::load();
    let today = Clock::SYSTEM.today_at(now);
    match register_import::import(&store, &export, &regions, today, now) {
        Ok(report) => {
            println!(
                "Imported {}: {} added, {} updated, {} unchanged.",
                file.display(),
                report.added,
                report.updated,
                report.unchanged
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportError::BadLines(lines)) => {
            for bad in &lines {
                eprintln!("{}:{}: {}", file.display(), bad.line, bad.reason);
            }
            eprintln!("Nothing was imported: {} line(s) need fixing.", lines.len());
            Ok(ExitCode::FAILURE)
        }
        Err(ImportError::Store(error)) => Err(error.into()),
    }
}

#[tokio::main]
async fn serve(config: Config) -> anyhow::Result<()> {
    let server = kk_server::start(config).await?;
    println!("KK Mandiri server listening on {}", server.url());
    tokio::signal::ctrl_c().await?;
    server.stop().await
}
