//! The issued PDF end to end, with real readers: poppler refuses it without the PIN and reads
//! the KK number and the head's name with it; hayro renders it; the QR read back from the
//! rendered page verifies; and a changed byte in the signed payload does not.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::Command;

use ed25519_dalek::SigningKey;
use kk_document::issue::{IssuedKk, issue_kk};
use kk_document::open::{OpenError, OpenedKk, decrypted_pdf};
use kk_document::render::RenderOptions;
use kk_document::scan::qr_text_from_rgba;
use kk_document::seal::verify;
use kk_document::trust::{RootKey, TrustedRoots};
use kk_document::{IssuerCertificate, IssuerKey, KeyBundle, KkContent, Pin, TrustStore, Verdict};
use kk_domain::application::{Member, MemberChange};
use kk_domain::sample;

fn issuer() -> IssuerKey {
    IssuerKey::from_signing_key(SigningKey::from_bytes(&[3; 32]), "Dinas Dukcapil (uji)")
}

/// A device whose one root certified [`issuer`] for the sample day.
fn trusting_the_issuer() -> TrustStore {
    let root = RootKey::from_seed([5; 32], "Test root");
    let today = sample::date(sample::TODAY);
    let certificate = IssuerCertificate::for_key(&issuer(), "32.01", today, today).certify(&root);
    TrustStore::new(
        &TrustedRoots {
            roots: vec![root.trusted_root()],
        },
        &KeyBundle {
            certificates: vec![hex::encode(certificate)],
            revocations: vec![],
        },
    )
}

fn content(member_count: usize) -> KkContent {
    let mut application = sample::valid_family();
    let mut index = 0;
    while application.members.len() < member_count {
        index += 1;
        let mut child = sample::child(
            &format!("Anak Ke {index} Santoso"),
            &format!("32010110031800{index:02}"),
            "2018-03-10",
        );
        child.change = MemberChange::Unchanged;
        application.members.push(child);
    }
    application.members.truncate(member_count.max(1));
    let _: &Member = &application.members[0];
    KkContent::from_application(
        &application,
        &sample::regions(),
        "3201012311260001",
        sample::date(sample::TODAY),
    )
    .unwrap()
}

fn issued(member_count: usize) -> IssuedKk {
    let options = RenderOptions {
        notice: Some("CONTOH — BUKAN DOKUMEN RESMI".into()),
    };
    issue_kk(&content(member_count), &issuer(), &options).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("issued-pdf");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn poppler_available() -> bool {
    Command::new("pdfinfo").arg("-v").output().is_ok()
}

#[test]
fn poppler_needs_the_pin_and_then_finds_the_number_and_the_head() {
    assert!(
        poppler_available(),
        "poppler-utils is missing: run `cargo xtask setup --test`"
    );
    let issued = issued(4);
    let path = scratch("four-members.pdf");
    std::fs::write(&path, &issued.encrypted_pdf).unwrap();

    let without_pin = Command::new("pdfinfo").arg(&path).output().unwrap();
    assert!(
        !without_pin.status.success(),
        "pdfinfo opened the PDF without a PIN"
    );

    let info = Command::new("pdfinfo")
        .args(["-upw", issued.pin.as_password()])
        .arg(&path)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("algorithm:AES-256"), "{info}");
    assert!(info.contains("print:yes"), "{info}");
    assert!(info.contains("PDF version:     2.0"), "{info}");
    let issue_year = &sample::TODAY[..4];
    assert!(
        info.lines()
            .any(|line| line.starts_with("CreationDate:") && line.contains(issue_year)),
        "the PDF is dated by its issue date: {info}"
    );
    assert!(
        info.contains("841.89 x 595.276 pts (A4)"),
        "not A4 landscape: {info}"
    );

    let text = Command::new("pdftotext")
        .args(["-layout", "-upw", issued.pin.as_password()])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("3201012311260001"), "{text}");
    assert!(text.contains("BUDI SANTOSO"), "{text}");
    assert!(
        text.contains("KARANGDENAN") || text.contains("KARADENAN"),
        "{text}"
    );
    assert!(text.contains("Status Hubungan Dalam Keluarga"), "{text}");

    let wrong = Command::new("pdftotext")
        .args(["-upw", "AAAAA-AAAAA"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(!wrong.status.success());

    // Page 1 as a picture, for the README and for a person to look at.
    let png_prefix = scratch("kk-page");
    let status = Command::new("pdftoppm")
        .args([
            "-png",
            "-r",
            "110",
            "-singlefile",
            "-upw",
            issued.pin.as_password(),
        ])
        .arg(&path)
        .arg(&png_prefix)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn hayro_renders_it_and_the_qr_on_the_page_verifies() {
    let issued = issued(4);
    let opened = OpenedKk::open(issued.encrypted_pdf.clone(), &issued.pin).unwrap();
    assert_eq!(opened.page_count(), 1);
    let page = opened.render_page(0, 200.0).unwrap();
    assert_eq!((page.width, page.height), (2338, 1653));
    let text = qr_text_from_rgba(page.width, page.height, &page.rgba).unwrap();
    assert_eq!(text, issued.qr_text);
    let trusted = trusting_the_issuer();
    match verify(&text, &trusted) {
        Verdict::Valid { claims, .. } => {
            assert_eq!(claims.kk_number, "3201012311260001");
            assert_eq!(claims.head_name, "BUDI SANTOSO");
            assert_eq!(claims.members.len(), 4);
            assert_eq!(claims.content_sha256, hex::encode(content(4).sha256()));
        }
        other => panic!("the printed QR did not verify: {other:?}"),
    }
}

#[test]
fn a_wrong_pin_is_told_apart_from_a_broken_file() {
    let issued = issued(2);
    let wrong = Pin::parse("22222-22222").unwrap();
    assert!(matches!(
        OpenedKk::open(issued.encrypted_pdf.clone(), &wrong),
        Err(OpenError::WrongPin)
    ));
    assert_eq!(
        decrypted_pdf(&issued.encrypted_pdf, &wrong),
        Err(OpenError::WrongPin)
    );
    assert!(matches!(
        OpenedKk::open(b"not a pdf".to_vec(), &issued.pin),
        Err(OpenError::NotAPdf)
    ));
    let plain = decrypted_pdf(&issued.encrypted_pdf, &issued.pin).unwrap();
    let path = scratch("decrypted.pdf");
    std::fs::write(&path, &plain).unwrap();
    if poppler_available() {
        let info = Command::new("pdfinfo").arg(&path).output().unwrap();
        assert!(
            info.status.success(),
            "the decrypted copy does not open without a PIN"
        );
    }
}

#[test]
fn one_changed_byte_in_the_signed_payload_fails_verification() {
    let issued = issued(3);
    let trusted = trusting_the_issuer();
    let encoded = issued.qr_text.strip_prefix(kk_document::QR_PREFIX).unwrap();
    let compressed = base45::decode(encoded).unwrap();
    let mut signed = Vec::new();
    flate2::read::ZlibDecoder::new(compressed.as_slice())
        .read_to_end(&mut signed)
        .unwrap();
    // Change one letter of the head's name inside the COSE payload, then re-wrap it properly,
    // as a forger would.
    let position = signed
        .windows(4)
        .position(|window| window == b"BUDI")
        .unwrap();
    signed[position] = b'R';
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    zlib.write_all(&signed).unwrap();
    let forged = format!(
        "{}{}",
        kk_document::QR_PREFIX,
        base45::encode(zlib.finish().unwrap())
    );
    assert_eq!(verify(&forged, &trusted), Verdict::Altered);
    assert!(matches!(
        verify(&issued.qr_text, &trusted),
        Verdict::Valid { .. }
    ));
}

#[test]
fn ten_members_fit_one_page_under_200_kb_and_twelve_continue_on_a_second() {
    let ten = issued(10);
    assert!(
        ten.encrypted_pdf.len() <= 200 * 1024,
        "{} bytes",
        ten.encrypted_pdf.len()
    );
    let opened = OpenedKk::open(ten.encrypted_pdf, &ten.pin).unwrap();
    assert_eq!(opened.page_count(), 1);
    // The largest one-page code still reads back from the 150 dpi preview.
    let page = opened.render_page(0, 150.0).unwrap();
    assert_eq!(
        qr_text_from_rgba(page.width, page.height, &page.rgba).unwrap(),
        ten.qr_text
    );
    let twelve = issued(12);
    let opened = OpenedKk::open(twelve.encrypted_pdf, &twelve.pin).unwrap();
    assert_eq!(opened.page_count(), 2);
}
