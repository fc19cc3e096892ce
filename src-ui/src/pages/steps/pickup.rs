//! Step "Pengambilan": how the KK reaches the family, and the fee, which is nothing.

use kk_domain::application::PickupMethod;
use kk_domain::validation::Step;
use leptos::prelude::*;

use crate::i18n::{t, use_i18n};
use crate::wizard::fields::{ContinueButton, ErrorSummary, SaveIndicator, TextField};
use crate::wizard::state::use_draft;

const METHODS: [(PickupMethod, &str); 5] = [
    (PickupMethod::DownloadAndPrint, "download"),
    (PickupMethod::AtKelurahan, "kelurahan"),
    (PickupMethod::AtKecamatan, "kecamatan"),
    (PickupMethod::ByRepresentative, "representative"),
    (PickupMethod::Post, "post"),
];

#[component]
pub fn PickupStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let method = move || state.application.with(|a| a.pickup.method);
    let choices = METHODS
        .into_iter()
        .map(|(choice, key)| {
            let id = format!("pickup-{key}");
            let label = move || pickup_method_label(choice);
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        name="pickup"
                        id=id.clone()
                        prop:checked=move || method() == choice
                        on:change=move |_| state.application.update(|a| a.pickup.method = choice)
                    />
                    <label for=id>{label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <ErrorSummary step=Step::Pickup />
        <SaveIndicator />
        <fieldset class="fieldset">
            <legend><h1 id="step-title">{t!(i18n, pickup_title)}</h1></legend>
            <div class="radios">{choices}</div>
        </fieldset>
        <Show when=move || method() == PickupMethod::ByRepresentative>
            <TextField
                step=Step::Pickup
                field="pickup.representative_name"
                label=move || t!(i18n, representative_name)
                value=|a| a.pickup.representative_name.clone()
                set=|a, typed| a.pickup.representative_name = typed
            />
            <TextField
                step=Step::Pickup
                field="pickup.representative_nik"
                label=move || t!(i18n, representative_nik)
                value=|a| a.pickup.representative_nik.clone()
                set=|a, typed| a.pickup.representative_nik = typed
                input_mode="numeric"
            />
        </Show>
        <Show when=move || method() == PickupMethod::Post>
            <TextField
                step=Step::Pickup
                field="pickup.postal_address"
                label=move || t!(i18n, postal_address)
                value=|a| a.pickup.postal_address.clone()
                set=|a, typed| a.pickup.postal_address = typed
            />
        </Show>
        <p class="fee-note">
            <strong>{t!(i18n, fee)}</strong> " · " {t!(i18n, fee_basis)}
        </p>
        <ContinueButton step=Step::Pickup />
    }
}

/// How a pickup method reads, on this page and on the check-answers page.
pub fn pickup_method_label(method: PickupMethod) -> AnyView {
    let i18n = use_i18n();
    match method {
        PickupMethod::DownloadAndPrint => t!(i18n, pickup_download).into_any(),
        PickupMethod::AtKelurahan => t!(i18n, pickup_kelurahan).into_any(),
        PickupMethod::AtKecamatan => t!(i18n, pickup_kecamatan).into_any(),
        PickupMethod::ByRepresentative => t!(i18n, pickup_representative).into_any(),
        PickupMethod::Post => t!(i18n, pickup_post).into_any(),
    }
}
