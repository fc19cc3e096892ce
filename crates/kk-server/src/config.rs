//! How a server runs: where its data lives, where it listens, its limits and its notification
//! channels. `kk-server serve` fills this from flags or `KK_SERVER_*` environment variables.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use kk_domain::clock::Clock;

use crate::signing_keys::KeySource;

#[derive(Debug, Clone)]
pub struct Config {
    /// The SQLite file, documents, partial uploads and the file outbox live here.
    pub data_dir: PathBuf,
    pub listen: SocketAddr,
    /// Seed a demo officer account and print its login.
    pub demo: bool,
    pub limits: Limits,
    pub channels: Channels,
    /// "Now" and "today" for every rule, expiry and date on a KK. The system clock, unless a
    /// demo or a test sets it (`--today`, `KK_MANDIRI_TODAY`).
    pub clock: Clock,
    /// Which roots the issuer key may be certified under, and whether the demo root may certify
    /// one on first start (`--demo`, the tests).
    pub keys: KeySource,
    /// Where the `/verifikasi` page's wasm checker is (`crates/kk-verify-web/dist`, which
    /// `cargo xtask` builds; `KK_SERVER_VERIFIER_DIR` for an installed server).
    pub verifier_dir: PathBuf,
    /// Reverse proxies (`--trusted-proxy`) whose `X-Forwarded-For` names the client: behind a
    /// proxy every connection comes from the proxy, and one client's limits would be everyone's.
    pub trusted_proxies: Vec<ipnet::IpNet>,
}

impl Config {
    pub fn new(data_dir: PathBuf, listen: SocketAddr) -> Config {
        Config {
            data_dir,
            listen,
            demo: false,
            limits: Limits::default(),
            channels: Channels::default(),
            clock: Clock::SYSTEM,
            keys: KeySource::Certified,
            verifier_dir: std::env::var_os("KK_SERVER_VERIFIER_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    PathBuf::from(concat!(
                        env!("CARGO_MANIFEST_DIR"),
                        "/../kk-verify-web/dist"
                    ))
                }),
            trusted_proxies: Vec::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest JSON body accepted; more gets 413.
    pub json_bytes: usize,
    /// Largest document; larger uploads are refused at creation.
    pub document_bytes: u64,
    pub citizen_session: Duration,
    /// A session started at a shared kiosk: long enough for one visit.
    pub kiosk_session: Duration,
    pub officer_session: Duration,
    pub otp_lifetime: Duration,
    pub otp_attempts: u32,
    /// Code tries for one account in one day, over every code sent that day: with a fresh
    /// code every minute, five tries each would otherwise give 7,200 guesses a day.
    pub otp_tries_per_account_per_day: u32,
    pub otp_resend_after: Duration,
    /// Logins per minute for one account, and for one IP address.
    pub logins_per_account_per_minute: u32,
    pub logins_per_ip_per_minute: u32,
    /// OTP checks and sends per minute for one IP address.
    pub otp_requests_per_ip_per_minute: u32,
    /// SMS queued to one phone number in 24 hours, and in all: a bound on what an abuser can
    /// make the office's SMS gateway send (and pay for).
    pub sms_per_phone_per_day: u32,
    pub sms_per_day: u32,
    /// A request's headers must all arrive within this (slowloris).
    pub header_read_timeout: Duration,
    /// A request body that sends nothing for this long is cut off (a trickling upload).
    pub body_idle_timeout: Duration,
    /// Submissions and resubmissions one account may make in an hour.
    pub submissions_per_account_per_hour: u32,
    /// Bytes one account may hold on the server: its documents and the uploads it has begun.
    pub bytes_per_account: u64,
    /// An upload not finished within this is collected, with its partial file.
    pub stale_upload_after: Duration,
    /// Open connections for one client (an IPv4 address or an IPv6 /64). An office's kiosks
    /// behind one address share it, so it is generous.
    pub connections_per_client: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            json_bytes: 1024 * 1024,
            document_bytes: kk_domain::documents::MAX_ATTACHMENT_BYTES as u64,
            citizen_session: Duration::from_secs(30 * 24 * 3600),
            kiosk_session: Duration::from_secs(30 * 60),
            officer_session: Duration::from_secs(8 * 3600),
            otp_lifetime: Duration::from_secs(5 * 60),
            otp_attempts: 5,
            otp_tries_per_account_per_day: 20,
            otp_resend_after: Duration::from_secs(60),
            logins_per_account_per_minute: 5,
            logins_per_ip_per_minute: 30,
            otp_requests_per_ip_per_minute: 30,
            sms_per_phone_per_day: 10,
            sms_per_day: 100_000,
            header_read_timeout: Duration::from_secs(10),
            body_idle_timeout: Duration::from_secs(30),
            connections_per_client: 64,
            bytes_per_account: 250 * 1024 * 1024,
            submissions_per_account_per_hour: 20,
            stale_upload_after: Duration::from_secs(24 * 3600),
        }
    }
}

/// How messages leave the server. Each person has two addresses, a phone (`sms`) and an email
/// (`email`); each goes through one transport.
#[derive(Debug, Clone, Default)]
pub struct Channels {
    /// `None`: SMS are written to `<data-dir>/outbox/` as JSON files.
    pub sms_webhook: Option<String>,
    /// `None`: email is written to `<data-dir>/outbox/` too.
    pub smtp: Option<SmtpConfig>,
}

#[derive(Debug, Clone)]
pub struct SmtpConfig {
    /// e.g. `smtps://user:password@mail.example.org:465`.
    pub url: String,
    pub from: String,
}
