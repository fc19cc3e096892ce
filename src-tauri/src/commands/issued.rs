//! "KK saya" and "Verifikasi KK": the issued KKs the sync worker downloaded, opened with the
//! PIN in memory only (the PIN is never stored), previewed as rendered pages, saved as the
//! still-encrypted PDF, printed through the OS print system at 100% on A4, and any KK's QR
//! verified offline against the trusted issuer keys.

use std::io::Write;
use std::process::{Command, Stdio};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use kk_document::open::{OpenError, OpenedKk, decrypted_pdf};
use kk_document::pin::PinError;
use kk_document::scan::{ScanError, qr_text_from_picture};
use kk_document::seal::verify;
use kk_document::{Pin, TrustedKeys, Verdict};
use kk_domain::wire::{IssuedKkEntry, KkVerification, OpenedKkPages};
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Manager, Runtime, State};

use crate::print_destination::PrintDestination;
use crate::{ShellError, ShellState};

/// The keys bundled with the app (assets/keys/trusted-keys.json).
const BUNDLED_KEYS: &str = include_str!("../../../assets/keys/trusted-keys.json");
/// Preview resolution: sharp on a phone, light enough for a cheap one.
const PREVIEW_DPI: f32 = 110.0;
/// Names the CUPS queue to print to; without it, the system's default printer.
pub const PRINTER_VARIABLE: &str = "KK_MANDIRI_PRINTER";
/// Where "Simpan PDF" writes; without it, the user's Downloads folder.
pub const SAVE_DIRECTORY_VARIABLE: &str = "KK_MANDIRI_SAVE_DIR";

#[tauri::command]
pub fn list_issued_kks(state: State<'_, ShellState>) -> Result<Vec<IssuedKkEntry>, ShellError> {
    let now = state.now();
    let records = state.with_store(|store, owner| store.issued_kks(owner))?;
    Ok(records
        .into_iter()
        .map(|record| IssuedKkEntry {
            cool_down_seconds: record
                .locked_until
                .filter(|until| *until > now)
                .map(|until| (until - now).num_seconds().max(1) as u64),
            server_id: record.server_id,
            registration_number: record.registration_number,
            kk_number: record.kk_number,
            downloaded_bytes: record.downloaded_bytes,
            pdf_bytes: record.pdf_bytes,
        })
        .collect())
}

/// Opens the KK with the PIN and renders every page for the preview.
#[tauri::command]
pub async fn open_issued_kk(
    state: State<'_, ShellState>,
    server_id: String,
    pin: String,
) -> Result<OpenedKkPages, ShellError> {
    let (opened, _, _) = unlock(&state, &server_id, &pin)?;
    let pages = (0..opened.page_count())
        .map(|index| {
            opened
                .render_page_png(index, PREVIEW_DPI)
                .map(|png| format!("data:image/png;base64,{}", STANDARD.encode(png)))
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| unreadable_pdf())?;
    Ok(OpenedKkPages { pages })
}

/// Sends the PDF itself to the print system (CUPS `lp`): A4, 100% scale, no fitting. The
/// decrypted copy exists only in memory and in the pipe to `lp`.
#[tauri::command]
pub async fn print_issued_kk(
    state: State<'_, ShellState>,
    server_id: String,
    pin: String,
) -> Result<String, ShellError> {
    let (_, encrypted, pin) = unlock(&state, &server_id, &pin)?;
    let plain = decrypted_pdf(&encrypted, &pin).map_err(|_| unreadable_pdf())?;
    let mut command = Command::new("lp");
    command
        .args(print_destination(&state)?.lp_arguments())
        .args([
            "-t",
            "Kartu Keluarga",
            "-o",
            "media=A4",
            "-o",
            "print-scaling=none",
        ])
        .args(["-o", "fit-to-page=false", "-o", "sides=one-sided", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|_| no_print_system())?;
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(&plain)
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
    // `lp` answers "request id is Printer-12 (1 file(s))".
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The kiosk's printer, else `KK_MANDIRI_PRINTER`, else the system's default printer.
fn print_destination(state: &ShellState) -> Result<PrintDestination, ShellError> {
    let setting = match state
        .kiosk
        .as_ref()
        .and_then(|kiosk| kiosk.settings.printer.clone())
    {
        Some(printer) => printer,
        None => std::env::var(PRINTER_VARIABLE).unwrap_or_default(),
    };
    PrintDestination::parse(&setting).map_err(|detail| {
        eprintln!("kk-mandiri: the printer setting is unusable: {detail}");
        no_print_system()
    })
}

/// Writes the still-encrypted PDF to the Downloads folder and returns its path. A kiosk keeps
/// nothing of a citizen, so there it refuses.
#[tauri::command]
pub fn save_issued_kk<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, ShellState>,
    server_id: String,
) -> Result<String, ShellError> {
    if state.kiosk.is_some() {
        return Err(ShellError::refused(
            "save.kiosk",
            "Di kios, KK tidak disimpan. Cetak KK di sini, atau unduh di ponsel Anda dengan aplikasi KK Mandiri.",
            "A kiosk does not save the KK. Print it here, or download it on your phone with the KK Mandiri app.",
        ));
    }
    let record = state
        .with_store(|store, owner| store.issued_kk(owner, &server_id))?
        .ok_or_else(not_downloaded)?;
    let pdf = state
        .with_store(|store, owner| store.issued_pdf(owner, &server_id))?
        .ok_or_else(not_downloaded)?;
    let directory = match std::env::var_os(SAVE_DIRECTORY_VARIABLE).filter(|d| !d.is_empty()) {
        Some(directory) => std::path::PathBuf::from(directory),
        None => app.path().download_dir().map_err(|_| cannot_save())?,
    };
    std::fs::create_dir_all(&directory).map_err(|_| cannot_save())?;
    let path = directory.join(format!("KK-{}.pdf", record.kk_number));
    std::fs::write(&path, pdf).map_err(|_| cannot_save())?;
    Ok(path.display().to_string())
}

/// Reads a KK's QR from a picture (the raw request body) and checks it offline.
#[tauri::command]
pub async fn verify_kk_picture(
    state: State<'_, ShellState>,
    request: Request<'_>,
) -> Result<KkVerification, ShellError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(ShellError::MalformedRequest(
            "the body must be the picture's bytes",
        ));
    };
    let text = qr_text_from_picture(bytes).map_err(|error| match error {
        ScanError::NotAPicture => ShellError::refused(
            "verify.not_a_picture",
            "Berkas ini bukan gambar JPEG atau PNG. Pilih foto atau pindaian KK.",
            "This file is not a JPEG or PNG picture. Choose a photo or scan of the KK.",
        ),
        ScanError::TooLarge => ShellError::refused(
            "verify.too_large",
            "Gambar terlalu besar (lebih dari 8000 piksel). Perkecil atau potong di sekitar kode QR.",
            "The picture is too large (over 8000 pixels). Shrink it or crop it around the QR code.",
        ),
        ScanError::NoCode => ShellError::refused(
            "verify.no_code",
            "Tidak ada kode QR yang terbaca. Foto kode QR di pojok kanan bawah KK lebih dekat dan tajam.",
            "No QR code could be read. Take a closer, sharper photo of the QR code at the bottom right of the KK.",
        ),
    })?;
    let trusted = trusted_keys(&state)?;
    Ok(verification(verify(&text, &trusted)))
}

fn trusted_keys(state: &ShellState) -> Result<TrustedKeys, ShellError> {
    let mut trusted = TrustedKeys::from_json(BUNDLED_KEYS).unwrap_or_default();
    let fetched = state.store().trusted_keys_json()?;
    if let Some(fetched) = fetched.and_then(|json| TrustedKeys::from_json(&json).ok()) {
        for key in fetched.keys {
            if !trusted.keys.iter().any(|known| known.key_id == key.key_id) {
                trusted.keys.push(key);
            }
        }
    }
    Ok(trusted)
}

fn verification(verdict: Verdict) -> KkVerification {
    let empty = |verdict: &str, id: &str, en: &str| KkVerification {
        verdict: verdict.to_owned(),
        message: kk_domain::text::Text::new(id, en),
        kk_number: None,
        head_name: None,
        region_code: None,
        issued_on: None,
        members: Vec::new(),
        issuer: None,
    };
    match verdict {
        Verdict::Valid { claims, issuer } => KkVerification {
            verdict: "valid".into(),
            message: kk_domain::text::Text::new(
                "Asli: tanda tangan elektronik cocok dan data tidak diubah.",
                "Genuine: the electronic signature matches and the data is unaltered.",
            ),
            kk_number: Some(claims.kk_number),
            head_name: Some(claims.head_name),
            region_code: Some(claims.region_code),
            issued_on: Some(claims.issued_on),
            members: claims
                .members
                .into_iter()
                .map(|member| (member.nik, member.name))
                .collect(),
            issuer: Some(issuer.issuer),
        },
        Verdict::Altered => empty(
            "altered",
            "Tidak sah: isi kode QR telah diubah atau rusak. Jangan terima KK ini.",
            "Not valid: the QR code's content was altered or damaged. Do not accept this KK.",
        ),
        Verdict::UnknownKey { .. } => empty(
            "unknown_key",
            "Penerbit tidak dikenal: kode ini ditandatangani dengan kunci yang tidak dipercaya aplikasi ini. Sambungkan ke internet agar daftar kunci diperbarui, lalu coba lagi.",
            "Unknown issuer: this code was signed with a key this app does not trust. Connect to the internet so the key list refreshes, then try again.",
        ),
        Verdict::NotAKkCode => empty(
            "not_a_kk_code",
            "Ini bukan kode QR KK.",
            "This is not a KK QR code.",
        ),
    }
}

/// Checks the cool-down and the PIN; counts a wrong one. Returns the opened KK, its bytes and
/// the PIN.
fn unlock(
    state: &ShellState,
    server_id: &str,
    typed_pin: &str,
) -> Result<(OpenedKk, Vec<u8>, Pin), ShellError> {
    let now = state.now();
    let record = state
        .with_store(|store, owner| store.issued_kk(owner, server_id))?
        .ok_or_else(not_downloaded)?;
    if let Some(until) = record.locked_until.filter(|until| *until > now) {
        return Err(cooling_down((until - now).num_seconds().max(1)));
    }
    let pin = Pin::parse(typed_pin).map_err(malformed_pin)?;
    let encrypted = state
        .with_store(|store, owner| store.issued_pdf(owner, server_id))?
        .ok_or_else(not_downloaded)?;
    match OpenedKk::open(encrypted.clone(), &pin) {
        Ok(opened) => {
            state.with_store(|store, owner| store.clear_wrong_pins(owner, server_id))?;
            Ok((opened, encrypted, pin))
        }
        Err(OpenError::WrongPin) => {
            let record = state
                .with_store(|store, owner| store.record_wrong_pin(owner, server_id, now))?
                .ok_or_else(not_downloaded)?;
            match record.locked_until.filter(|until| *until > now) {
                Some(until) => Err(cooling_down((until - now).num_seconds().max(1))),
                None => {
                    let left =
                        kk_device_store::FREE_PIN_ATTEMPTS.saturating_sub(record.failed_pins);
                    Err(ShellError::refused(
                        "pin.wrong",
                        format!(
                            "PIN salah. Periksa SMS dari Dukcapil. Sisa {left} kali mencoba sebelum jeda."
                        ),
                        format!(
                            "Wrong PIN. Check the SMS from Dukcapil. {left} tries left before a pause."
                        ),
                    ))
                }
            }
        }
        Err(_) => Err(unreadable_pdf()),
    }
}

fn malformed_pin(error: PinError) -> ShellError {
    match error {
        PinError::WrongLength { found } => ShellError::refused(
            "pin.length",
            format!(
                "PIN terdiri dari 10 huruf dan angka, misalnya 7KQMA-4XRTP. Yang terisi {found}."
            ),
            format!(
                "The PIN has 10 letters and digits, for example 7KQMA-4XRTP. You entered {found}."
            ),
        ),
        PinError::NotInAlphabet(character) => ShellError::refused(
            "pin.character",
            format!(
                "PIN tidak memakai \"{character}\". Huruf O, I, L dan angka 0, 1 tidak pernah dipakai agar tidak tertukar."
            ),
            format!(
                "The PIN never contains \"{character}\". The letters O, I, L and the digits 0, 1 are never used, so they cannot be confused."
            ),
        ),
    }
}

fn cooling_down(seconds: i64) -> ShellError {
    ShellError::refused(
        "pin.cooling_down",
        format!("Terlalu banyak PIN salah. Coba lagi dalam {seconds} detik."),
        format!("Too many wrong PINs. Try again in {seconds} seconds."),
    )
}

fn not_downloaded() -> ShellError {
    ShellError::refused(
        "kk.not_downloaded",
        "KK ini belum selesai diunduh. Tunggu sampai ada koneksi; unduhan berlanjut sendiri.",
        "This KK has not finished downloading. Wait for a connection; the download resumes by itself.",
    )
}

fn unreadable_pdf() -> ShellError {
    ShellError::refused(
        "kk.unreadable",
        "Berkas KK di perangkat ini rusak. Hapus lalu unduh lagi.",
        "The KK file on this device is damaged. Delete it and download it again.",
    )
}

fn no_print_system() -> ShellError {
    ShellError::refused(
        "print.unavailable",
        "Sistem cetak tidak tersedia di perangkat ini. Simpan PDF, lalu cetak dari perangkat lain.",
        "No print system is available on this device. Save the PDF, then print it from another device.",
    )
}

fn cannot_save() -> ShellError {
    ShellError::refused(
        "kk.cannot_save",
        "PDF tidak dapat disimpan. Pastikan ruang penyimpanan cukup, lalu coba lagi.",
        "The PDF could not be saved. Make sure there is enough storage space, then try again.",
    )
}
