//! The home page: the three kinds of service and their choices, the fee, and the version.

use kk_domain::application::Service;
use leptos::prelude::*;

use crate::components::language_toggle::LanguageToggle;
use crate::i18n::{t, use_i18n};
use crate::ipc;
use crate::language::current_language;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="top-bar">
            <span class="brand">{t!(i18n, app_name)}</span>
            <LanguageToggle />
        </header>
        <main id="main" class="home">
            <h1 id="home-title">{t!(i18n, choose_service)}</h1>
            <p class="lead">{t!(i18n, choose_service_hint)}</p>
            <div class="service-groups">
                <ServiceGroup
                    id="group-new-kk"
                    title=move || t!(i18n, group_new_kk).into_any()
                    hint=move || t!(i18n, group_new_kk_hint).into_any()
                    services=|service| matches!(service, Service::NewKk(_))
                />
                <ServiceGroup
                    id="group-change"
                    title=move || t!(i18n, group_change).into_any()
                    hint=move || t!(i18n, group_change_hint).into_any()
                    services=|service| matches!(service, Service::Change(_))
                />
                <ServiceGroup
                    id="group-reprint"
                    title=move || t!(i18n, group_reprint).into_any()
                    hint=move || t!(i18n, group_reprint_hint).into_any()
                    services=|service| matches!(service, Service::Reprint(_))
                />
            </div>
        </main>
        <Footer />
    }
}

#[component]
fn ServiceGroup(
    id: &'static str,
    title: impl Fn() -> AnyView + Send + Sync + 'static,
    hint: impl Fn() -> AnyView + Send + Sync + 'static,
    services: fn(Service) -> bool,
) -> impl IntoView {
    let heading_id = format!("{id}-title");
    let labelled_by = heading_id.clone();
    let items = Service::ALL
        .into_iter()
        .filter(|service| services(*service))
        .map(|service| {
            view! {
                <li class="service" data-service=service.key()>
                    {move || service.reason_title().in_language(current_language()).to_owned()}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="service-group" id=id aria-labelledby=labelled_by>
            <h2 id=heading_id>{title}</h2>
            <p class="hint">{hint}</p>
            <ul class="services">{items}</ul>
        </section>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    let info = LocalResource::new(ipc::app_info);
    let version = move || match info.get() {
        None => t!(i18n, version_loading).into_any(),
        Some(Ok(info)) => info.version.into_any(),
        Some(Err(_)) => t!(i18n, version_unavailable).into_any(),
    };
    view! {
        <footer class="footer">
            <p class="fee">
                <strong>{t!(i18n, fee)}</strong>
                " · "
                <span>{t!(i18n, fee_basis)}</span>
            </p>
            <p class="version">
                {t!(i18n, version)} " " <span id="app-version">{version}</span>
            </p>
        </footer>
    }
}
