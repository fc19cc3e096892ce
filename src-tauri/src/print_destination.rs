//! Where "Cetak" sends the PDF: the system's default printer, a CUPS queue by name, or a queue
//! on a print server by its IPP URI (`ipp://host:631/printers/QUEUE`, `ipps://…`). Each becomes
//! arguments for CUPS `lp`, which prints with no dialog.

use tauri::Url;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintDestination {
    SystemDefault,
    Queue(String),
    /// A queue on a CUPS or IPP server: `lp -h server -d queue`, encrypted for `ipps`.
    Remote {
        server: String,
        queue: String,
        encrypted: bool,
    },
}

impl PrintDestination {
    /// Reads a printer setting; the error says what is wrong, in English, for the kiosk's staff.
    pub fn parse(setting: &str) -> Result<PrintDestination, String> {
        let setting = setting.trim();
        if setting.is_empty() {
            return Ok(PrintDestination::SystemDefault);
        }
        if !setting.contains("://") {
            if setting
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            {
                return Ok(PrintDestination::Queue(setting.to_owned()));
            }
            return Err(format!("\"{setting}\" is not a CUPS queue name"));
        }
        let url = Url::parse(setting).map_err(|error| format!("\"{setting}\": {error}"))?;
        let encrypted = match url.scheme() {
            "ipp" => false,
            "ipps" => true,
            other => {
                return Err(format!(
                    "printer URIs start with ipp:// or ipps://, not {other}://"
                ));
            }
        };
        let host = url
            .host_str()
            .ok_or_else(|| format!("\"{setting}\" names no host"))?;
        let queue = url
            .path()
            .strip_prefix("/printers/")
            .or_else(|| url.path().strip_prefix("/classes/"))
            .filter(|queue| !queue.is_empty() && !queue.contains('/'))
            .ok_or_else(|| format!("\"{setting}\" must end in /printers/QUEUE"))?;
        Ok(PrintDestination::Remote {
            server: format!("{host}:{}", url.port().unwrap_or(631)),
            queue: queue.to_owned(),
            encrypted,
        })
    }

    /// The arguments that send an `lp` job here.
    pub fn lp_arguments(&self) -> Vec<String> {
        match self {
            PrintDestination::SystemDefault => Vec::new(),
            PrintDestination::Queue(queue) => vec!["-d".into(), queue.clone()],
            PrintDestination::Remote {
                server,
                queue,
                encrypted,
            } => {
                let mut arguments = Vec::new();
                if *encrypted {
                    arguments.push("-E".into());
                }
                arguments.extend(["-h".into(), server.clone(), "-d".into(), queue.clone()]);
                arguments
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queue_name_and_an_ipp_uri_become_lp_arguments() {
        assert_eq!(
            PrintDestination::parse("KK-PDF").unwrap().lp_arguments(),
            ["-d", "KK-PDF"]
        );
        assert_eq!(
            PrintDestination::parse("ipp://localhost:631/printers/KK-PDF")
                .unwrap()
                .lp_arguments(),
            ["-h", "localhost:631", "-d", "KK-PDF"]
        );
        assert_eq!(
            PrintDestination::parse("ipps://print.kantor.go.id/printers/A4")
                .unwrap()
                .lp_arguments(),
            ["-E", "-h", "print.kantor.go.id:631", "-d", "A4"]
        );
        assert_eq!(
            PrintDestination::parse("").unwrap(),
            PrintDestination::SystemDefault
        );
    }

    #[test]
    fn settings_that_name_no_queue_are_refused() {
        for setting in [
            "http://printer.local/ipp/print",
            "ipp://printer.local/ipp/print",
            "ipp:///printers/x",
            "my printer; rm -rf",
        ] {
            assert!(PrintDestination::parse(setting).is_err(), "{setting}");
        }
    }
}
