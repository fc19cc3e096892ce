//! Printing a KK through the OS print system (CUPS `lp`): the PDF itself, A4, at 100% scale
//! with no fitting, one-sided, and no dialog. The decrypted copy exists only in memory and in
//! the pipe to `lp`.

use std::ffi::OsStr;
use std::io::Write;
use std::process::{Command, Stdio};

use crate::ShellError;
use crate::print_destination::PrintDestination;

/// The print system's command-line client.
pub const LP: &str = "lp";

/// The options of every KK print job: A4 at true size.
const JOB_OPTIONS: [&str; 12] = [
    "-t",
    "Kartu Keluarga",
    "-o",
    "media=A4",
    "-o",
    "print-scaling=none",
    "-o",
    "fit-to-page=false",
    "-o",
    "sides=one-sided",
    // The document comes on stdin.
    "--",
    "-",
];

/// Sends `pdf` to `destination` through `program` (the real `lp`, or a stand-in in tests) and
/// returns the job's id line, such as "request id is Printer-12 (1 file(s))".
pub fn print_pdf(
    program: &OsStr,
    destination: &PrintDestination,
    pdf: &[u8],
) -> Result<String, ShellError> {
    let mut child = Command::new(program)
        .args(destination.lp_arguments())
        .args(JOB_OPTIONS)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|_| no_print_system())?;
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(pdf)
        .map_err(|_| no_print_system())?;
    let output = child.wait_with_output().map_err(|_| no_print_system())?;
    if !output.status.success() {
        eprintln!(
            "kk-mandiri: lp refused the job: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
        return Err(ShellError::refused(
            "print.refused",
            "Printer menolak pekerjaan cetak. Periksa printer (kertas A4, menyala, terhubung), lalu coba lagi.",
            "The printer refused the print job. Check the printer (A4 paper, switched on, connected), then try again.",
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Reads a printer setting (a kiosk's, or `KK_MANDIRI_PRINTER`); an unusable one is logged for
/// the staff and the citizen is told there is no print system.
pub fn destination_from_setting(setting: &str) -> Result<PrintDestination, ShellError> {
    PrintDestination::parse(setting).map_err(|detail| {
        eprintln!("kk-mandiri: the printer setting is unusable: {detail}");
        no_print_system()
    })
}

fn no_print_system() -> ShellError {
    ShellError::refused(
        "print.unavailable",
        "Sistem cetak tidak tersedia di perangkat ini. Simpan PDF, lalu cetak dari perangkat lain.",
        "No print system is available on this device. Save the PDF, then print it from another device.",
    )
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;
    use std::path::{Path, PathBuf};

    use super::*;

    /// A stand-in `lp` that keeps its arguments and stdin beside it, then answers `exit_code`.
    fn stand_in_lp(directory: &Path, exit_code: i32) -> PathBuf {
        let script = directory.join("lp");
        let dir = directory.display();
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{dir}/arguments'\ncat > '{dir}/job.pdf'\n\
                 echo 'request id is Uji-7 (1 file(s))'\nexit {exit_code}\n"
            ),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        script
    }

    /// `print_pdf` with a stand-in `lp` just written. For a moment after a file is written,
    /// Linux refuses to run it while another test thread's fork still holds it open for
    /// writing (ETXTBSY), which `print_pdf` reports as no print system; so try again briefly.
    fn print_with_stand_in(
        lp: &Path,
        destination: &PrintDestination,
        pdf: &[u8],
    ) -> Result<String, ShellError> {
        for _ in 0..40 {
            match print_pdf(lp.as_os_str(), destination, pdf) {
                Err(error) if error.body().code == "print.unavailable" => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                answer => return answer,
            }
        }
        print_pdf(lp.as_os_str(), destination, pdf)
    }

    #[test]
    fn the_pdf_goes_to_lp_on_a4_at_true_size_and_the_job_id_comes_back() {
        let directory = tempfile::tempdir().unwrap();
        let lp = stand_in_lp(directory.path(), 0);
        let pdf = b"%PDF-1.7 the KK".to_vec();
        let destination = PrintDestination::Queue("Loket_1".into());

        let job = print_with_stand_in(&lp, &destination, &pdf).unwrap();

        assert_eq!(job, "request id is Uji-7 (1 file(s))");
        assert_eq!(
            std::fs::read(directory.path().join("job.pdf")).unwrap(),
            pdf
        );
        let arguments = std::fs::read_to_string(directory.path().join("arguments")).unwrap();
        let arguments: Vec<&str> = arguments.lines().collect();
        assert_eq!(&arguments[..2], ["-d", "Loket_1"]);
        for option in ["media=A4", "print-scaling=none", "fit-to-page=false"] {
            assert!(arguments.contains(&option), "{arguments:?}");
        }
    }

    #[test]
    fn a_refused_job_and_a_missing_print_system_are_told_apart() {
        let directory = tempfile::tempdir().unwrap();
        let refusing = stand_in_lp(directory.path(), 1);
        let destination = PrintDestination::SystemDefault;
        let refused = print_with_stand_in(&refusing, &destination, b"%PDF").unwrap_err();
        assert_eq!(refused.body().code, "print.refused");

        let missing = directory.path().join("no-such-lp");
        let unavailable = print_pdf(missing.as_os_str(), &destination, b"%PDF").unwrap_err();
        assert_eq!(unavailable.body().code, "print.unavailable");
    }

    #[test]
    fn an_unusable_printer_setting_means_no_print_system() {
        let error = destination_from_setting("http://printer/x").unwrap_err();
        assert_eq!(error.body().code, "print.unavailable");
        assert_eq!(
            destination_from_setting("").unwrap(),
            PrintDestination::SystemDefault
        );
    }
}
