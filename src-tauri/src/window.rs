//! The main window, made in code so kiosk mode can change it: full screen with no decorations,
//! no devtools, and a WebView that keeps nothing on disk. In every mode the WebView never
//! navigates away from the app. The kiosk watchdog lives here too.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager, Runtime, Url, WebviewWindowBuilder};

use crate::ShellState;

/// Told to the UI when the shell ended a kiosk session on its own, so it starts afresh.
pub const KIOSK_SESSION_ENDED_EVENT: &str = "kiosk-session-ended";

pub fn open_main_window<R: Runtime>(app: &AppHandle<R>, kiosk: bool) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|window| window.label == "main")
        .cloned()
        .unwrap_or_default();
    let mut builder = WebviewWindowBuilder::from_config(app, &config)?.on_navigation(is_the_app);
    if kiosk {
        builder = builder
            .fullscreen(true)
            .decorations(false)
            .devtools(false)
            .incognito(!under_webdriver());
    }
    let window = builder.build()?;
    reload_when_the_page_process_dies(&window)?;
    if kiosk {
        // Full screen needs a window manager; a kiosk may run without one, so the window
        // also covers its monitor by itself.
        if let Ok(Some(monitor)) = window.primary_monitor() {
            window.set_position(*monitor.position())?;
            window.set_size(*monitor.size())?;
        }
    }
    Ok(())
}

/// Brings the page back when WebKit's web process dies under it (a crash in the GPU-less
/// software renderer of a kiosk, or the kernel ending it for memory) instead of leaving a blank
/// window. The citizen's answers are in the device store, saved as they were typed.
#[cfg(target_os = "linux")]
fn reload_when_the_page_process_dies<R: Runtime>(
    window: &tauri::WebviewWindow<R>,
) -> tauri::Result<()> {
    window.with_webview(|webview| {
        use webkit2gtk::WebViewExt;
        webview
            .inner()
            .connect_web_process_terminated(|view, reason| {
                eprintln!("kk-mandiri: the page's process ended ({reason:?}); reloading it");
                view.reload();
            });
    })
}

#[cfg(not(target_os = "linux"))]
fn reload_when_the_page_process_dies<R: Runtime>(
    _window: &tauri::WebviewWindow<R>,
) -> tauri::Result<()> {
    Ok(())
}

/// Whether tauri-driver runs the app. WebKitGTK allows no WebDriver on an ephemeral
/// (incognito) WebView, so the kiosk's end-to-end test runs on a normal one, which may write
/// more to disk; its search of the disk for the citizen's data is the stricter for it.
fn under_webdriver() -> bool {
    std::env::var("TAURI_WEBVIEW_AUTOMATION").is_ok_and(|value| value == "true")
}

/// The app's own pages: the embedded UI, at `tauri://localhost` or, where the WebView wants
/// http(s), `http://tauri.localhost` on its default port. Nothing else on this machine (a
/// local server, the embedded backend's console) may load into the window, which holds the
/// citizen's session.
fn is_the_app(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost") && url.port().is_none(),
        _ => false,
    }
}

/// Ends a kiosk session the UI did not end (a hung WebView): checks every second.
pub fn start_kiosk_watchdog<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(1)).await;
            let state = app.state::<ShellState>();
            let abandoned = state
                .kiosk
                .as_ref()
                .is_some_and(|kiosk| kiosk.is_abandoned());
            if abandoned {
                match state.wipe_kiosk_session() {
                    Ok(()) => {
                        let _ = app.emit(KIOSK_SESSION_ENDED_EVENT, ());
                    }
                    Err(error) => eprintln!("kk-mandiri: the idle wipe failed: {error}"),
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_app_s_own_pages_may_load() {
        for allowed in ["tauri://localhost/", "http://tauri.localhost/index.html"] {
            assert!(is_the_app(&Url::parse(allowed).unwrap()), "{allowed}");
        }
        for refused in [
            "https://example.com/",
            "file:///etc/passwd",
            "http://evil.localhost.example/",
            "http://localhost:8080/console",
            "http://127.0.0.1:9999/",
            "http://tauri.localhost:8080/",
        ] {
            assert!(!is_the_app(&Url::parse(refused).unwrap()), "{refused}");
        }
    }
}
