//! "KK saya" and "Verifikasi KK": the issued KKs the sync worker downloaded, opened with the
//! PIN (see [`crate::issued::unlock`]), previewed as rendered pages, saved as the
//! still-encrypted PDF, printed (see [`crate::issued::print`]), and any KK's QR verified
//! offline (see [`crate::issued::verification`]). Work that takes time (decrypting, rendering,
//! reading a picture, waiting for `lp`) runs on the blocking pool, off the async runtime.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use kk_document::open::decrypted_pdf;
use kk_domain::wire::{IssuedKkEntry, KkVerification, OpenedKkPages};
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Manager, Runtime, State};

use crate::issued::print::{LP, destination_from_setting, print_pdf};
use crate::issued::unlock::{seconds_left, unlock};
use crate::issued::verification::{trust_store, verify_picture};
use crate::issued::{not_downloaded, unreadable_pdf};
use crate::state::{blocking, with_owner_store};
use crate::{ShellError, ShellState};

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
                .map(|until| seconds_left(until - now)),
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
    let (store, now) = (state.store.clone(), state.now());
    blocking(move || {
        let unlocked = with_owner_store(&store, |store, owner| {
            unlock(store, owner, &server_id, &pin, now)
        })?;
        let pages = (0..unlocked.opened.page_count())
            .map(|index| {
                let png = unlocked.opened.render_page_png(index, PREVIEW_DPI)?;
                Ok(format!("data:image/png;base64,{}", STANDARD.encode(png)))
            })
            .collect::<Result<Vec<_>, kk_document::open::OpenError>>()
            .map_err(|_| unreadable_pdf())?;
        Ok(OpenedKkPages { pages })
    })
    .await
}

/// Prints the KK on the kiosk's printer, else `KK_MANDIRI_PRINTER`, else the system's default.
#[tauri::command]
pub async fn print_issued_kk(
    state: State<'_, ShellState>,
    server_id: String,
    pin: String,
) -> Result<String, ShellError> {
    let setting = match state
        .kiosk
        .as_ref()
        .and_then(|k| k.settings.printer.clone())
    {
        Some(printer) => printer,
        None => std::env::var(PRINTER_VARIABLE).unwrap_or_default(),
    };
    let (store, now) = (state.store.clone(), state.now());
    blocking(move || {
        let destination = destination_from_setting(&setting)?;
        let unlocked = with_owner_store(&store, |store, owner| {
            unlock(store, owner, &server_id, &pin, now)
        })?;
        let plain =
            decrypted_pdf(&unlocked.encrypted, &unlocked.pin).map_err(|_| unreadable_pdf())?;
        print_pdf(std::ffi::OsStr::new(LP), &destination, &plain)
    })
    .await
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
    let (record, pdf) = state
        .with_store(|store, owner| {
            let record = store.issued_kk(owner, &server_id)?;
            let pdf = store.issued_pdf(owner, &server_id)?;
            Ok::<_, ShellError>(record.zip(pdf))
        })?
        .ok_or_else(not_downloaded)?;
    let directory = match std::env::var_os(SAVE_DIRECTORY_VARIABLE).filter(|d| !d.is_empty()) {
        Some(directory) => std::path::PathBuf::from(directory),
        None => app.path().download_dir().map_err(|_| cannot_save())?,
    };
    std::fs::create_dir_all(&directory).map_err(|_| cannot_save())?;
    let path = directory.join(saved_file_name(&record.kk_number).ok_or_else(cannot_save)?);
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
    let picture = bytes.clone();
    let fetched = state.store().trusted_keys_json()?;
    blocking(move || verify_picture(&picture, &trust_store(fetched.as_deref()))).await
}

/// The saved PDF's file name, `KK-<number>.pdf`, for a number of 16 digits only: the number
/// comes from the server, and a rogue one could otherwise name a path such as `../../x`.
fn saved_file_name(kk_number: &str) -> Option<String> {
    (kk_number.len() == 16 && kk_number.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("KK-{kk_number}.pdf"))
}

fn cannot_save() -> ShellError {
    ShellError::refused(
        "kk.cannot_save",
        "PDF tidak dapat disimpan. Pastikan ruang penyimpanan cukup, lalu coba lagi.",
        "The PDF could not be saved. Make sure there is enough storage space, then try again.",
    )
}

#[cfg(test)]
mod tests {
    use super::saved_file_name;

    #[test]
    fn only_a_sixteen_digit_kk_number_names_the_saved_file() {
        assert_eq!(
            saved_file_name("3201012006150003").as_deref(),
            Some("KK-3201012006150003.pdf")
        );
        for hostile in [
            "../../../.bashrc",
            "3201012006150003/../x",
            "",
            "320101200615000a",
        ] {
            assert_eq!(saved_file_name(hostile), None, "{hostile}");
        }
    }
}
