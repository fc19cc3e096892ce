//! A private X display for each app under test. Two apps on one display share its input focus
//! (with no window manager, a newly mapped window takes it, and the other page gets `blur`),
//! its screen and its pointer; on a display of its own, an app cannot see or be touched by a
//! test running beside it.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// Screen size: the kiosk test needs a full-HD monitor.
const SCREEN: &str = "1920x1080x24";

/// A running Xvfb; stopped when dropped.
pub(crate) struct PrivateDisplay {
    pub name: String,
    xvfb: Child,
}

impl PrivateDisplay {
    pub fn start() -> anyhow::Result<PrivateDisplay> {
        // Tests in one binary count up from a base of their own process, so parallel tests
        // and a test binary beside another rarely try the same number; a taken one is skipped.
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let base = 300 + (std::process::id() % 500) * 16;
        for _ in 0..64 {
            let number = base + NEXT.fetch_add(1, Ordering::Relaxed) % 4000;
            if lock_of(number).exists() || socket_of(number).exists() {
                continue;
            }
            if let Some(display) = PrivateDisplay::try_number(number)? {
                return Ok(display);
            }
        }
        bail!("no free X display number for a private Xvfb")
    }

    /// Starts Xvfb on `:number`; `None` if another server took that number first.
    fn try_number(number: u32) -> anyhow::Result<Option<PrivateDisplay>> {
        let name = format!(":{number}");
        let xvfb = Command::new("Xvfb")
            .args([name.as_str(), "-screen", "0", SCREEN, "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("could not start Xvfb (Debian package xvfb)")?;
        let mut display = PrivateDisplay { name, xvfb };
        let deadline = Instant::now() + Duration::from_secs(10);
        while !socket_of(number).exists() {
            if display.xvfb.try_wait()?.is_some() {
                return Ok(None);
            }
            if Instant::now() > deadline {
                bail!("Xvfb did not open display :{number} within 10 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(Some(display))
    }
}

impl Drop for PrivateDisplay {
    /// SIGTERM, so Xvfb removes its lock file and socket (SIGKILL left them in /tmp).
    fn drop(&mut self) {
        let terminated = Command::new("kill")
            .arg(self.xvfb.id().to_string())
            .status()
            .is_ok_and(|status| status.success());
        if !terminated {
            let _ = self.xvfb.kill();
        }
        let _ = self.xvfb.wait();
    }
}

fn socket_of(number: u32) -> PathBuf {
    PathBuf::from(format!("/tmp/.X11-unix/X{number}"))
}

fn lock_of(number: u32) -> PathBuf {
    PathBuf::from(format!("/tmp/.X{number}-lock"))
}
