//! The pages opened from the home page, each cut out of the first download into its own wasm
//! chunk. `cargo xtask ui` runs wasm-split on every build; a chunk loads, from the app's own
//! files, the first time its page opens. The home page, the frame and everything they share stay
//! in the main module, so the first screen shows after loading about half of the code.
//!
//! A split function runs in its chunk: it must take and return concrete types, so each one
//! returns the page as an `AnyView`.

use kk_domain::text::Text;
use kk_domain::wire::ErrorBody;
use leptos::prelude::*;
use wasm_split_helpers::{SplitLoaderError, wasm_split};

use crate::components::back_home::BackHome;
use crate::components::error_notice::ErrorNotice;
use crate::components::top_bar::TopBar;
use crate::i18n::{t, use_i18n};
use crate::pages::draft::DraftPage;
use crate::pages::my_kk::MyKkPage;
use crate::pages::status::StatusPage;
use crate::pages::verify::VerifyPage;

/// A page's chunk did not load: the app's files are incomplete or damaged.
pub struct ChunkNotLoaded;

impl From<SplitLoaderError> for ChunkNotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        ChunkNotLoaded
    }
}

#[wasm_split(draft_page, fallible, preload(preload_draft_page))]
pub fn draft_page(id: String) -> Result<AnyView, ChunkNotLoaded> {
    Ok(view! { <DraftPage id /> }.into_any())
}

#[wasm_split(status_page, fallible)]
pub fn status_page(id: String) -> Result<AnyView, ChunkNotLoaded> {
    Ok(view! { <StatusPage id /> }.into_any())
}

#[wasm_split(my_kk_page, fallible)]
pub fn my_kk_page() -> Result<AnyView, ChunkNotLoaded> {
    Ok(view! { <MyKkPage /> }.into_any())
}

#[wasm_split(verify_page, fallible)]
pub fn verify_page() -> Result<AnyView, ChunkNotLoaded> {
    Ok(view! { <VerifyPage /> }.into_any())
}

/// How long after the first screen the wizard's chunk starts loading: long enough for the home
/// page's own work (the drafts list, the outbox) to go first on a slow phone.
const WIZARD_PRELOAD_DELAY: std::time::Duration = std::time::Duration::from_secs(1);

/// Loads the wizard's chunk in the background soon after start, so opening a draft (what most
/// citizens do next) shows no "Memuat…" and compiles nothing while they wait. A chunk that does
/// not load is left to the page itself, which says so when it opens.
///
/// Once loaded, `<body>` carries `data-wizard-loaded`: WebKitGTK keeps no resource timing for
/// the app's own scheme, so this is how a test sees the preload happen.
pub fn preload_the_wizard_soon() {
    set_timeout(
        || {
            leptos::task::spawn_local(async {
                if preload_draft_page().await.is_ok()
                    && let Some(body) = document().body()
                {
                    _ = body.set_attribute("data-wizard-loaded", "");
                }
            })
        },
        WIZARD_PRELOAD_DELAY,
    );
}

/// Shows "Memuat…" while the page's chunk loads, then the page, or a clear message if the chunk
/// cannot load (the wasm would otherwise abort and leave a blank window).
///
/// Not a `<Suspense>`: the page's own resources would register with it, and every reload of one
/// (the region list as the citizen types) would swap the whole page for the fallback.
pub fn lazy_page(
    page: impl Future<Output = Result<AnyView, ChunkNotLoaded>> + Send + 'static,
) -> AnyView {
    let i18n = use_i18n();
    let loading = RwSignal::new(true);
    let loaded = Suspend::new(async move {
        let page = page
            .await
            .unwrap_or_else(|ChunkNotLoaded| view! { <PageNotLoaded /> }.into_any());
        loading.set(false);
        page
    });
    view! {
        {move || loading.get().then(|| view! { <p class="page-loading" role="status">{t!(i18n, loading)}</p> })}
        {loaded}
    }
    .into_any()
}

/// What shows instead of a page whose chunk did not load: the frame, why, and the way home,
/// where the drafts are. Opening the page again tries the load again.
#[component]
fn PageNotLoaded() -> impl IntoView {
    view! {
        <TopBar />
        <main id="main" class="page-not-loaded">
            <BackHome />
            <ErrorNotice error=chunk_not_loaded() />
        </main>
    }
}

fn chunk_not_loaded() -> ErrorBody {
    ErrorBody::new(
        "ui.chunk_not_loaded",
        Text::new(
            "Halaman ini tidak dapat dimuat karena berkas aplikasi tidak lengkap. Pasang ulang \
             aplikasinya; draf Anda tetap tersimpan di perangkat ini.",
            "This page could not load because the app's files are incomplete. Reinstall the app; \
             your drafts stay saved on this device.",
        ),
    )
}
