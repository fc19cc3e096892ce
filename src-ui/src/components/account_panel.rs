//! The account on this device: who is logged in, or the forms to log in, register, and verify
//! the phone with the OTP. Drafting needs none of this; sending does.

use kk_domain::api::RegisterRequest;
use kk_domain::wire::ErrorBody;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::error_notice::ErrorNotice;
use crate::i18n::{t_string, use_i18n};
use crate::ipc;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Login,
    Register,
    /// The OTP was sent to this masked number.
    Verify,
}

#[component]
pub fn AccountPanel() -> impl IntoView {
    let i18n = use_i18n();
    let refresh = RwSignal::new(0u32);
    let session = LocalResource::new(move || {
        refresh.track();
        ipc::session_info()
    });
    let form = RwSignal::new(Form::Login);
    let failure = RwSignal::new(None::<ErrorBody>);
    let notice = RwSignal::new(None::<String>);
    let (nik, password, full_name, phone, email, code) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let finish = move |result: Result<(), ErrorBody>| {
        failure.set(result.err());
        refresh.update(|r| *r += 1);
    };
    let log_in = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        spawn_local(async move {
            let result = ipc::login(nik.get_untracked(), password.get_untracked()).await;
            password.set(String::new());
            finish(result.map(|_| ()));
        });
    };
    let register = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let request = RegisterRequest {
            nik: nik.get_untracked(),
            full_name: full_name.get_untracked(),
            phone: phone.get_untracked(),
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        spawn_local(async move {
            match ipc::register(request).await {
                Ok(sent) => {
                    notice.set(Some(sent.sent_to));
                    failure.set(None);
                    form.set(Form::Verify);
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let verify = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        spawn_local(async move {
            match ipc::verify_account(nik.get_untracked(), code.get_untracked()).await {
                Ok(()) => {
                    failure.set(None);
                    notice.set(None);
                    form.set(Form::Login);
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let log_out = move |_| {
        spawn_local(async move {
            finish(ipc::logout().await);
        })
    };
    let field = move |id: &'static str,
                      label: &'static str,
                      value: RwSignal<String>,
                      kind: &'static str,
                      autocomplete: &'static str| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type=kind autocomplete=autocomplete prop:value=move || value.get()
                    on:input=move |event| value.set(event_target_value(&event)) />
            </div>
        }
    };
    let forms = move || {
        match form.get() {
        Form::Login => view! {
            <form id="login-form" on:submit=log_in>
                {field("login-nik", t_string!(i18n, account_nik), nik, "text", "username")}
                {field("login-password", t_string!(i18n, account_password), password, "password", "current-password")}
                <button type="submit" id="login-submit" class="button">{t_string!(i18n, account_login)}</button>
                <button type="button" class="link-button" id="show-register" on:click=move |_| form.set(Form::Register)>
                    {t_string!(i18n, account_register_toggle)}
                </button>
            </form>
        }
        .into_any(),
        Form::Register => view! {
            <form id="register-form" on:submit=register>
                {field("register-nik", t_string!(i18n, account_nik), nik, "text", "username")}
                {field("register-name", t_string!(i18n, account_full_name), full_name, "text", "name")}
                {field("register-phone", t_string!(i18n, account_phone), phone, "tel", "tel")}
                {field("register-email", t_string!(i18n, account_email), email, "email", "email")}
                {field("register-password", t_string!(i18n, account_password), password, "password", "new-password")}
                <button type="submit" id="register-submit" class="button">{t_string!(i18n, account_register)}</button>
                <button type="button" class="link-button" on:click=move |_| form.set(Form::Login)>
                    {t_string!(i18n, account_login_toggle)}
                </button>
            </form>
        }
        .into_any(),
        Form::Verify => view! {
            <form id="verify-form" on:submit=verify>
                <p>{t_string!(i18n, account_otp_sent)} " " {move || notice.get().unwrap_or_default()}</p>
                {field("verify-code", t_string!(i18n, account_otp), code, "text", "one-time-code")}
                <button type="submit" id="verify-submit" class="button">{t_string!(i18n, account_verify)}</button>
            </form>
        }
        .into_any(),
    }
    };
    view! {
        <section id="account" class="account" aria-labelledby="account-title">
            <h2 id="account-title">{t_string!(i18n, account_title)}</h2>
            {move || match session.get() {
                Some(Ok(info)) if info.nik.is_some() => view! {
                    <p id="logged-in">{t_string!(i18n, account_logged_in_as)} " " {info.nik.unwrap_or_default()}</p>
                    <button type="button" id="logout" class="button secondary" on:click=log_out>{t_string!(i18n, account_logout)}</button>
                }
                .into_any(),
                _ => forms().into_any(),
            }}
            {move || failure.get().map(|error| view! { <ErrorNotice error /> })}
        </section>
    }
}
