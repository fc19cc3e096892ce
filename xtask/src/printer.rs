//! The CUPS virtual PDF printer the print test sends to: queue `KK-PDF` on Debian's cups-pdf
//! backend, which writes each job to `~/PDF/` as the PDF a real printer would have printed.
//! A fresh machine (or a container without systemd) has no running cupsd, so this starts one.

use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::process::{output_of, run};

pub const VIRTUAL_PRINTER: &str = "KK-PDF";
const CUPS_PDF_PPD: &str = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd";

pub fn ensure_virtual_printer() -> anyhow::Result<()> {
    if output_of(Command::new("lpstat").args(["-p", VIRTUAL_PRINTER])).is_some() {
        // CUPS stops a queue after a failed job; an earlier run's failure must not outlive it.
        run(Command::new("cupsenable").arg(VIRTUAL_PRINTER))?;
        return run(Command::new("cupsaccept").arg(VIRTUAL_PRINTER));
    }
    if output_of(Command::new("lpstat").arg("-r"))
        .is_none_or(|answer| !answer.contains("is running"))
    {
        // cupsd daemonises itself; as a service it would be started by systemd.
        run(&mut Command::new("/usr/sbin/cupsd")).context("could not start the CUPS scheduler")?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while output_of(Command::new("lpstat").arg("-r"))
            .is_none_or(|answer| !answer.contains("is running"))
        {
            if Instant::now() > deadline {
                bail!("the CUPS scheduler did not start within 10 s");
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
    run(Command::new("lpadmin").args([
        "-p",
        VIRTUAL_PRINTER,
        "-E",
        "-v",
        "cups-pdf:/",
        "-P",
        CUPS_PDF_PPD,
    ]))
    .context("could not add the cups-pdf virtual printer")
}
