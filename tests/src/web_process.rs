//! A test run once more when WebKit's web process died under it, and only then.
//!
//! Under Xvfb there is no GPU, and WebKitGTK composites the page with Mesa's software GL. About
//! one full test run in ten, its compositor thread segfaulted inside Mesa (`swrast_dri.so`, in
//! the kernel log); the page's process was gone, and WebDriver answered `InvalidSessionId` to
//! the test's next command. The test had not failed: its browser had. So a test that ends with
//! that error runs once more, with a fresh app, and the retry is written to the file named by
//! `KK_MANDIRI_E2E_RETRIES`, which `cargo xtask test` prints at the end. Any other failure, and a
//! second crash, fail the test as before.

use std::future::Future;
use std::io::Write;

/// Runs `test`, and runs it once more if it ended because the app's web process died.
pub async fn once_more_if_the_web_process_died<Test, Run>(test: Test) -> anyhow::Result<()>
where
    Test: Fn() -> Run,
    Run: Future<Output = anyhow::Result<()>>,
{
    once_more(test, record_retry).await
}

/// The rule, with what to do about a retry passed in (the unit tests record nothing).
async fn once_more<Test, Run>(test: Test, record: impl FnOnce(&anyhow::Error)) -> anyhow::Result<()>
where
    Test: Fn() -> Run,
    Run: Future<Output = anyhow::Result<()>>,
{
    match test().await {
        Err(error) if web_process_died(&error) => {
            record(&error);
            test().await
        }
        outcome => outcome,
    }
}

/// Whether `error` is WebDriver saying the session is gone. The tests end their sessions only
/// when they are done with them, so this means the browser side died.
pub fn web_process_died(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let text = format!("{cause:?}");
        text.contains("InvalidSessionId") || text.contains("invalid session id")
    })
}

/// Whether WebDriver answered that the session is gone.
pub(crate) fn session_is_gone(error: &fantoccini::error::CmdError) -> bool {
    matches!(error, fantoccini::error::CmdError::Standard(failure)
        if failure.error == fantoccini::error::ErrorStatus::InvalidSessionId)
}

/// Says so on stderr and in the file `cargo xtask test` reports from.
fn record_retry(error: &anyhow::Error) {
    // libtest runs each test on a thread named after it.
    let thread = std::thread::current();
    let name = thread.name().unwrap_or("an e2e test");
    let line = format!("{name}: the web process died, ran once more ({error:#})\n");
    eprint!("{line}");
    if let Some(path) = std::env::var_os("KK_MANDIRI_E2E_RETRIES") {
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut file| file.write_all(line.as_bytes()));
        if let Err(problem) = appended {
            eprintln!("could not record the retry: {problem}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn lost_session() -> anyhow::Error {
        anyhow::anyhow!("WebDriver: InvalidSessionId").context("no element #home-title")
    }

    #[tokio::test]
    async fn a_test_whose_web_process_died_runs_once_more_and_passes() {
        let runs = AtomicUsize::new(0);
        let outcome = once_more(
            || async {
                match runs.fetch_add(1, Ordering::SeqCst) {
                    0 => Err(lost_session()),
                    _ => Ok(()),
                }
            },
            |_| {},
        )
        .await;
        assert!(outcome.is_ok());
        assert_eq!(runs.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn any_other_failure_and_a_second_death_fail_the_test() {
        let runs = AtomicUsize::new(0);
        let real_failure = || async {
            runs.fetch_add(1, Ordering::SeqCst);
            Err(anyhow::anyhow!("expected 'Pilih layanan'"))
        };
        let other = once_more(real_failure, |_| {}).await;
        assert!(other.is_err());
        assert_eq!(
            runs.load(Ordering::SeqCst),
            1,
            "no retry for a real failure"
        );

        runs.store(0, Ordering::SeqCst);
        let twice = once_more(
            || async {
                runs.fetch_add(1, Ordering::SeqCst);
                Err(lost_session())
            },
            |_| {},
        )
        .await;
        assert!(twice.is_err());
        assert_eq!(runs.load(Ordering::SeqCst), 2, "one retry, not more");
    }
}
