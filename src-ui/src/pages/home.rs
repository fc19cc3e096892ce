//! The home page (on a kiosk, its home screen with a welcome): the citizen's drafts, the three
//! kinds of service, the fee, and the version.
//! Choosing a service starts a draft at once, so nothing typed later can be lost.

use kk_domain::application::Service;
use kk_domain::wire::{AppInfo, ErrorBody};
use leptos::prelude::*;

use crate::components::account_panel::AccountPanel;
use crate::components::drafts_list::DraftsList;
use crate::components::error_notice::ErrorNotice;
use crate::components::kiosk::{KioskWelcome, is_kiosk};
use crate::components::outbox_list::OutboxList;
use crate::components::top_bar::TopBar;
use crate::i18n::{t, t_string, use_i18n};
use crate::ipc;
use crate::language::current_language;
use crate::navigation::{Page, use_navigation};

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let navigation = use_navigation();
    let start = Action::new_local(|service: &Service| ipc::create_draft(*service));
    Effect::new(move || {
        if let Some(Ok(draft)) = start.value().get() {
            navigation.set(Page::Draft(draft.id));
        }
    });
    let choose = Callback::new(move |service: Service| {
        start.dispatch(service);
    });
    let failure = move || -> Option<ErrorBody> { start.value().get().and_then(Result::err) };
    let is_kiosk = is_kiosk();
    view! {
        <TopBar />
        <main id="main" class="home">
            {is_kiosk.then(|| view! { <KioskWelcome /> })}
            <OutboxList />
            <nav class="home-links" aria-label=move || t_string!(i18n, home_my_kk)>
                <button id="open-my-kk" type="button" class="button secondary" on:click=move |_| navigation.set(Page::MyKk)>
                    {t!(i18n, home_my_kk)}
                </button>
                <button id="open-verify" type="button" class="button secondary" on:click=move |_| navigation.set(Page::VerifyKk)>
                    {t!(i18n, home_verify)}
                </button>
            </nav>
            <DraftsList />
            <h1 id="home-title">{t!(i18n, choose_service)}</h1>
            <p class="lead">{t!(i18n, choose_service_hint)}</p>
            {move || failure().map(|error| view! { <ErrorNotice error /> })}
            <div class="service-groups">
                <ServiceGroup
                    id="group-new-kk"
                    title=move || t!(i18n, group_new_kk).into_any()
                    hint=move || t!(i18n, group_new_kk_hint).into_any()
                    services=|service| matches!(service, Service::NewKk(_))
                    choose
                />
                <ServiceGroup
                    id="group-change"
                    title=move || t!(i18n, group_change).into_any()
                    hint=move || t!(i18n, group_change_hint).into_any()
                    services=|service| matches!(service, Service::Change(_))
                    choose
                />
                <ServiceGroup
                    id="group-reprint"
                    title=move || t!(i18n, group_reprint).into_any()
                    hint=move || t!(i18n, group_reprint_hint).into_any()
                    services=|service| matches!(service, Service::Reprint(_))
                    choose
                />
            </div>
            <AccountPanel />
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
    choose: Callback<Service>,
) -> impl IntoView {
    let heading_id = format!("{id}-title");
    let labelled_by = heading_id.clone();
    let items = Service::ALL
        .into_iter()
        .filter(|service| services(*service))
        .map(|service| {
            view! {
                <li>
                    <button type="button" class="service" data-service=service.key() on:click=move |_| choose.run(service)>
                        {move || service.reason_title().in_language(current_language()).to_owned()}
                    </button>
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
    let version = use_context::<AppInfo>().map(|info| info.version);
    view! {
        <footer class="footer">
            <p class="fee">
                <strong>{t!(i18n, fee)}</strong>
                " · "
                <span>{t!(i18n, fee_basis)}</span>
            </p>
            <p class="version">
                {t!(i18n, version)} " "
                <span id="app-version">
                    {match version {
                        Some(version) => version.into_any(),
                        None => t!(i18n, version_unavailable).into_any(),
                    }}
                </span>
            </p>
        </footer>
    }
}
