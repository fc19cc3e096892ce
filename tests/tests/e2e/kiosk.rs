//! A kiosk session on the real app: full screen, touch targets of at least 48 px, no context
//! menu and no navigating away; "Selesai" wipes at once; a draft with a known NIK and name and
//! an attached document is left idle, the warning counts down, "Lanjutkan" keeps the session,
//! and the second time the wipe comes. Then the app's data directory, its temp directory, its
//! home (WebKit's data and caches) and its log hold neither the NIK nor the name in any form.

use std::path::Path;
use std::time::Duration;

use base64::Engine;
use kk_e2e::{Launch, RealApp, once_more_if_the_web_process_died};

const NIK: &str = "3201014506880003";
const NAME: &str = "Wulandari Kusumastuti";
// Wide enough that a loaded CI machine finishes each step (a launch, a screenshot, a read of
// the countdown) before the warning appears or the session ends under it.
const IDLE_SECONDS: u64 = 12;
const WARNING_SECONDS: u64 = 15;
/// Right-clicks the page; the script returns whether the page let the menu open.
const OPEN_CONTEXT_MENU: &str = "return document.body.dispatchEvent(
    new MouseEvent('contextmenu', {bubbles: true, cancelable: true}));";

#[tokio::test]
async fn a_kiosk_session_is_wiped_when_left_idle_and_leaves_no_trace() -> anyhow::Result<()> {
    once_more_if_the_web_process_died(|| async {
        let root = tempfile::tempdir()?;
        let [data, home, temp] = ["data", "home", "tmp"].map(|name| root.path().join(name));
        for directory in [&data, &home, &temp] {
            std::fs::create_dir_all(directory)?;
        }
        let settings = root.path().join("kiosk.toml");
        std::fs::write(
            &settings,
            format!(
                "idle_timeout_seconds = {IDLE_SECONDS}\nwarning_seconds = {WARNING_SECONDS}\n\
             printer = \"ipp://localhost:631/printers/KK-PDF\"\n"
            ),
        )?;
        let scan = root.path().join("surat-kelahiran.pdf");
        std::fs::write(
            &scan,
            format!("%PDF-1.4\n% Surat keterangan kelahiran\n({NAME}, NIK {NIK})\n%%EOF\n"),
        )?;
        let log = root.path().join("app.log");
        let home_text = home.display().to_string();
        let temp_text = temp.display().to_string();
        let settings_text = settings.display().to_string();
        let environment = [
            ("HOME", home_text.as_str()),
            ("XDG_DATA_HOME", &*format!("{home_text}/.local/share")),
            ("XDG_CACHE_HOME", &*format!("{home_text}/.cache")),
            ("XDG_CONFIG_HOME", &*format!("{home_text}/.config")),
            ("TMPDIR", temp_text.as_str()),
        ]
        .map(|(name, value)| (name, value.to_owned()));
        let environment: Vec<(&str, &str)> = environment
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .collect();
        let app = RealApp::launch_with_options(
            &data,
            &Launch {
                environment: &environment,
                arguments: &["--kiosk-config", &settings_text],
                log: Some(&log),
            },
        )
        .await?;

        // The home screen, full screen, with big targets.
        app.element("#kiosk-welcome").await?;
        let window = app.client().get_window_rect().await?;
        assert!(
            window.2 >= 1900 && window.3 >= 1000,
            "not full screen: {window:?}"
        );
        assert_touch_targets(&app, "home").await?;
        app.screenshot("kiosk-home").await?;
        let menu_allowed = app.client().execute(OPEN_CONTEXT_MENU, vec![]).await?;
        assert_eq!(
            menu_allowed,
            serde_json::json!(false),
            "the context menu is blocked"
        );
        app.client()
            .execute("window.location.href = 'https://example.com/';", vec![])
            .await?;
        tokio::time::sleep(Duration::from_secs(1)).await;
        app.element("#kiosk-welcome").await?;

        // "Selesai" wipes at once.
        app.click("[data-service='change.birth']").await?;
        app.element("[data-step='members'] .task-name").await?;
        app.click("#kiosk-finish").await?;
        app.element("#kiosk-welcome").await?;
        app.wait_for_count(".draft-row", 0).await?;

        // A draft with a known NIK, name and document.
        app.click("[data-service='change.birth']").await?;
        app.click("[data-step='members'] .task-name").await?;
        app.click("#add-member").await?;
        app.type_into("[id='members[0].full_name']", NAME).await?;
        app.type_into("[id='members[0].nik']", NIK).await?;
        app.wait_for_text("#nik-decoded", "the decoded NIK", |t| {
            t.contains("05-06-1988")
        })
        .await?;
        assert_touch_targets(&app, "member form").await?;
        app.click("#member-done").await?;
        app.wait_for_count(".member-row", 1).await?;
        app.click("#back-to-tasks").await?;
        app.click("[data-step='documents'] .task-name").await?;
        app.attach_file("#attach-kk_lama", &scan).await?;
        app.wait_for_count(".attached-document", 1).await?;
        app.wait_for_text("#save-state", "saved", |t| {
            t == "Tersimpan di perangkat ini"
        })
        .await?;

        // Idle: the warning counts down; "Lanjutkan" keeps the session.
        app.element("#idle-warning").await?;
        let first = countdown(&app).await?;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let later = countdown(&app).await?;
        assert!(
            later < first && first <= WARNING_SECONDS as u32,
            "{first} then {later}"
        );
        app.screenshot("kiosk-idle-warning").await?;
        app.click("#idle-continue").await?;
        app.wait_for_count("#idle-warning", 0).await?;
        app.wait_for_count(".attached-document", 1).await?;

        // Idle again, to the end: the session is wiped and the home screen returns.
        app.element("#idle-warning").await?;
        wait_for_home_after_wipe(&app).await?;
        app.wait_for_count(".draft-row", 0).await?;
        app.screenshot("kiosk-after-wipe").await?;

        let files_left: Vec<String> = std::fs::read_dir(&data)?
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            files_left.iter().all(|name| name.starts_with("kiosk-")),
            "only the new session's file: {files_left:?}"
        );
        assert_no_trace(root.path())?;
        app.close().await?;
        assert_no_trace(root.path())
    })
    .await
}

async fn countdown(app: &RealApp) -> anyhow::Result<u32> {
    Ok(app.text_of("#idle-countdown").await?.parse()?)
}

/// The warning runs out, the UI reloads and shows the kiosk's home screen again.
async fn wait_for_home_after_wipe(app: &RealApp) -> anyhow::Result<()> {
    let deadline = std::time::Instant::now() + Duration::from_secs(WARNING_SECONDS + 20);
    loop {
        let warning_gone = app
            .client()
            .find_all(fantoccini::Locator::Css("#idle-warning"))
            .await?
            .is_empty();
        let home = !app
            .client()
            .find_all(fantoccini::Locator::Css("#kiosk-welcome"))
            .await?
            .is_empty();
        if warning_gone && home {
            return Ok(());
        }
        anyhow::ensure!(
            std::time::Instant::now() < deadline,
            "the session was not wiped"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Every visible button, field and link is at least 48 px tall and wide (radio buttons count
/// by their whole row, which is their label).
async fn assert_touch_targets(app: &RealApp, page: &str) -> anyhow::Result<()> {
    let small = app
        .client()
        .execute(
            r#"
            const small = [];
            for (const element of document.querySelectorAll('button, select, a[href], input:not([type=radio]):not([type=checkbox]):not(.file-input), .radio, label.button')) {
                const box = element.getBoundingClientRect();
                if (box.width === 0 && box.height === 0) continue;
                if (box.height < 47.5 || box.width < 47.5) small.push(`${element.tagName}#${element.id}.${element.className} ${box.width}x${box.height}`);
            }
            return small;
            "#,
            vec![],
        )
        .await?;
    assert_eq!(
        small,
        serde_json::json!([]),
        "touch targets under 48 px on the {page}"
    );
    Ok(())
}

/// Neither the NIK nor the name, in any case, as UTF-8, UTF-16 or Base64, in any file under
/// `root` (data, temp, home with WebKit's directories, the log) or in shared memory.
fn assert_no_trace(root: &Path) -> anyhow::Result<()> {
    let mut needles: Vec<(String, Vec<u8>)> = Vec::new();
    for text in [
        NIK.to_owned(),
        NAME.to_owned(),
        NAME.to_uppercase(),
        NAME.to_lowercase(),
    ] {
        needles.push((format!("{text:?}"), text.as_bytes().to_vec()));
        let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        needles.push((format!("{text:?} as UTF-16"), utf16));
        let base64 = base64::engine::general_purpose::STANDARD.encode(&text);
        needles.push((
            format!("{text:?} as Base64"),
            base64.trim_end_matches('=').as_bytes()[..16].to_vec(),
        ));
    }
    let mut files = Vec::new();
    collect_files(root, &mut files);
    collect_files(Path::new("/dev/shm"), &mut files);
    for file in files {
        // The test's own inputs are not the app's doing.
        if file.ends_with("surat-kelahiran.pdf") {
            continue;
        }
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        for (what, needle) in &needles {
            assert!(
                !bytes
                    .windows(needle.len())
                    .any(|window| window == needle.as_slice()),
                "{what} found in {}",
                file.display()
            );
        }
    }
    Ok(())
}

fn collect_files(directory: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(directory) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect_files(&entry.path(), files);
        } else if kind.is_file() && entry.metadata().is_ok_and(|m| m.len() < 256 << 20) {
            files.push(entry.path());
        }
    }
}
