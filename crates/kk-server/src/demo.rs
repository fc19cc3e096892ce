//! `--demo`: an officer account to try the console with, printed at start, three sample
//! applications in the queue, and a register of two families (`assets/demo/register.jsonl`,
//! loaded through the same import a real office uses). Seeding is idempotent: a restart adds
//! nothing twice.

use crate::documents::DocumentStore;
use chrono::Utc;

use crate::auth::password;
use crate::store::{NewAccount, Role, Store};

pub const DEMO_OFFICER_LOGIN: &str = "petugas.demo";
pub const DEMO_OFFICER_PASSWORD: &str = "demo-petugas-2026";

/// The demo register, in the export format `kk-server register import` reads.
pub const DEMO_REGISTER: &str = include_str!("../../../assets/demo/register.jsonl");

/// Loads the demo register; a second start finds it unchanged.
pub fn seed_register(
    store: &dyn Store,
    regions: &kk_domain::region::RegionTable,
    today: chrono::NaiveDate,
) -> anyhow::Result<()> {
    crate::register_import::import(store, DEMO_REGISTER, regions, today, Utc::now())
        .map_err(|error| anyhow::anyhow!("the demo register: {error:?}"))?;
    Ok(())
}

/// The demo officer, whose password is public, may only serve a demo: `--demo` on a loopback
/// address. Any other start disables it (see [`disable_demo_officer`]).
pub fn check_demo_address(listen: std::net::SocketAddr) -> anyhow::Result<()> {
    if listen.ip().is_loopback() {
        return Ok(());
    }
    anyhow::bail!(
        "--demo hanya untuk alamat loopback (127.0.0.1 atau ::1), karena kata sandi petugas demo \
         diketahui umum; {listen} bukan.\n--demo serves only a loopback address (127.0.0.1 or \
         ::1), since the demo officer's password is public; {listen} is not."
    )
}

/// Outside a demo, the demo officer cannot log in, and its sessions end.
pub fn disable_demo_officer(store: &dyn Store) -> anyhow::Result<()> {
    if store
        .account_by_login(DEMO_OFFICER_LOGIN)?
        .is_some_and(|officer| !officer.disabled)
    {
        store.set_disabled(DEMO_OFFICER_LOGIN, true, Utc::now())?;
        tracing::warn!("the demo officer is disabled: this server does not run with --demo");
    }
    Ok(())
}

pub async fn seed(store: &dyn Store) -> anyhow::Result<()> {
    match store.account_by_login(DEMO_OFFICER_LOGIN)? {
        Some(officer) if officer.disabled => {
            store.set_disabled(DEMO_OFFICER_LOGIN, false, Utc::now())?;
        }
        Some(_) => {}
        None => create_demo_officer(store).await?,
    }
    println!(
        "Demo officer: log in to the console with user name {DEMO_OFFICER_LOGIN} and password {DEMO_OFFICER_PASSWORD}"
    );
    Ok(())
}

async fn create_demo_officer(store: &dyn Store) -> anyhow::Result<()> {
    let password_hash = password::hash(DEMO_OFFICER_PASSWORD.to_owned())
        .await
        .map_err(|error| anyhow::anyhow!("{:?}", error.body))?;
    store.create_account(
        NewAccount::officer(DEMO_OFFICER_LOGIN, "Petugas Demo", password_hash),
        Utc::now(),
    )?;
    Ok(())
}

/// Sample applications for the console, each from its own verified citizen, with small PDF
/// documents. They share the sample family's NIKs, so the duplicate-NIK check has something to
/// show. Returns their ids.
pub fn seed_sample_applications(
    store: &dyn Store,
    documents: &DocumentStore,
    count: u32,
) -> anyhow::Result<Vec<String>> {
    use sha2::{Digest, Sha256};

    use crate::store::{Submission, SubmitOutcome};

    let mut ids = Vec::new();
    for number in 1..=count {
        let login = format!("32010112059001{number:02}");
        let owner = match store.account_by_login(&login)? {
            Some(account) => account.id,
            None => store.create_account(
                NewAccount {
                    login: login.clone(),
                    nik: login.clone(),
                    full_name: format!("Warga Demo {number}"),
                    phone: format!("+6281200001{number:03}"),
                    email: format!("warga{number}@demo.invalid"),
                    // Not a usable hash: demo citizens cannot log in.
                    password_hash: "!".into(),
                    role: Role::Citizen,
                    verified: true,
                },
                Utc::now(),
            )?,
        };
        let mut application = kk_domain::sample::valid_family();
        application.address.street = format!("Jalan Demo No. {number}");
        for (index, document) in application.documents.iter_mut().enumerate() {
            let bytes = format!("%PDF-1.7\n% demo {number} document {index}\n%%EOF\n").into_bytes();
            let sha256 = file_pdf(store, documents, owner, &bytes)?;
            document.sha256 = sha256;
            document.media_type = "application/pdf".into();
            document.size_bytes = bytes.len() as u64;
        }
        let body = serde_json::to_vec(&application)?;
        let outcome = store.submit(Submission {
            owner,
            idempotency_key: format!("demo-{number}"),
            body_sha256: hex::encode(Sha256::digest(&body)),
            application,
            at: Utc::now(),
        })?;
        match outcome {
            SubmitOutcome::Created(stored) | SubmitOutcome::Replayed(stored) => ids.push(stored.id),
            SubmitOutcome::KeyReusedWithOtherBody => {
                anyhow::bail!("demo application {number} changed")
            }
        }
    }
    Ok(ids)
}

/// Files `bytes` (a PDF) as a finished document of `owner`, as a completed upload would, and
/// returns its SHA-256. For seeding demos and benchmarks without going through tus.
pub fn file_pdf(
    store: &dyn Store,
    documents: &DocumentStore,
    owner: crate::store::AccountId,
    bytes: &[u8],
) -> anyhow::Result<String> {
    use crate::store::{DocumentRecord, Upload};

    let sha256 = documents.put_blocking(bytes)?;
    let upload = Upload {
        id: uuid::Uuid::new_v4().simple().to_string(),
        owner,
        length: bytes.len() as u64,
        offset: 0,
        sha256: sha256.clone(),
        file_name: "scan.pdf".into(),
    };
    store.create_upload(&upload, Utc::now())?;
    let record = DocumentRecord {
        sha256: sha256.clone(),
        owner,
        media_type: "application/pdf".into(),
        size: bytes.len() as u64,
    };
    store.finish_upload(&upload.id, &record, Utc::now())?;
    Ok(sha256)
}
