//! Calls to the Tauri shell. Each shell command has one typed wrapper here; the wire types come
//! from `kk_domain::wire`.

use kk_domain::text::Text;
use kk_domain::wire::{AppInfo, ErrorBody};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `window.__TAURI__.core.invoke`, present because the shell sets `withGlobalTauri`.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], catch)]
    async fn invoke(command: &str, arguments: JsValue) -> Result<JsValue, JsValue>;
}

/// The app's version and the vintage of its region data.
pub async fn app_info() -> Result<AppInfo, ErrorBody> {
    call("app_info", JsValue::UNDEFINED).await
}

async fn call<T: DeserializeOwned>(command: &str, arguments: JsValue) -> Result<T, ErrorBody> {
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
