//! Issue #7: issuing a 10-member KK (render, sign, encrypt), opening it with the PIN and
//! rendering page 1 at 150 dpi, and two outside yardsticks in the same run: headless
//! Chromium's `--print-to-pdf` of an equivalent HTML page, and poppler's `pdftoppm`.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use kk_document::issue::{IssuedKk, issue_kk};
use kk_document::open::OpenedKk;
use kk_document::render::RenderOptions;
use kk_document::{IssuerKey, KkContent};
use kk_domain::region::embedded;
use kk_domain::sample;

use crate::measure::median_time_per_call;

pub struct IssuanceFigures {
    pub issue: Duration,
    pub pdf_bytes: usize,
    pub open_and_render: Duration,
    /// Chromium's print-to-PDF time over ours; `None` without Chromium.
    pub chromium_ratio: Option<f64>,
    /// pdftoppm's time over hayro's for the same page; `None` without poppler.
    pub pdftoppm_ratio: Option<f64>,
}

pub fn measure(scratch: &Path) -> IssuanceFigures {
    let content = KkContent::from_application(
        &sample::ten_member_family(),
        &embedded::load(),
        "3201012311260001",
        sample::date(sample::TODAY),
    )
    .expect("the sample family makes a KK");
    let key = IssuerKey::from_signing_key(ed25519_dalek::SigningKey::from_bytes(&[5; 32]), "Bench");
    let options = RenderOptions::default();
    let issue = median_time_per_call(|| issue_kk(black_box(&content), &key, &options).unwrap());
    let issued: IssuedKk = issue_kk(&content, &key, &options).unwrap();
    let open_and_render = median_time_per_call(|| {
        let opened = OpenedKk::open(issued.encrypted_pdf.clone(), &issued.pin).unwrap();
        opened.render_page(0, 150.0).unwrap()
    });
    let pdf_path = scratch.join("issued.pdf");
    std::fs::write(&pdf_path, &issued.encrypted_pdf).expect("the scratch dir is writable");
    let pdftoppm = timed_three(|| {
        Command::new("pdftoppm")
            .args([
                "-r",
                "150",
                "-f",
                "1",
                "-l",
                "1",
                "-png",
                "-upw",
                issued.pin.as_password(),
            ])
            .arg(&pdf_path)
            .arg(scratch.join("pdftoppm"))
            .status()
            .is_ok_and(|status| status.success())
    });
    let html_path = scratch.join("kk.html");
    std::fs::write(&html_path, equivalent_html(&content)).expect("the scratch dir is writable");
    let chromium = std::env::var("KK_MANDIRI_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let chromium_time = timed_three(|| {
        Command::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
            ])
            .args([
                "--disable-background-networking",
                "--disable-component-update",
            ])
            .arg(format!(
                "--print-to-pdf={}",
                scratch.join("chromium.pdf").display()
            ))
            .arg(&html_path)
            .output()
            .is_ok_and(|output| output.status.success())
    });
    IssuanceFigures {
        issue,
        pdf_bytes: issued.encrypted_pdf.len(),
        open_and_render,
        chromium_ratio: chromium_time.map(|time| time.as_secs_f64() / issue.as_secs_f64()),
        pdftoppm_ratio: pdftoppm.map(|time| time.as_secs_f64() / open_and_render.as_secs_f64()),
    }
}

/// The median of three runs of an outside program, or `None` when it is missing or fails.
fn timed_three(mut run: impl FnMut() -> bool) -> Option<Duration> {
    let mut times = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        if !run() {
            return None;
        }
        times.push(started.elapsed());
    }
    times.sort();
    Some(times[1])
}

/// The same content as an A4 landscape HTML page, for Chromium to print.
fn equivalent_html(content: &KkContent) -> String {
    let mut rows = String::new();
    for (index, member) in content.members.iter().enumerate() {
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            index + 1, member.full_name, member.nik, member.sex, member.birth_place,
            member.birth_date, member.religion, member.education, member.occupation, member.blood_type
        ));
    }
    format!(
        "<!doctype html><html><head><meta charset=utf-8><style>@page {{ size: A4 landscape; margin: 15mm }} \
         table {{ border-collapse: collapse; font: 7pt 'DejaVu Sans Condensed' }} td {{ border: 1px solid #000 }}</style></head>\
         <body><h1>KARTU KELUARGA</h1><p>No. {}</p><p>{}</p><table>{rows}</table><table>{rows}</table></body></html>",
        content.kk_number, content.head_name
    )
}
