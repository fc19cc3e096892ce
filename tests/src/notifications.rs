//! Watches the desktop notifications the app raises: every `Notify` call on the test's D-Bus
//! session bus, seen by `dbus-monitor`. The calls go to a real notification daemon (dunst,
//! which the bus starts on the first call), so the app's notification path runs as on a
//! desktop. Apps beside each other share the bus, so a test looks for its own text.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// The `Notify` calls seen since [`NotificationWatch::start`]; stops `dbus-monitor` when dropped.
pub struct NotificationWatch {
    monitor: Child,
    seen: Arc<Mutex<String>>,
}

impl NotificationWatch {
    pub fn start() -> anyhow::Result<NotificationWatch> {
        let mut monitor = Command::new("dbus-monitor")
            .args([
                "--session",
                "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("could not start dbus-monitor (Debian package dbus-bin)")?;
        let stdout = monitor.stdout.take().expect("piped");
        let seen = Arc::new(Mutex::new(String::new()));
        let writer = Arc::clone(&seen);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let mut seen = writer.lock().unwrap_or_else(|p| p.into_inner());
                seen.push_str(&line);
                seen.push('\n');
            }
        });
        // dbus-monitor prints its own name acquisition first: then it is listening.
        let deadline = Instant::now() + Duration::from_secs(10);
        while seen.lock().unwrap_or_else(|p| p.into_inner()).is_empty() {
            if Instant::now() > deadline {
                bail!("dbus-monitor did not start listening within 10 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(NotificationWatch { monitor, seen })
    }

    /// Waits until a `Notify` call carried a string containing every one of `parts`.
    pub async fn wait_for(&self, parts: &[&str], timeout: Duration) -> anyhow::Result<()> {
        let deadline = Instant::now() + timeout;
        loop {
            let found = {
                let seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
                notify_calls(&seen)
                    .iter()
                    .any(|call| parts.iter().all(|part| call.contains(part)))
            };
            if found {
                return Ok(());
            }
            if Instant::now() > deadline {
                let seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
                bail!(
                    "no notification with {parts:?} within {timeout:?}; saw:\n{}",
                    notify_calls(&seen).join("\n---\n")
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// The monitor's output split into one text per `Notify` call.
fn notify_calls(seen: &str) -> Vec<String> {
    seen.split("method call ")
        .filter(|call| call.contains("member=Notify"))
        .map(str::to_owned)
        .collect()
}

impl Drop for NotificationWatch {
    fn drop(&mut self) {
        let _ = self.monitor.kill();
        let _ = self.monitor.wait();
    }
}
