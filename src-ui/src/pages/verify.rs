//! "Verifikasi KK": pick a photo or scan of a KK; the shell reads its QR code and checks the
//! signature offline against the trusted issuer keys. The verdict comes first, in words, then
//! the signed data to compare with the paper.

use kk_domain::wire::{ErrorBody, KkVerification};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::components::back_home::BackHome;
use crate::components::error_notice::ErrorNotice;
use crate::components::top_bar::TopBar;
use crate::i18n::{t_string, use_i18n};
use crate::ipc;
use crate::language::current_language;

#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let result = RwSignal::new(None::<Result<KkVerification, ErrorBody>>);
    let picked = move |event: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event.target().unwrap().unchecked_into();
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        result.set(None);
        spawn_local(async move { result.set(Some(ipc::verify_kk_picture(file).await)) });
    };
    view! {
        <TopBar />
        <main id="main" class="verify">
            <BackHome />
            <h1 id="verify-title">{t_string!(i18n, verify_title)}</h1>
            <p class="lead">{t_string!(i18n, verify_hint)}</p>
            <div class="kk-actions">
                <input id="verify-file" class="file-input" type="file" accept="image/png,image/jpeg" on:change=picked />
                <label for="verify-file" class="button">{t_string!(i18n, verify_choose)}</label>
                // On a phone, `capture` opens the camera straight away; the photo takes the same path.
                <input id="verify-camera" class="file-input" type="file" accept="image/*" capture="environment" on:change=picked />
                <label for="verify-camera" class="button secondary">{t_string!(i18n, verify_camera)}</label>
            </div>
            {move || match result.get() {
                Some(Ok(verification)) => verdict(verification).into_any(),
                Some(Err(error)) => view! { <ErrorNotice error /> }.into_any(),
                None => ().into_any(),
            }}
        </main>
    }
}

fn verdict(verification: KkVerification) -> impl IntoView {
    let i18n = use_i18n();
    let message = verification.message.clone();
    view! {
        <p id="verify-verdict" role="status" class=format!("verdict verdict-{}", verification.verdict.as_str())
            data-verdict=verification.verdict.as_str()>
            {move || message.in_language(current_language()).to_owned()}
        </p>
        {verification.kk_number.map(|number| view! {
            <dl class="verify-data">
                <dt>{t_string!(i18n, kk_number)}</dt><dd id="verify-kk-number">{number}</dd>
                <dt>{t_string!(i18n, verify_head)}</dt><dd id="verify-head">{verification.head_name.unwrap_or_default()}</dd>
                <dt>{t_string!(i18n, verify_issued_on)}</dt><dd>{verification.issued_on.unwrap_or_default()}</dd>
                <dt>{t_string!(i18n, verify_issuer)}</dt><dd>{verification.issuer.unwrap_or_default()}</dd>
            </dl>
            <ol id="verify-members">
                {verification.members.into_iter().map(|(nik, name)| view! { <li>{name} " · " {nik}</li> }).collect_view()}
            </ol>
        })}
    }
}
