//! Calls to the Tauri shell. Each shell command has one typed wrapper here; the wire types come
//! from `kk_domain::wire`.

use kk_domain::application::{Application, Service};
use kk_domain::text::Text;
use kk_domain::wire::{AppInfo, DraftSummary, DraftView, ErrorBody, RegionOption};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `window.__TAURI__.core.invoke`, present because the shell sets `withGlobalTauri`.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], catch)]
    async fn invoke(command: &str, arguments: JsValue) -> Result<JsValue, JsValue>;
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

async fn call<T: DeserializeOwned>(
    command: &str,
    arguments: &impl Serialize,
) -> Result<T, ErrorBody> {
    let arguments = serde_wasm_bindgen::to_value(arguments).map_err(|_| shell_unavailable())?;
    let value = invoke(command, arguments).await.map_err(|error| {
        // A shell command's error arrives as an ErrorBody; anything else means the shell
        // itself is missing (for example the page was opened in a plain browser).
        serde_wasm_bindgen::from_value(error).unwrap_or_else(|_| shell_unavailable())
    })?;
    serde_wasm_bindgen::from_value(value).map_err(|_| shell_unavailable())
}

fn shell_unavailable() -> ErrorBody {
    ErrorBody {
        code: "shell.unavailable".to_owned(),
        message: Text::new(
            "Aplikasi tidak dapat menghubungi bagian sistemnya. Tutup lalu buka lagi aplikasinya.",
            "The app could not reach its system side. Close it and open it again.",
        ),
    }
}
