//! Officer accounts: `kk-server officer add` (password on standard input) gives a console
//! login, `officer disable` ends it at once; the demo officer, whose password is public, only
//! serves `--demo` on a loopback address and is disabled by any other start; and citizens
//! failing to log in from the office's address cannot lock the officers out.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{PASSWORD, TestServer, config_in, nik};
use reqwest::StatusCode;
use reqwest::redirect::Policy;

const LOGIN: &str = "siti.petugas";
const OFFICER_PASSWORD: &str = "meja tiga antrean pagi";

fn officer_command(data_dir: &std::path::Path, args: &[&str], stdin: &str) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kk-server"))
        .arg("officer")
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), said)
}

/// Logs in to the console; the session cookie when it worked.
async fn console_login(server: &TestServer, login: &str, password: &str) -> Option<String> {
    let http = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap();
    let response = http
        .post(server.url("/console/login"))
        .form(&[("login", login), ("password", password)])
        .send()
        .await
        .unwrap();
    let cookie = response.headers().get("set-cookie")?.to_str().ok()?;
    Some(cookie.split(';').next()?.to_owned())
}

/// Whether the console's queue opens with this cookie (rather than sending to the login).
async fn queue_opens(server: &TestServer, cookie: &str) -> bool {
    let http = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap();
    let response = http
        .get(server.url("/console"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    response.status() == StatusCode::OK
}

#[tokio::test]
async fn an_officer_added_on_the_command_line_logs_in_until_disabled() {
    let data = tempfile::tempdir().unwrap();
    let (added, said) = officer_command(
        data.path(),
        &["add", "--name", "Siti Rahayu", "--password-stdin", LOGIN],
        &format!("{OFFICER_PASSWORD}\n"),
    );
    assert!(added, "{said}");
    let (weak, said) = officer_command(
        data.path(),
        &["add", "--name", "Budi", "--password-stdin", "budi.petugas"],
        "pendek\n",
    );
    assert!(!weak, "a short password is refused: {said}");
    let (_, listed) = officer_command(data.path(), &["list"], "");
    assert!(
        listed.contains(LOGIN) && listed.contains("Siti Rahayu"),
        "{listed}"
    );
    assert!(!listed.contains("budi.petugas"), "{listed}");

    let server = kk_server::start(config_in(data.path())).await.unwrap();
    let server = TestServer::from_running(server, data);
    let cookie = console_login(&server, LOGIN, OFFICER_PASSWORD)
        .await
        .expect("the officer logs in");
    assert!(queue_opens(&server, &cookie).await);

    let (disabled, said) = officer_command(&server.data_dir(), &["disable", LOGIN], "");
    assert!(disabled, "{said}");
    assert!(
        !queue_opens(&server, &cookie).await,
        "the open session ended"
    );
    assert!(
        console_login(&server, LOGIN, OFFICER_PASSWORD)
            .await
            .is_none()
    );
    let (_, listed) = officer_command(&server.data_dir(), &["list"], "");
    assert!(listed.contains("disabled"), "{listed}");
}

#[tokio::test]
async fn the_demo_officer_is_disabled_by_a_start_without_demo() {
    let demo = TestServer::start_with(|config| config.demo = true).await;
    let cookie = console_login(
        &demo,
        kk_server::demo::DEMO_OFFICER_LOGIN,
        kk_server::demo::DEMO_OFFICER_PASSWORD,
    )
    .await
    .expect("the demo officer logs in to a demo");
    let data = demo.stop().await;
    let server = kk_server::start(config_in(data.path())).await.unwrap();
    let server = TestServer::from_running(server, data);
    assert!(!queue_opens(&server, &cookie).await);
    assert!(
        console_login(
            &server,
            kk_server::demo::DEMO_OFFICER_LOGIN,
            kk_server::demo::DEMO_OFFICER_PASSWORD,
        )
        .await
        .is_none()
    );
}

#[tokio::test]
async fn demo_refuses_an_address_beyond_this_machine() {
    let data = tempfile::tempdir().unwrap();
    let mut config = config_in(data.path());
    config.demo = true;
    config.listen = "0.0.0.0:0".parse().unwrap();
    let refused = kk_server::start(config).await.err().expect("refused");
    assert!(refused.to_string().contains("loopback"), "{refused}");
}

#[tokio::test]
async fn citizens_failing_from_the_offices_address_do_not_lock_an_officer_out() {
    let server = TestServer::start_with(|config| {
        config.demo = true;
        config.limits.logins_per_ip_per_minute = 3;
    })
    .await;
    let mut limited = false;
    for number in 0..5 {
        let status = server.login(&nik(60 + number), PASSWORD).await.status();
        limited |= status == StatusCode::TOO_MANY_REQUESTS;
    }
    assert!(limited, "the citizens' limit was reached");
    assert!(
        console_login(
            &server,
            kk_server::demo::DEMO_OFFICER_LOGIN,
            kk_server::demo::DEMO_OFFICER_PASSWORD,
        )
        .await
        .is_some()
    );
}
