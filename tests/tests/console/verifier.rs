//! `/verifikasi` in headless Chromium: the server's web page reads a KK's QR from a picture
//! with the wasm checker and checks its chain of trust on the device. A KK signed by the
//! server's certified key is "Asli" with its issuer named from the certificate; then, with the
//! server gone, a KK signed by a rogue key is still checked, and is an unknown issuer.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;
use kk_document::issue::issue_kk;
use kk_document::open::decrypted_pdf;
use kk_document::render::RenderOptions;
use kk_document::{IssuerKey, KkContent};
use kk_domain::sample;
use kk_e2e::browser::Browser;

#[tokio::test]
async fn the_verifier_page_checks_a_kk_picture_offline_through_the_trust_chain()
-> anyhow::Result<()> {
    let data = tempfile::tempdir()?;
    let server = kk_server::start(kk_e2e::server_config(data.path())).await?;
    let genuine = kk_picture(&server.state.issuer, data.path(), "genuine")?;
    let rogue_key = IssuerKey::from_signing_key(
        ed25519_dalek::SigningKey::from_bytes(&[66; 32]),
        "Dinas Dukcapil Kabupaten Bogor",
    );
    let forged = kk_picture(&rogue_key, data.path(), "forged")?;
    let browser = Browser::launch().await?;

    browser
        .goto(&format!("{}/verifikasi", server.url()))
        .await?;
    browser.element("body[data-ready='true']").await?;
    browser
        .element("#picture")
        .await?
        .send_keys(path_text(&genuine)?)
        .await?;
    browser.element("#verdict[data-verdict='valid']").await?;
    assert!(browser.text_of("#verdict").await?.starts_with("Asli"));
    let details = browser.text_of("#result dl").await?;
    assert!(
        details.contains("Dinas Kependudukan dan Pencatatan Sipil (32.01)"),
        "the issuer, from its certificate: {details}"
    );
    assert!(details.contains("3201012006150003"), "{details}");
    assert_eq!(browser.count("#members tbody tr").await?, 4);
    browser.screenshot("verifikasi-asli").await?;

    // The server is gone: the page checks on the device, with the keys it loaded.
    server.stop().await?;
    browser
        .element("#picture")
        .await?
        .send_keys(path_text(&forged)?)
        .await?;
    browser
        .element("#verdict[data-verdict='unknown_issuer']")
        .await?;
    assert!(
        browser
            .text_of("#verdict")
            .await?
            .starts_with("Penerbit tidak dikenal")
    );
    assert_eq!(
        browser.count("#members").await?,
        0,
        "no data from a forgery"
    );
    browser.click("#language").await?;
    browser.wait_for_text("h1", "Verify a KK").await?;
    assert!(
        browser
            .text_of("#verdict")
            .await?
            .starts_with("Unknown issuer")
    );
    browser.screenshot("verifikasi-unknown-issuer").await?;
    browser.close().await
}

/// The sample family's KK signed by `key`, its page rendered to a PNG by poppler, as a phone's
/// photo of the paper would be.
fn kk_picture(key: &IssuerKey, directory: &Path, name: &str) -> anyhow::Result<PathBuf> {
    let content = KkContent::from_application(
        &sample::valid_family(),
        &sample::regions(),
        "3201012006150003",
        sample::date(sample::TODAY),
    )?;
    let issued = issue_kk(&content, key, &RenderOptions::default())?;
    let pdf = directory.join(format!("{name}.pdf"));
    std::fs::write(&pdf, decrypted_pdf(&issued.encrypted_pdf, &issued.pin)?)?;
    let stem = directory.join(name);
    let rendered = Command::new("pdftoppm")
        .args(["-r", "150", "-png", "-singlefile"])
        .arg(&pdf)
        .arg(&stem)
        .status()
        .context("pdftoppm (poppler-utils) renders the KK")?;
    anyhow::ensure!(rendered.success(), "pdftoppm failed on {}", pdf.display());
    Ok(stem.with_extension("png"))
}

fn path_text(path: &Path) -> anyhow::Result<&str> {
    path.to_str().context("a UTF-8 temp path")
}
