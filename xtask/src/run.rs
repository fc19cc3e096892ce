//! `cargo xtask run`: set up, build, start the embedded backend in demo mode (SQLite and local
//! files under `target/demo-server/`, a demo officer account), and open the app. Closing the app
//! stops the server.

use std::process::{Child, Command};

use crate::keyring_session::{has_session_bus, in_keyring_session};
use crate::paths::{app_binary, server_binary, target_dir};
use crate::process::{cargo, run as run_command};
use crate::setup::{Purpose, setup};
use crate::ui::build_ui;

/// Where the demo server listens; `KK_MANDIRI_SERVER_LISTEN` overrides it.
const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

pub fn run(app_arguments: &[String]) -> anyhow::Result<()> {
    setup(Purpose::Run)?;
    build_ui(false)?;
    run_command(cargo().args(["build", "--package", "kk-mandiri", "--package", "kk-server"]))?;
    let listen =
        std::env::var("KK_MANDIRI_SERVER_LISTEN").unwrap_or_else(|_| DEFAULT_LISTEN.into());
    let server = ServerProcess(
        Command::new(server_binary())
            .args(["serve", "--demo", "--listen", &listen, "--data-dir"])
            .arg(target_dir().join("demo-server"))
            .spawn()?,
    );
    eprintln!("Officer console: http://{listen}/console");
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!("No DISPLAY or WAYLAND_DISPLAY is set; the window needs a desktop session.");
    }
    let mut app = Command::new(app_binary());
    app.env("KK_MANDIRI_SERVER_URL", format!("http://{listen}"))
        // `cargo xtask run -- --kiosk` opens it as a kiosk.
        .args(app_arguments);
    // Without a desktop session there is no keyring for the database key: bring one.
    let app = if has_session_bus() {
        run_command(&mut app)
    } else {
        run_command(&mut in_keyring_session(&app))
    };
    drop(server);
    app
}

/// Stops the demo server when the app closes, or when anything on the way fails.
struct ServerProcess(Child);

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-INT", &self.0.id().to_string()])
            .status();
        let _ = self.0.wait();
    }
}
