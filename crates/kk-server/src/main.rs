//! `kk-server`: serve the backend, or check its audit trail.
//!
//! ```text
//! kk-server serve --data-dir DIR --listen 127.0.0.1:8080 [--demo]
//! kk-server audit verify --data-dir DIR
//! kk-server register import --data-dir DIR FILE
//! kk-server keys init-root --name NAME --out FILE
//! kk-server keys issue --root FILE --data-dir DIR --issuer NAME --region CODE \
//!     --valid-from DATE --valid-until DATE
//! kk-server keys revoke --root FILE --data-dir DIR KEY_ID…
//! kk-server officer add --data-dir DIR --name NAME [--password-stdin] LOGIN
//! kk-server officer disable|enable --data-dir DIR LOGIN
//! kk-server officer list --data-dir DIR
//! ```
//! Every flag can also come from the environment (`KK_SERVER_DATA_DIR`, `KK_SERVER_LISTEN`, …).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kk_domain::clock::Clock;
use kk_server::Config;
use kk_server::config::SmtpConfig;
use kk_server::officers;
use kk_server::register_import::{self, ImportError};
use kk_server::signing_keys::{self, KeySource};
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
        /// Send SMS through this gateway webhook. Required unless --demo, whose stand-in
        /// carrier only writes each message to DIR/outbox/.
        #[arg(long, env = "KK_SERVER_SMS_WEBHOOK")]
        sms_webhook: Option<String>,
        /// Send email through this SMTP URL (with --smtp-from). Required unless --demo.
        #[arg(long, env = "KK_SERVER_SMTP_URL", requires = "smtp_from")]
        smtp_url: Option<String>,
        #[arg(long, env = "KK_SERVER_SMTP_FROM")]
        smtp_from: Option<String>,
        /// A reverse proxy (CIDR, e.g. 10.0.0.5/32) whose X-Forwarded-For names the client;
        /// repeat it, or separate with commas, for several.
        #[arg(long, env = "KK_SERVER_TRUSTED_PROXY", value_delimiter = ',')]
        trusted_proxy: Vec<ipnet::IpNet>,
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
    /// Officer accounts for the console.
    Officer {
        #[command(subcommand)]
        command: OfficerCommand,
    },
    /// The trust chain: a root key (offline), the issuer keys it certifies, revocations.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Make a root key in FILE (keep it offline) and its public half in FILE.public.json, to
    /// add to assets/keys/trusted-roots.json.
    InitRoot {
        #[arg(long)]
        name: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Make an issuer key and its certificate under the root, in DIR/keys/ for the server.
    Issue {
        #[arg(long)]
        root: PathBuf,
        #[arg(long, env = "KK_SERVER_DATA_DIR")]
        data_dir: PathBuf,
        /// The issuer's name, as verifiers show it.
        #[arg(long)]
        issuer: String,
        /// The issuer's region code, e.g. 32.01.
        #[arg(long)]
        region: String,
        #[arg(long)]
        valid_from: chrono::NaiveDate,
        #[arg(long)]
        valid_until: chrono::NaiveDate,
    },
    /// Revoke issuer keys: a new root-signed revocation list in DIR/keys/.
    Revoke {
        #[arg(long)]
        root: PathBuf,
        #[arg(long, env = "KK_SERVER_DATA_DIR")]
        data_dir: PathBuf,
        #[arg(required = true)]
        key_ids: Vec<String>,
    },
}

#[derive(Subcommand)]
enum OfficerCommand {
    /// Add an officer. The password is asked twice without echo, or read from the first line
    /// of standard input with --password-stdin.
    Add {
        #[arg(long, env = "KK_SERVER_DATA_DIR")]
        data_dir: PathBuf,
        /// The officer's full name, as the console shows it.
        #[arg(long)]
        name: String,
        #[arg(long)]
        password_stdin: bool,
        login: String,
    },
    /// Disable an officer: no more logins, and their sessions end.
    Disable {
        #[arg(long, env = "KK_SERVER_DATA_DIR")]
        data_dir: PathBuf,
        login: String,
    },
    /// Enable a disabled officer again.
    Enable {
        #[arg(long, env = "KK_SERVER_DATA_DIR")]
        data_dir: PathBuf,
        login: String,
    },
    /// List the officers.
    List {
        #[arg(long, env = "KK_SERVER_DATA_DIR")]
        data_dir: PathBuf,
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
    // Everything the server writes (database, documents, keys, messages) is its own alone.
    // SAFETY: umask only sets the process's file-creation mask; no other thread runs yet.
    unsafe {
        libc::umask(0o077);
    }
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
            trusted_proxy,
            today,
        } => {
            require_real_transports(demo, sms_webhook.is_some(), smtp_url.is_some())?;
            let mut config = Config::new(data_dir, listen);
            config.demo = demo;
            if demo {
                config.keys = KeySource::DemoRoot;
            }
            config.clock = Clock::from_setting(today.as_deref(), chrono::Utc::now())?;
            config.trusted_proxies = trusted_proxy;
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
        Command::Keys { command } => keys(command),
        Command::Officer { command } => officer(command),
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

fn officer(command: OfficerCommand) -> anyhow::Result<ExitCode> {
    let open = |data_dir: &std::path::Path| -> anyhow::Result<SqliteStore> {
        std::fs::create_dir_all(data_dir)?;
        SqliteStore::open(data_dir)
    };
    match command {
        OfficerCommand::Add {
            data_dir,
            name,
            password_stdin,
            login,
        } => {
            let store = open(&data_dir)?;
            let source = if password_stdin {
                officers::PasswordSource::Stdin
            } else {
                officers::PasswordSource::Prompt
            };
            tokio::runtime::Runtime::new()?
                .block_on(officers::add(&store, &login, &name, source))?;
            println!("Petugas {login} ditambahkan. / Officer {login} added.");
        }
        OfficerCommand::Disable { data_dir, login } => {
            officers::set_disabled(&open(&data_dir)?, &login, true)?;
            println!("Petugas {login} dinonaktifkan. / Officer {login} disabled.");
        }
        OfficerCommand::Enable { data_dir, login } => {
            officers::set_disabled(&open(&data_dir)?, &login, false)?;
            println!("Petugas {login} diaktifkan. / Officer {login} enabled.");
        }
        OfficerCommand::List { data_dir } => {
            for line in officers::list(&open(&data_dir)?)? {
                println!("{line}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Outside `--demo`, messages carry OTPs and PINs to real people: the stand-in carrier, which
/// keeps them in files, is refused.
fn require_real_transports(demo: bool, sms: bool, email: bool) -> anyhow::Result<()> {
    if demo || (sms && email) {
        return Ok(());
    }
    let missing = match (sms, email) {
        (false, false) => "--sms-webhook URL and --smtp-url URL --smtp-from ADDRESS",
        (false, true) => "--sms-webhook URL",
        _ => "--smtp-url URL --smtp-from ADDRESS",
    };
    anyhow::bail!(
        "Tanpa --demo, server membutuhkan pengirim SMS dan email sungguhan: {missing} \
         (atau KK_SERVER_SMS_WEBHOOK, KK_SERVER_SMTP_URL, KK_SERVER_SMTP_FROM).\n\
         Without --demo, the server needs real SMS and email transports: {missing} \
         (or KK_SERVER_SMS_WEBHOOK, KK_SERVER_SMTP_URL, KK_SERVER_SMTP_FROM). The stand-in \
         carrier would keep every OTP and PIN in files under the data directory."
    )
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

fn keys(command: KeysCommand) -> anyhow::Result<ExitCode> {
    match command {
        KeysCommand::InitRoot { name, out } => {
            let root = signing_keys::init_root(&name, &out)?;
            println!(
                "Root {} written to {} (keep it offline); its public half is in {}.",
                root.root_id,
                out.display(),
                signing_keys::public_path(&out).display()
            );
        }
        KeysCommand::Issue {
            root,
            data_dir,
            issuer,
            region,
            valid_from,
            valid_until,
        } => {
            let root = signing_keys::read_root(&root)?;
            let dir = signing_keys::keys_dir(&data_dir);
            let certificate =
                signing_keys::issue(&root, &dir, &issuer, &region, valid_from, valid_until)?;
            println!(
                "Issuer key {} for {} ({region}), {valid_from} to {valid_until}, in {}.",
                certificate.key_id,
                certificate.issuer,
                dir.display()
            );
        }
        KeysCommand::Revoke {
            root,
            data_dir,
            key_ids,
        } => {
            let root = signing_keys::read_root(&root)?;
            let dir = signing_keys::keys_dir(&data_dir);
            let list = signing_keys::revoke(
                &root,
                &dir,
                &key_ids,
                Clock::SYSTEM.today_at(chrono::Utc::now()),
            )?;
            println!(
                "Revocation list {} of root {}: {} key(s) revoked.",
                list.number,
                root.root_id(),
                list.revoked.len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[tokio::main]
async fn serve(config: Config) -> anyhow::Result<()> {
    let server = kk_server::start(config).await?;
    println!("KK Mandiri server listening on {}", server.url());
    tokio::signal::ctrl_c().await?;
    server.stop().await
}
