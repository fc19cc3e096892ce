//! "Keluarga saya", on the "KK saya" page: the family's current KK as Dukcapil's register
//! gives it, kept on this device so it shows without a connection. Until it is kept, a form
//! asks for the KK number; the shell fetches it for a logged-in citizen who stands on that KK.
//! A data change or a reprint then starts from it.

use kk_domain::api::FamilyView;
use kk_domain::wire::ErrorBody;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::error_notice::ErrorNotice;
use crate::i18n::{t_string, use_i18n};
use crate::ipc;

#[component]
pub fn MyFamily() -> impl IntoView {
    let i18n = use_i18n();
    let family = RwSignal::new(None::<FamilyView>);
    let problem = RwSignal::new(None::<ErrorBody>);
    let kk_number = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    spawn_local(async move {
        if let Ok(kept) = ipc::my_family().await {
            if let Some(view) = &kept {
                kk_number.set(view.family.kk_number.clone());
            }
            family.set(kept);
        }
    });
    let fetch = move |_| {
        let number = kk_number.get_untracked();
        busy.set(true);
        spawn_local(async move {
            match ipc::fetch_family(number).await {
                Ok(view) => {
                    family.set(Some(view));
                    problem.set(None);
                }
                Err(error) => problem.set(Some(error)),
            }
            busy.set(false);
        });
    };
    view! {
        <section id="family" class="kk-card" aria-labelledby="family-title">
            <h2 id="family-title">{t_string!(i18n, family_title)}</h2>
            {move || match family.get() {
                Some(view) => family_view(view).into_any(),
                None => view! { <p class="hint">{t_string!(i18n, family_prompt)}</p> }.into_any(),
            }}
            <div class="field">
                <label for="family-kk-number">{t_string!(i18n, kk_number)}</label>
                <input id="family-kk-number" type="text" inputmode="numeric" autocomplete="off"
                    prop:value=move || kk_number.get()
                    on:input=move |event| kk_number.set(event_target_value(&event)) />
            </div>
            <button id="family-fetch" type="button" class="button secondary" on:click=fetch
                disabled=move || busy.get()>
                {move || if family.with(Option::is_some) {
                    t_string!(i18n, family_refresh)
                } else {
                    t_string!(i18n, family_fetch)
                }}
            </button>
            {move || problem.get().map(|error| view! { <ErrorNotice error /> })}
        </section>
    }
}

fn family_view(view: FamilyView) -> impl IntoView {
    let i18n = use_i18n();
    let address = &view.family.address;
    let street = format!("{}, RT {} / RW {}", address.street, address.rt, address.rw);
    view! {
        <p>{t_string!(i18n, kk_number)} " " <strong id="family-number">{view.family.kk_number.clone()}</strong></p>
        <p>{t_string!(i18n, family_address)} ": " {street}</p>
        <ol id="family-members">
            {view.family.members.into_iter().map(|member| view! {
                <li class="family-member">{member.full_name} " · " {member.nik}</li>
            }).collect_view()}
        </ol>
        <p class="hint">{t_string!(i18n, family_kept)}</p>
    }
}
