//! A private Secret Service for commands that need an OS keyring where none runs (CI, a
//! headless machine): a new D-Bus session bus with gnome-keyring-daemon on it, its login
//! keyring kept under `target/test-keyring/` and unlocked with a fixed password (with an empty
//! one gnome-keyring makes no login keyring, and the Secret Service has no default
//! collection). The app keeps its database key there (`kk_device_store::os_keyring`). A
//! desktop session has a keyring of its own; `cargo xtask run` uses it when
//! `DBUS_SESSION_BUS_ADDRESS` is set.

use std::process::Command;

use crate::paths::target_dir;

/// `command`, run inside its own session bus with an unlocked keyring.
pub fn in_keyring_session(command: &Command) -> Command {
    let keyring_home = target_dir().join("test-keyring");
    let _ = std::fs::create_dir_all(&keyring_home);
    let mut wrapped = Command::new("dbus-run-session");
    wrapped
        .args(["--", "sh", "-ec"])
        .arg(
            "printf 'kk-mandiri-test' | XDG_DATA_HOME=\"$KK_KEYRING_HOME\" gnome-keyring-daemon --unlock \
             --components=secrets >/dev/null\nexec \"$@\"",
        )
        .arg("keyring-session")
        .arg(command.get_program())
        .args(command.get_args())
        .env("KK_KEYRING_HOME", keyring_home);
    for (name, value) in command.get_envs() {
        match value {
            Some(value) => wrapped.env(name, value),
            None => wrapped.env_remove(name),
        };
    }
    if let Some(directory) = command.get_current_dir() {
        wrapped.current_dir(directory);
    }
    wrapped
}

/// Whether this process already has a session bus (a desktop session) to find a keyring on.
pub fn has_session_bus() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|address| !address.is_empty())
}
