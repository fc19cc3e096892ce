//! Step "Layanan": which service, and the current KK number where the family has one.

use kk_domain::application::Service;
use kk_domain::validation::Step;
use leptos::prelude::*;

use crate::i18n::{t, use_i18n};
use crate::language::current_language;
use crate::wizard::fields::{
    ContinueButton, ErrorSummary, FieldMessages, SaveIndicator, TextField,
};
use crate::wizard::state::use_draft;

#[component]
pub fn ServiceStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let needs_kk_number = move || {
        state
            .application
            .with(|application| application.service.is_some_and(Service::needs_existing_kk))
    };
    let choices = Service::ALL
        .into_iter()
        .map(|service| {
            let id = format!("service-{}", service.key());
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        name="service"
                        id=id.clone()
                        value=service.key()
                        prop:checked=move || state.application.with(|a| a.service == Some(service))
                        on:change=move |_| state.application.update(|a| a.service = Some(service))
                    />
                    <label for=id>{move || service.title().in_language(current_language()).to_owned()}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <ErrorSummary step=Step::Service />
        <SaveIndicator />
        <fieldset class="fieldset" id="service">
            <legend><h1 id="step-title">{t!(i18n, service_question)}</h1></legend>
            <FieldMessages step=Step::Service field="service" />
            <div class="radios">{choices}</div>
        </fieldset>
        <Show when=needs_kk_number>
            <TextField
                step=Step::Service
                field="existing_kk_number"
                label=move || t!(i18n, existing_kk_number)
                hint=move || t!(i18n, existing_kk_number_hint)
                value=|a| a.existing_kk_number.clone()
                set=|a, typed| a.existing_kk_number = typed
                input_mode="numeric"
            />
        </Show>
        <ContinueButton step=Step::Service />
    }
}
