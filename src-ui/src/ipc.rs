//! Calls to the Tauri shell. Each shell command has one typed wrapper here; the wire types come
//! from `kk_domain::wire`.

use kk_domain::api::{ApplicationView, FamilyView, OtpSent, RegisterRequest};
use kk_domain::application::{Application, Service};
use kk_domain::documents::{DocumentKind, MAX_ATTACHMENT_BYTES, attachment_too_large};
use kk_domain::text::Text;
use kk_domain::validation::Issue;
use kk_domain::wire::{
    ATTACH_FILE_NAME_HEADER, ATTACH_KIND_HEADER, AppInfo, DocumentAttached, DraftSummary,
    DraftView, ErrorBody, IssuedKkEntry, KkVerification, OpenedKkPages, OutboxEntry, RegionOption,
    SessionInfo,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// `window.__TAURI__.core.invoke`, present because the shell sets `withGlobalTauri`.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], catch)]
    async fn invoke(command: &str, arguments: JsValue) -> Result<JsValue, JsValue>;

    /// `window.__TAURI__.event.listen`: calls `handler` for each event of that name.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "event"], js_name = listen)]
    fn listen_to_shell(event: &str, handler: &Closure<dyn FnMut(JsValue)>) -> js_sys::Promise;

    /// The same `invoke` with options: used to send a file's bytes as the raw body with headers.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn invoke_with_options(
        command: &str,
        body: JsValue,
        options: JsValue,
    ) -> Result<JsValue, JsValue>;
}

#[derive(Serialize)]
struct DraftArgument<'a> {
    id: &'a str,
}

#[derive(Serialize)]
struct SaveArgument<'a> {
    id: &'a str,
    application: &'a Application,
}

#[derive(Serialize)]
struct RegionsArgument<'a> {
    parent: Option<&'a str>,
}

#[derive(Serialize)]
struct ServiceArgument {
    service: Service,
}

/// The app's version and the vintage of its region data.
pub async fn app_info() -> Result<AppInfo, ErrorBody> {
    call("app_info", &()).await
}

/// Tells the kiosk's shell that a person is still there.
pub async fn kiosk_activity() {
    let _: Result<(), ErrorBody> = call("kiosk_activity", &()).await;
}

/// Ends the kiosk session: the shell deletes everything of it.
pub async fn end_kiosk_session() -> Result<(), ErrorBody> {
    call("end_kiosk_session", &()).await
}

/// Runs `then` when the shell ended the kiosk session on its own (`kiosk-session-ended`).
pub fn on_kiosk_session_ended(then: impl Fn() + 'static) {
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |_| then());
    let _ = listen_to_shell("kiosk-session-ended", &handler);
    // The listener lives as long as the page.
    handler.forget();
}

pub async fn list_drafts() -> Result<Vec<DraftSummary>, ErrorBody> {
    call("list_drafts", &()).await
}

pub async fn create_draft(service: Service) -> Result<DraftView, ErrorBody> {
    call("create_draft", &ServiceArgument { service }).await
}

pub async fn open_draft(id: String) -> Result<DraftView, ErrorBody> {
    call("open_draft", &DraftArgument { id: &id }).await
}

/// Saves the draft and returns the stored version with its issues (region checks included).
pub async fn save_draft(id: String, application: Application) -> Result<DraftView, ErrorBody> {
    call(
        "save_draft",
        &SaveArgument {
            id: &id,
            application: &application,
        },
    )
    .await
}

/// The draft's issues as it stands now, without saving it (region checks included).
pub async fn check_draft(id: String, application: Application) -> Result<Vec<Issue>, ErrorBody> {
    call(
        "check_draft",
        &SaveArgument {
            id: &id,
            application: &application,
        },
    )
    .await
}

/// The provinces (no parent), or the regions directly below `parent`.
pub async fn list_regions(parent: Option<String>) -> Result<Vec<RegionOption>, ErrorBody> {
    call(
        "list_regions",
        &RegionsArgument {
            parent: parent.as_deref(),
        },
    )
    .await
}

#[derive(Serialize)]
struct CodesArgument<'a> {
    codes: &'a [String],
}

/// The names of region codes, in order (`None` for an unknown code).
pub async fn region_names(codes: Vec<String>) -> Result<Vec<Option<String>>, ErrorBody> {
    call("region_names", &CodesArgument { codes: &codes }).await
}

pub async fn duplicate_draft(id: String) -> Result<DraftSummary, ErrorBody> {
    call("duplicate_draft", &DraftArgument { id: &id }).await
}

pub async fn delete_draft(id: String) -> Result<(), ErrorBody> {
    call("delete_draft", &DraftArgument { id: &id }).await
}

/// "Kirim": the draft's current version goes to the outbox.
pub async fn send_draft(id: String) -> Result<OutboxEntry, ErrorBody> {
    call("send_draft", &DraftArgument { id: &id }).await
}

pub async fn list_outbox() -> Result<Vec<OutboxEntry>, ErrorBody> {
    call("list_outbox", &()).await
}

pub async fn retry_sending() -> Result<(), ErrorBody> {
    call("retry_sending", &()).await
}

/// A sent application's status and timeline, from the server.
pub async fn application_status(id: String) -> Result<ApplicationView, ErrorBody> {
    call("application_status", &DraftArgument { id: &id }).await
}

pub async fn session_info() -> Result<SessionInfo, ErrorBody> {
    call("session_info", &()).await
}

#[derive(Serialize)]
struct LoginArgument<'a> {
    nik: &'a str,
    password: &'a str,
}

pub async fn login(nik: String, password: String) -> Result<SessionInfo, ErrorBody> {
    call(
        "login",
        &LoginArgument {
            nik: &nik,
            password: &password,
        },
    )
    .await
}

pub async fn logout() -> Result<(), ErrorBody> {
    call("logout", &()).await
}

#[derive(Serialize)]
struct RegisterArgument<'a> {
    request: &'a RegisterRequest,
}

pub async fn register(request: RegisterRequest) -> Result<OtpSent, ErrorBody> {
    call("register", &RegisterArgument { request: &request }).await
}

#[derive(Serialize)]
struct VerifyArgument<'a> {
    nik: &'a str,
    code: &'a str,
}

pub async fn verify_account(nik: String, code: String) -> Result<(), ErrorBody> {
    call(
        "verify_account",
        &VerifyArgument {
            nik: &nik,
            code: &code,
        },
    )
    .await
}

/// Sends one chosen file to the shell, which checks and keeps it. Too large a file is refused
/// here, before it is read into memory.
pub async fn attach_document(
    kind: DocumentKind,
    file: web_sys::File,
) -> Result<DocumentAttached, ErrorBody> {
    let size = file.size() as usize;
    if size > MAX_ATTACHMENT_BYTES {
        return Err(ErrorBody::new(
            "attachment.too_large",
            attachment_too_large(size, MAX_ATTACHMENT_BYTES),
        ));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| file_unreadable())?;
    let headers = js_sys::Object::new();
    let kind = serde_wasm_bindgen::to_value(&kind).map_err(|_| shell_unavailable())?;
    let file_name = js_sys::encode_uri_component(&file.name());
    let _ = js_sys::Reflect::set(&headers, &ATTACH_KIND_HEADER.into(), &kind);
    let _ = js_sys::Reflect::set(&headers, &ATTACH_FILE_NAME_HEADER.into(), &file_name.into());
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"headers".into(), &headers);
    let body = js_sys::Uint8Array::new(&buffer);
    let value = invoke_with_options("attach_document", body.into(), options.into())
        .await
        .map_err(shell_error)?;
    from_shell(value)
}

/// The issued KKs on this device, with their download progress.
/// The family kept on this device, if any.
pub async fn my_family() -> Result<Option<FamilyView>, ErrorBody> {
    call("my_family", &()).await
}

/// Fetches the family of this KK from the register (the citizen must be on it) and keeps it.
pub async fn fetch_family(kk_number: String) -> Result<FamilyView, ErrorBody> {
    call(
        "fetch_family",
        &KkNumberArgument {
            kk_number: &kk_number,
        },
    )
    .await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KkNumberArgument<'a> {
    kk_number: &'a str,
}

pub async fn list_issued_kks() -> Result<Vec<IssuedKkEntry>, ErrorBody> {
    call("list_issued_kks", &()).await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PinArgument<'a> {
    server_id: &'a str,
    pin: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct IssuedArgument<'a> {
    server_id: &'a str,
}

/// Opens an issued KK with its PIN; the pages come back rendered.
pub async fn open_issued_kk(server_id: String, pin: String) -> Result<OpenedKkPages, ErrorBody> {
    call(
        "open_issued_kk",
        &PinArgument {
            server_id: &server_id,
            pin: &pin,
        },
    )
    .await
}

/// Prints an issued KK on A4 at 100%; returns the print system's job line.
pub async fn print_issued_kk(server_id: String, pin: String) -> Result<String, ErrorBody> {
    call(
        "print_issued_kk",
        &PinArgument {
            server_id: &server_id,
            pin: &pin,
        },
    )
    .await
}

/// Saves the still-encrypted PDF; returns where.
pub async fn save_issued_kk(server_id: String) -> Result<String, ErrorBody> {
    call(
        "save_issued_kk",
        &IssuedArgument {
            server_id: &server_id,
        },
    )
    .await
}

/// Sends a picture of a KK's QR code to the shell, which verifies it offline.
pub async fn verify_kk_picture(file: web_sys::File) -> Result<KkVerification, ErrorBody> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| file_unreadable())?;
    let body = js_sys::Uint8Array::new(&buffer);
    let value = invoke_with_options(
        "verify_kk_picture",
        body.into(),
        js_sys::Object::new().into(),
    )
    .await
    .map_err(shell_error)?;
    from_shell(value)
}

#[derive(Serialize)]
struct ThumbnailArgument<'a> {
    sha256: &'a str,
}

/// A kept photo's thumbnail as a data URL (`None` for a PDF).
pub async fn document_thumbnail(sha256: String) -> Result<Option<String>, ErrorBody> {
    call("document_thumbnail", &ThumbnailArgument { sha256: &sha256 }).await
}

fn file_unreadable() -> ErrorBody {
    ErrorBody::new(
        "attachment.unreadable",
        Text::new(
            "Berkas ini tidak dapat dibaca dari perangkat. Pilih lagi, atau pilih berkas lain.",
            "This file could not be read from the device. Choose it again, or choose another file.",
        ),
    )
}

/// One shell command: the arguments go out as a JS object and the answer comes back typed.
/// Only the conversions are generic; the waiting is [`invoke_shell`], one copy in the bundle.
async fn call<T: DeserializeOwned>(
    command: &str,
    arguments: &impl Serialize,
) -> Result<T, ErrorBody> {
    let arguments = serde_wasm_bindgen::to_value(arguments).map_err(|_| shell_unavailable())?;
    from_shell(invoke_shell(command, arguments).await?)
}

async fn invoke_shell(command: &str, arguments: JsValue) -> Result<JsValue, ErrorBody> {
    invoke(command, arguments).await.map_err(shell_error)
}

/// A shell command's error arrives as an ErrorBody; anything else means the shell itself is
/// missing (for example the page was opened in a plain browser).
fn shell_error(error: JsValue) -> ErrorBody {
    serde_wasm_bindgen::from_value(error).unwrap_or_else(|_| shell_unavailable())
}

fn from_shell<T: DeserializeOwned>(value: JsValue) -> Result<T, ErrorBody> {
    serde_wasm_bindgen::from_value(value).map_err(|_| shell_unavailable())
}

fn shell_unavailable() -> ErrorBody {
    ErrorBody::new(
        "shell.unavailable",
        Text::new(
            "Aplikasi tidak dapat menghubungi bagian sistemnya. Tutup lalu buka lagi aplikasinya.",
            "The app could not reach its system side. Close it and open it again.",
        ),
    )
}
