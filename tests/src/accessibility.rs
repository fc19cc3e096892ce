//! Accessibility checks with axe-core, injected through WebDriver into the real app's page.
//!
//! `cargo xtask test` installs the pinned npm `axe-core` and passes the path of its
//! `axe.min.js` as `KK_MANDIRI_AXE`. A page passes when axe reports no violation of impact
//! "serious" or "critical"; lesser ones are written beside the screenshots for a human to read.

use anyhow::{Context, bail};
use serde::Deserialize;

use crate::{RealApp, required_path};

/// What axe says about one rule that failed, trimmed to what a reader needs.
#[derive(Debug, Deserialize)]
struct Violation {
    id: String,
    impact: Option<String>,
    help: String,
    targets: Vec<String>,
}

/// Runs axe on the whole document and hands back the violations as JSON text.
const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] })
  .then((results) => done(JSON.stringify(results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  })))))
  .catch((error) => done(JSON.stringify({ error: String(error) })));
"#;

impl RealApp {
    /// Fails when axe-core finds a serious or critical violation on the current page. Every
    /// violation found is saved as `target/screenshots/axe-<page>.json`.
    pub async fn assert_accessible(&self, page: &str) -> anyhow::Result<()> {
        let axe_path = required_path("KK_MANDIRI_AXE")?;
        let axe = std::fs::read_to_string(&axe_path)
            .with_context(|| format!("could not read {}", axe_path.display()))?;
        let already_loaded = self
            .client()
            .execute("return typeof window.axe === 'object';", vec![])
            .await?;
        if already_loaded != serde_json::Value::Bool(true) {
            // The UMD bundle assigns `window.axe` when there is no module system.
            self.client().execute(&axe, vec![]).await?;
        }
        let reply = self.client().execute_async(RUN_AXE, vec![]).await?;
        let reply = reply.as_str().context("axe returned no text")?;
        let violations: Vec<Violation> = serde_json::from_str(reply)
            .with_context(|| format!("axe failed on {page}: {reply}"))?;

        let directory = required_path("KK_MANDIRI_SCREENSHOTS")?;
        std::fs::create_dir_all(&directory)?;
        std::fs::write(directory.join(format!("axe-{page}.json")), reply)?;

        let blocking: Vec<String> = violations
            .iter()
            .filter(|v| matches!(v.impact.as_deref(), Some("serious" | "critical")))
            .map(|v| {
                format!(
                    "{} ({}): {} at {}",
                    v.id,
                    v.impact.as_deref().unwrap_or("?"),
                    v.help,
                    v.targets.join(", ")
                )
            })
            .collect();
        if !blocking.is_empty() {
            bail!(
                "axe-core found serious or critical violations on {page}:\n{}",
                blocking.join("\n")
            );
        }
        Ok(())
    }
}
