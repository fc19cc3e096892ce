//! Harness for end-to-end tests of the real KK Mandiri app.
//!
//! [`RealApp::launch`] starts tauri-driver, which starts the built app binary inside a real
//! WebKitGTK window and speaks WebDriver to it through WebKitWebDriver. `cargo xtask test`
//! provides what this needs through the environment:
//! - `KK_MANDIRI_APP`: the app binary;
//! - `KK_MANDIRI_TAURI_DRIVER`: the pinned tauri-driver;
//! - `KK_MANDIRI_SCREENSHOTS`: where screenshots go (`target/screenshots/`);
//! - `KK_MANDIRI_AXE`: axe-core's `axe.min.js`, for [`RealApp::assert_accessible`];
//! - `DISPLAY`: the X display for the console's browser; each app gets a private Xvfb of its own
//!   (`display.rs`), and its own XDG homes, so two apps under test share nothing.
//!
//! [`browser::Browser`] drives headless Chromium for the server's officer console.

mod accessibility;
pub mod browser;
mod display;
pub mod notifications;
pub mod officer;
pub mod sms;
mod web_process;

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

pub use web_process::{once_more_if_the_web_process_died, web_process_died};

/// The date every app and server under test takes as today (`KK_MANDIRI_TODAY`), so no test
/// depends on the day it runs. Dates typed in a test are written relative to it.
pub const TODAY: &str = kk_domain::sample::TODAY;

/// A server configuration with its data in `data_dir`, on a free port, on the clock of
/// [`TODAY`], signing with a key certified under the demo root (which the debug app trusts).
pub fn server_config(data_dir: &std::path::Path) -> kk_server::Config {
    let mut config = kk_server::Config::new(
        data_dir.to_path_buf(),
        "127.0.0.1:0".parse().expect("a socket address"),
    );
    config.clock = kk_domain::clock::Clock::from_setting(Some(TODAY), chrono::Utc::now())
        .expect("TODAY is a date");
    config.keys = kk_server::signing_keys::KeySource::DemoRoot;
    config
}

/// Loads the demo register (the Santoso and Wijaya families) into the server's store, as
/// `kk-server serve --demo` does.
pub fn load_demo_register(server: &kk_server::RunningServer) -> anyhow::Result<()> {
    kk_server::register_import::import(
        server.state.store.as_ref(),
        kk_server::demo::DEMO_REGISTER,
        &server.state.regions,
        kk_domain::sample::date(TODAY),
        server.state.now(),
    )
    .map_err(|error| anyhow::anyhow!("the demo register: {error:?}"))?;
    Ok(())
}

/// A verified citizen with this NIK and password in the server's store, as if they had
/// registered in the app; returns the account id.
pub async fn verified_citizen(
    server: &kk_server::RunningServer,
    nik: &str,
    password: &str,
) -> anyhow::Result<kk_server::store::AccountId> {
    let password_hash = kk_server::auth::password::hash(password.to_owned())
        .await
        .map_err(|error| anyhow::anyhow!("{:?}", error.body))?;
    Ok(server.state.store.create_account(
        kk_server::store::NewAccount {
            login: nik.into(),
            nik: nik.into(),
            full_name: "Budi Santoso".into(),
            phone: "+6281200000001".into(),
            email: "budi@contoh.id".into(),
            password_hash,
            role: kk_server::store::Role::Citizen,
            verified: true,
        },
        server.state.now(),
    )?)
}

/// How long to wait for the UI to reach an expected state before failing.
pub(crate) const UI_TIMEOUT: Duration = Duration::from_secs(20);

/// How to start the app beyond its data directory.
#[derive(Default)]
pub struct Launch<'a> {
    pub environment: &'a [(&'a str, &'a str)],
    pub arguments: &'a [&'a str],
    /// Where the app's (and tauri-driver's) output goes; without it, stderr is inherited.
    pub log: Option<&'a std::path::Path>,
}

/// One running app under WebDriver control. Call [`RealApp::close`] at the end of a test.
pub struct RealApp {
    client: Client,
    driver: Child,
    data_directory: PathBuf,
    /// The app's own X display, stopped after the app.
    _display: display::PrivateDisplay,
    /// The app's own XDG data, cache and config homes (WebKit's storage among them), unless
    /// the test gives its own.
    _homes: tempfile::TempDir,
}

impl RealApp {
    /// Launches the app keeping its data in `data_directory`, so each test starts clean and a
    /// test can restart the app on the same data.
    pub async fn launch(data_directory: &std::path::Path) -> anyhow::Result<RealApp> {
        RealApp::launch_with(data_directory, &[]).await
    }

    /// Launches the app with extra environment, e.g. `KK_MANDIRI_SERVER_URL`.
    pub async fn launch_with(
        data_directory: &std::path::Path,
        environment: &[(&str, &str)],
    ) -> anyhow::Result<RealApp> {
        RealApp::launch_with_options(
            data_directory,
            &Launch {
                environment,
                ..Launch::default()
            },
        )
        .await
    }

    /// Launches the app with environment, command-line arguments and, if given, its output
    /// (and tauri-driver's) written to a log file.
    pub async fn launch_with_options(
        data_directory: &std::path::Path,
        launch: &Launch<'_>,
    ) -> anyhow::Result<RealApp> {
        let environment = launch.environment;
        let application = required_path("KK_MANDIRI_APP")?;
        let tauri_driver = required_path("KK_MANDIRI_TAURI_DRIVER")?;
        let [port, native_port] = free_ports()?;
        // Nothing shared with an app beside it: its own display, and its own WebKit storage.
        let display = display::PrivateDisplay::start()?;
        let homes = tempfile::tempdir()?;
        let home = |name: &str| homes.path().join(name);
        // Its own process group, so stopping it also stops the WebKitWebDriver it starts.
        let driver = Command::new(&tauri_driver)
            .process_group(0)
            // tauri-driver passes its environment down to the app.
            .env("DISPLAY", &display.name)
            .env("XDG_DATA_HOME", home("data"))
            .env("XDG_CACHE_HOME", home("cache"))
            .env("XDG_CONFIG_HOME", home("config"))
            .env("KK_MANDIRI_DATA_DIR", data_directory)
            .env(kk_domain::clock::CLOCK_VARIABLE, TODAY)
            .envs(environment.iter().copied())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .stdout(match launch.log {
                Some(log) => Stdio::from(std::fs::File::create(log)?),
                None => Stdio::null(),
            })
            .stderr(match launch.log {
                Some(log) => Stdio::from(std::fs::OpenOptions::new().append(true).open(log)?),
                None => Stdio::inherit(),
            })
            .spawn()
            .with_context(|| format!("could not start {}", tauri_driver.display()))?;
        let mut pending = PendingDriver {
            driver: Some(driver),
        };
        wait_for_port(port).await?;

        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), "wry".into());
        capabilities.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": application, "args": launch.arguments }),
        );
        // tauri-driver listens before its WebKitWebDriver does, and answers a new session
        // with a dropped connection until then (seen under load): wait for both, and retry.
        wait_for_port(native_port).await?;
        let mut attempt = 1;
        let client = loop {
            match ClientBuilder::native()
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                Err(error) if attempt < 3 => {
                    eprintln!("tauri-driver refused a session (attempt {attempt}): {error}");
                    attempt += 1;
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(error) => {
                    return Err(error).context("tauri-driver did not open a session with the app");
                }
            }
        };
        Ok(RealApp {
            client,
            driver: pending.driver.take().expect("set above"),
            data_directory: data_directory.to_path_buf(),
            _display: display,
            _homes: homes,
        })
    }

    /// The first element matching `css`, once it exists.
    pub async fn element(&self, css: &str) -> anyhow::Result<Element> {
        let found = wait_for_element(&self.client, css).await;
        if found.is_err() {
            self.keep_evidence().await;
        }
        found
    }

    /// The visible text of the first element matching `css`, once it exists.
    pub async fn text_of(&self, css: &str) -> anyhow::Result<String> {
        Ok(self.element(css).await?.text().await?.trim().to_owned())
    }

    /// Waits until the text of `css` satisfies `expected`, and returns it.
    pub async fn wait_for_text(
        &self,
        css: &str,
        what: &str,
        expected: impl Fn(&str) -> bool,
    ) -> anyhow::Result<String> {
        let deadline = Instant::now() + UI_TIMEOUT;
        loop {
            // A re-render between finding the element and reading it makes it stale: read again.
            let text = match self.text_of(css).await {
                Ok(text) => text,
                Err(error) if Instant::now() > deadline || web_process_died(&error) => {
                    return Err(error);
                }
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            if expected(&text) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                self.keep_evidence().await;
                bail!("{css} should be {what}, but reads {text:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until exactly `count` elements match `css`.
    pub async fn wait_for_count(&self, css: &str, count: usize) -> anyhow::Result<()> {
        let deadline = Instant::now() + UI_TIMEOUT;
        loop {
            let found = match self.client.find_all(Locator::Css(css)).await {
                Ok(found) => found.len(),
                Err(error) if Instant::now() > deadline || web_process::session_is_gone(&error) => {
                    return Err(error.into());
                }
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            if found == count {
                return Ok(());
            }
            if Instant::now() > deadline {
                self.keep_evidence().await;
                bail!("expected {count} of {css}, found {found}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The texts of every element matching `css`.
    pub async fn texts_of_all(&self, css: &str) -> anyhow::Result<Vec<String>> {
        let mut texts = Vec::new();
        for element in self.client.find_all(Locator::Css(css)).await? {
            texts.push(element.text().await?.trim().to_owned());
        }
        Ok(texts)
    }

    pub async fn attribute_of(&self, css: &str, attribute: &str) -> anyhow::Result<Option<String>> {
        let element = self.client.find(Locator::Css(css)).await?;
        Ok(element.attr(attribute).await?)
    }

    pub async fn click(&self, css: &str) -> anyhow::Result<()> {
        let clicked = click_when_clickable(&self.client, css).await;
        if clicked.is_err() {
            self.keep_evidence().await;
        }
        clicked
    }

    /// Replaces the text of an input, as a person typing would, and waits until the page has
    /// settled (see [`RealApp::wait_until_settled`]).
    pub async fn type_into(&self, css: &str, text: &str) -> anyhow::Result<()> {
        let element = self.element(css).await?;
        element.clear().await?;
        element.send_keys(text).await?;
        self.wait_until_settled().await
    }

    /// Logs in from the home page's login form and waits until the app shows the account.
    pub async fn log_in(&self, nik: &str, password: &str) -> anyhow::Result<()> {
        self.type_into("#login-nik", nik).await?;
        self.type_into("#login-password", password).await?;
        self.click("#login-submit").await?;
        self.element("#logged-in").await?;
        Ok(())
    }

    /// Replaces the text of an input and returns at once, as a citizen who types and then
    /// taps away straight after: autosave may not have saved it yet.
    pub async fn type_without_waiting(&self, css: &str, text: &str) -> anyhow::Result<()> {
        let element = self.element(css).await?;
        element.clear().await?;
        element.send_keys(text).await?;
        Ok(())
    }

    /// On a draft's page, waits until autosave has saved the newest change: only then have
    /// the shell's checks of every keystroke come back and moved the page for the last time.
    /// A click sent earlier can land where a button *was*: WebDriver finds a button's centre,
    /// then the check of an earlier keystroke removes a message above it, the button moves up,
    /// and the click lands below it. Under load that window grew to whole seconds, and
    /// `#member-done` was missed (issue 16). Pages without autosave return at once.
    pub async fn wait_until_settled(&self) -> anyhow::Result<()> {
        let deadline = Instant::now() + UI_TIMEOUT;
        loop {
            let state = match self.client.find(Locator::Css("#save-state")).await {
                Ok(indicator) => indicator.attr("data-state").await.ok().flatten(),
                Err(_) => return Ok(()),
            };
            if state.as_deref() != Some("saving") {
                return Ok(());
            }
            if Instant::now() > deadline {
                self.keep_evidence().await;
                bail!("the draft was still saving after {UI_TIMEOUT:?}");
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Scrolls the element `css` to the middle of the window, for a screenshot of it.
    pub async fn scroll_to(&self, css: &str) -> anyhow::Result<()> {
        let element = self.element(css).await?;
        let argument = serde_json::to_value(&element)?;
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'});",
                vec![argument],
            )
            .await?;
        Ok(())
    }

    /// Chooses a file in an `<input type="file">`, as the file dialog would.
    pub async fn attach_file(&self, css: &str, path: &std::path::Path) -> anyhow::Result<()> {
        self.element(css)
            .await?
            .send_keys(&path.display().to_string())
            .await?;
        Ok(())
    }

    /// Chooses an option of a `<select>` by value, once that option has loaded.
    pub async fn choose(&self, select_css: &str, value: &str) -> anyhow::Result<()> {
        let option = format!("{select_css} option[value='{value}']");
        self.client
            .wait()
            .at_most(UI_TIMEOUT)
            .for_element(Locator::Css(&option))
            .await
            .with_context(|| format!("no option {value} in {select_css}"))?;
        self.client
            .find(Locator::Css(select_css))
            .await?
            .select_by_value(value)
            .await?;
        self.wait_until_settled().await
    }

    /// The current value of an input or select.
    pub async fn value_of(&self, css: &str) -> anyhow::Result<String> {
        let element = self.client.find(Locator::Css(css)).await?;
        Ok(element.prop("value").await?.unwrap_or_default())
    }

    /// Saves a PNG of the window as `target/screenshots/<name>.png` and returns its path.
    pub async fn screenshot(&self, name: &str) -> anyhow::Result<PathBuf> {
        save_screenshot(name, &self.client.screenshot().await?)
    }

    /// After a failed wait: a screenshot and the page's HTML as `failed-<test>.png` and
    /// `.html` beside the screenshots, and which app and page they are, on stderr.
    async fn keep_evidence(&self) {
        let test = std::thread::current()
            .name()
            .unwrap_or("unnamed")
            .replace("::", "-");
        let name = format!("failed-{test}");
        let shot = self.screenshot(&name).await;
        let html = self.client.source().await;
        let url = self.client.current_url().await;
        if let (Ok(shot), Ok(html)) = (&shot, &html) {
            let _ = std::fs::write(shot.with_extension("html"), html);
        }
        eprintln!(
            "{test}: app data {}, page {url:?}, evidence {shot:?}",
            self.data_directory.display()
        );
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Kills the app with SIGKILL, as Android or a flat battery would: no chance to save or
    /// clean up. The app is found by its data directory, so parallel tests are not touched.
    pub async fn kill_app(mut self) -> anyhow::Result<()> {
        let app = required_path("KK_MANDIRI_APP").unwrap_or_default();
        self.signal_own_processes("-KILL", |exe| exe == app)?;
        stop(&mut self.driver);
        Ok(())
    }

    /// Kills WebKit's web process of this app (SIGKILL: JavaScriptCore handles a SIGSEGV sent
    /// from outside itself), as the crash in Mesa's software renderer ended it under Xvfb; the
    /// app itself stays up.
    pub fn kill_web_process(&self) -> anyhow::Result<()> {
        self.signal_own_processes("-KILL", is_web_process)
    }

    /// The ids of this app's web processes now running.
    pub fn web_process_ids(&self) -> anyhow::Result<Vec<u32>> {
        self.own_processes(is_web_process)
    }

    /// Sends `signal` to the processes of this app whose executable matches `is_target`.
    fn signal_own_processes(
        &self,
        signal: &str,
        is_target: impl Fn(&std::path::Path) -> bool,
    ) -> anyhow::Result<()> {
        let targets = self.own_processes(is_target)?;
        if targets.is_empty() {
            bail!("no process of the app to send {signal}");
        }
        for pid in targets {
            Command::new("kill")
                .args([signal, &pid.to_string()])
                .status()?;
        }
        Ok(())
    }

    /// The processes of this app (found by its data directory, which they inherit, so parallel
    /// tests are not touched) whose executable matches `is_target`.
    fn own_processes(
        &self,
        is_target: impl Fn(&std::path::Path) -> bool,
    ) -> anyhow::Result<Vec<u32>> {
        let marker = format!("KK_MANDIRI_DATA_DIR={}", self.data_directory.display());
        let mut found = Vec::new();
        for entry in std::fs::read_dir("/proc")?.flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let environment = std::fs::read(entry.path().join("environ")).unwrap_or_default();
            let has_marker = environment
                .split(|byte| *byte == 0)
                .any(|pair| pair == marker.as_bytes());
            let matches =
                std::fs::read_link(entry.path().join("exe")).is_ok_and(|exe| is_target(&exe));
            if has_marker && matches {
                found.push(pid);
            }
        }
        Ok(found)
    }

    /// Ends the WebDriver session (which closes the app) and stops tauri-driver.
    pub async fn close(mut self) -> anyhow::Result<()> {
        let closed = self.client.clone().close().await;
        stop(&mut self.driver);
        closed?;
        Ok(())
    }
}

/// Stops tauri-driver if launching fails halfway.
struct PendingDriver {
    driver: Option<Child>,
}

impl Drop for PendingDriver {
    fn drop(&mut self) {
        if let Some(driver) = &mut self.driver {
            stop(driver);
        }
    }
}

impl Drop for RealApp {
    fn drop(&mut self) {
        stop(&mut self.driver);
    }
}

fn is_web_process(exe: &std::path::Path) -> bool {
    exe.ends_with("WebKitWebProcess")
}

/// Stops tauri-driver and everything in its process group (WebKitWebDriver, the app).
pub(crate) fn stop(driver: &mut Child) {
    let group = format!("-{}", driver.id());
    let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
    let _ = driver.kill();
    let _ = driver.wait();
}

/// The first element matching `css`, once it exists; shared by the app and browser harnesses.
/// A find that races a page load ("Callback was not called before the unload event", seen when
/// the kiosk wipe reloads the page) or any other passing WebDriver error is tried again until
/// the deadline, like a missing element; the last error is reported.
pub(crate) async fn wait_for_element(client: &Client, css: &str) -> anyhow::Result<Element> {
    let deadline = Instant::now() + UI_TIMEOUT;
    loop {
        match client.find(Locator::Css(css)).await {
            Ok(element) => return Ok(element),
            // No use waiting for an element of a page whose process is gone.
            Err(error) if web_process::session_is_gone(&error) => return Err(error.into()),
            Err(error) if Instant::now() > deadline => {
                let detail = format!("{error:?}");
                return Err(error).with_context(|| {
                    format!("no element {css} within {UI_TIMEOUT:?} (last error: {detail})")
                });
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

/// Clicks the first element matching `css`. When the driver refuses because another element
/// would get the click ("element click intercepted": the page moved between the driver's
/// scroll and its hit test, e.g. the console's document pictures loading above the button),
/// nothing was clicked, so it finds the element again and retries until the deadline.
pub(crate) async fn click_when_clickable(client: &Client, css: &str) -> anyhow::Result<()> {
    let deadline = Instant::now() + UI_TIMEOUT;
    loop {
        let element = wait_for_element(client, css).await?;
        wait_until_still(&element, deadline).await;
        match element.click().await {
            Ok(_) => return Ok(()),
            Err(fantoccini::error::CmdError::Standard(error))
                if error.error == fantoccini::error::ErrorStatus::ElementClickIntercepted
                    && Instant::now() < deadline =>
            {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(error) => return Err(error).with_context(|| format!("could not click {css}")),
        }
    }
}

/// Waits until `element` stays where it is for a moment. A page that is still filling in
/// (a list loaded after the page, the shell's checks coming back) moves what is below it, and
/// WebDriver's click goes to where the element was when the click began: on a review page
/// whose family changes arrived late, "Kirim" was missed that way. Gives up quietly at
/// `deadline`, leaving the click to report what it finds.
async fn wait_until_still(element: &Element, deadline: Instant) {
    let mut last = element.rectangle().await.ok();
    while Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(60)).await;
        let now = element.rectangle().await.ok();
        if now == last {
            return;
        }
        last = now;
    }
}

/// Keeps `png` as screenshot `name` under `KK_MANDIRI_SCREENSHOTS`: a page of the app, or a
/// rendered PDF page.
pub fn save_screenshot(name: &str, png: &[u8]) -> anyhow::Result<PathBuf> {
    let directory = required_path("KK_MANDIRI_SCREENSHOTS")?;
    std::fs::create_dir_all(&directory)?;
    let path = directory.join(format!("{name}.png"));
    if !png.starts_with(b"\x89PNG") {
        bail!("the screenshot of {name} is not a PNG");
    }
    std::fs::write(&path, png)?;
    Ok(path)
}

/// Every message the server's file outbox (its SMS stand-in) holds under `server_data`. A file
/// the server is still writing (a `.tmp` name, or not yet parseable) is left for the next look.
pub fn outbox_messages(server_data: &std::path::Path) -> Vec<serde_json::Value> {
    let Ok(entries) = std::fs::read_dir(server_data.join("outbox")) else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            if path.extension()? != "json" {
                return None;
            }
            serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
        })
        .collect()
}

pub(crate) fn required_path(variable: &str) -> anyhow::Result<PathBuf> {
    match std::env::var_os(variable) {
        Some(value) if !value.is_empty() => Ok(PathBuf::from(value)),
        _ => bail!("{variable} is not set: run the end-to-end tests through `cargo xtask test`"),
    }
}

pub(crate) fn free_port() -> anyhow::Result<u16> {
    let [port] = free_ports()?;
    Ok(port)
}

/// `N` ports free at this moment, all different: each is held until every one is found.
pub(crate) fn free_ports<const N: usize>() -> anyhow::Result<[u16; N]> {
    let listeners = (0..N)
        .map(|_| TcpListener::bind("127.0.0.1:0"))
        .collect::<Result<Vec<_>, _>>()?;
    let mut ports = [0; N];
    for (port, listener) in ports.iter_mut().zip(&listeners) {
        *port = listener.local_addr()?.port();
    }
    Ok(ports)
}

pub(crate) async fn wait_for_port(port: u16) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(15);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            bail!("the WebDriver server did not listen on port {port} within 15 s");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}
