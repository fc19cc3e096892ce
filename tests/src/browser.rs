//! Headless Chromium driven through ChromeDriver, for pages the server renders itself (the
//! officer console). `cargo xtask test` installs Debian's `chromium` and `chromium-driver` and
//! passes `KK_MANDIRI_CHROMEDRIVER` and `KK_MANDIRI_CHROMIUM`.

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};

use anyhow::Context;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

use crate::{free_port, required_path, stop, wait_for_element, wait_for_port};

pub struct Browser {
    client: Client,
    driver: Child,
    /// Chromium's profile, removed with the browser so no stale lock outlives a run.
    _profile: tempfile::TempDir,
}

impl Browser {
    pub async fn launch() -> anyhow::Result<Browser> {
        let chromedriver = required_path("KK_MANDIRI_CHROMEDRIVER")?;
        let chromium = required_path("KK_MANDIRI_CHROMIUM")?;
        let port = free_port()?;
        let profile = tempfile::Builder::new().prefix("kk-chromium-").tempdir()?;
        let driver = Command::new(&chromedriver)
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("could not start {}", chromedriver.display()))?;
        let mut driver = Some(driver);
        if let Err(error) = wait_for_port(port).await {
            stop(driver.as_mut().expect("set above"));
            return Err(error);
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), "chrome".into());
        // The flags that keep Chromium from calling out on a machine with no internet.
        capabilities.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=1280,900", format!("--user-data-dir={}", profile.path().display()),
                ],
            }),
        );
        let client = ClientBuilder::native()
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        let mut driver = driver.take().expect("set above");
        match client {
            Ok(client) => Ok(Browser {
                client,
                driver,
                _profile: profile,
            }),
            Err(error) => {
                stop(&mut driver);
                Err(error).context("ChromeDriver did not open a session")
            }
        }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub async fn goto(&self, url: &str) -> anyhow::Result<()> {
        Ok(self.client.goto(url).await?)
    }

    pub async fn element(&self, css: &str) -> anyhow::Result<Element> {
        wait_for_element(&self.client, css).await
    }

    pub async fn text_of(&self, css: &str) -> anyhow::Result<String> {
        Ok(self.element(css).await?.text().await?.trim().to_owned())
    }

    /// Waits until the text of `css` is `expected`: after a form posts, the old page still has
    /// the same elements for a moment, so waiting for one to exist proves nothing.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> anyhow::Result<()> {
        let deadline = std::time::Instant::now() + crate::UI_TIMEOUT;
        loop {
            let text = self.text_of(css).await.unwrap_or_default();
            if text == expected {
                return Ok(());
            }
            anyhow::ensure!(
                std::time::Instant::now() < deadline,
                "{css} should read {expected:?}, but reads {text:?}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    pub async fn count(&self, css: &str) -> anyhow::Result<usize> {
        Ok(self.client.find_all(Locator::Css(css)).await?.len())
    }

    /// Types `text` into a field and waits until the field holds all of it: under load, Chromium
    /// may still be applying the keystrokes when `send_keys` returns, and a click right after
    /// would post a cut-off value. Once (CI, session 8) every keystroke into a plain textarea was
    /// lost, so a field that does not fill within a few seconds is cleared and typed again.
    pub async fn type_into(&self, css: &str, text: &str) -> anyhow::Result<()> {
        const ATTEMPTS: u32 = 3;
        let settle = crate::UI_TIMEOUT / ATTEMPTS;
        let element = self.element(css).await?;
        let mut value = String::new();
        for attempt in 1..=ATTEMPTS {
            element.clear().await?;
            element.send_keys(text).await?;
            let deadline = std::time::Instant::now() + settle;
            while std::time::Instant::now() < deadline {
                value = element.prop("value").await?.unwrap_or_default();
                if value == text {
                    return Ok(());
                }
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            eprintln!("{css} held {value:?} after typing (attempt {attempt}); typing again");
        }
        anyhow::bail!("{css} should hold {text:?} after typing, but holds {value:?}")
    }

    pub async fn click(&self, css: &str) -> anyhow::Result<()> {
        crate::click_when_clickable(&self.client, css).await
    }

    pub async fn choose(&self, select_css: &str, value: &str) -> anyhow::Result<()> {
        self.element(select_css)
            .await?
            .select_by_value(value)
            .await?;
        Ok(())
    }

    /// Saves a PNG of the page as `target/screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> anyhow::Result<()> {
        let directory = required_path("KK_MANDIRI_SCREENSHOTS")?;
        std::fs::create_dir_all(&directory)?;
        std::fs::write(
            directory.join(format!("{name}.png")),
            self.client.screenshot().await?,
        )?;
        Ok(())
    }

    pub async fn close(mut self) -> anyhow::Result<()> {
        let closed = self.client.clone().close().await;
        stop(&mut self.driver);
        closed?;
        Ok(())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        stop(&mut self.driver);
    }
}
