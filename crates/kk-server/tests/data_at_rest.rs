//! Secrets at rest, through the real `kk-server` binary: outside `--demo` it refuses to start
//! with the stand-in carrier that keeps every OTP and PIN in files, naming the flags it needs;
//! and what it writes is its own alone, a 0700 data directory and 0600 files.

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

fn kk_server() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kk-server"));
    for variable in [
        "KK_SERVER_SMS_WEBHOOK",
        "KK_SERVER_SMTP_URL",
        "KK_SERVER_DEMO",
    ] {
        command.env_remove(variable);
    }
    command
}

#[test]
fn without_demo_the_server_refuses_the_stand_in_carrier_and_names_the_flags() {
    let data = tempfile::tempdir().unwrap();
    for (extra, missing) in [
        (
            &[][..],
            "--sms-webhook URL and --smtp-url URL --smtp-from ADDRESS",
        ),
        (
            &["--sms-webhook", "https://sms.example/kirim"][..],
            "--smtp-url URL --smtp-from ADDRESS",
        ),
    ] {
        let output = kk_server()
            .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data.path())
            .args(extra)
            .output()
            .unwrap();
        assert!(!output.status.success());
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains("Tanpa --demo"), "{said}");
        assert!(said.contains(missing), "{said}");
    }
}

#[test]
fn the_data_directory_is_the_servers_alone() {
    let data = tempfile::tempdir().unwrap();
    let directory = data.path().join("server");
    let mut server = kk_server()
        .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(&directory)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let listening = lines.any(|line| line.is_ok_and(|line| line.contains("listening on")));
    let found = files_open_to_others(&directory);
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(listening, "the server did not start");
    let mode = std::fs::metadata(&directory).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700, "the data directory");
    assert!(
        std::fs::read_dir(&directory).unwrap().count() > 1,
        "the server wrote its files"
    );
    assert!(found.is_empty(), "open to others: {found:?}");
}

/// Every file and directory under `root` that its group or others may use.
fn files_open_to_others(root: &Path) -> Vec<String> {
    let mut open = Vec::new();
    for entry in std::fs::read_dir(root).unwrap().flatten() {
        let path = entry.path();
        let mode = entry.metadata().unwrap().permissions().mode();
        if mode & 0o077 != 0 {
            open.push(format!("{} {:o}", path.display(), mode & 0o777));
        }
        if path.is_dir() {
            open.extend(files_open_to_others(&path));
        }
    }
    open
}
