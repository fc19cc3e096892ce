//! Step "Alamat": the region chain picked province → regency → district → village (the lists
//! come from the shell, which holds the 2025 table), then street, RT/RW and the postal code,
//! which the village fills in.

use kk_domain::application::{Address, Application};
use kk_domain::region::RegionCode;
use kk_domain::validation::Step;
use kk_domain::wire::RegionOption;
use leptos::prelude::*;

use crate::components::region_picker::RegionPicker;
use crate::i18n::{t, use_i18n};
use crate::wizard::fields::{ContinueButton, ErrorSummary, SaveIndicator, TextField};
use crate::wizard::state::use_draft;

#[component]
pub fn AddressStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_draft();
    let code_of = move |pick: fn(&Address) -> &Option<RegionCode>| {
        Signal::derive(move || {
            state
                .application
                .with(|a| pick(&a.address).as_ref().map(RegionCode::to_string))
        })
    };
    let province = code_of(|a| &a.province);
    let regency = code_of(|a| &a.regency);
    let district = code_of(|a| &a.district);
    let village = code_of(|a| &a.village);
    view! {
        <ErrorSummary step=Step::Address />
        <SaveIndicator />
        <h1 id="step-title">{t!(i18n, address_title)}</h1>
        <RegionPicker
            field="address.province"
            label=move || t!(i18n, province)
            parent=Signal::derive(|| Some(None))
            selected=province
            pick=Callback::new(move |region: RegionOption| choose(state.application, 0, region))
        />
        <RegionPicker
            field="address.regency"
            label=move || t!(i18n, regency)
            parent=Signal::derive(move || province.get().map(Some))
            selected=regency
            pick=Callback::new(move |region: RegionOption| choose(state.application, 1, region))
        />
        <RegionPicker
            field="address.district"
            label=move || t!(i18n, district)
            parent=Signal::derive(move || regency.get().map(Some))
            selected=district
            pick=Callback::new(move |region: RegionOption| choose(state.application, 2, region))
        />
        <RegionPicker
            field="address.village"
            label=move || t!(i18n, village)
            parent=Signal::derive(move || district.get().map(Some))
            selected=village
            pick=Callback::new(move |region: RegionOption| choose(state.application, 3, region))
        />
        <TextField
            step=Step::Address
            field="address.street"
            label=move || t!(i18n, street)
            value=|a| a.address.street.clone()
            set=|a, typed| a.address.street = typed
        />
        <div class="field-row">
            <TextField
                step=Step::Address
                field="address.rt"
                label=move || t!(i18n, rt)
                value=|a| a.address.rt.clone()
                set=|a, typed| a.address.rt = typed
                input_mode="numeric"
            />
            <TextField
                step=Step::Address
                field="address.rw"
                label=move || t!(i18n, rw)
                value=|a| a.address.rw.clone()
                set=|a, typed| a.address.rw = typed
                input_mode="numeric"
            />
        </div>
        <TextField
            step=Step::Address
            field="address.postal_code"
            label=move || t!(i18n, postal_code)
            hint=move || t!(i18n, postal_code_hint)
            value=|a| a.address.postal_code.clone()
            set=|a, typed| a.address.postal_code = typed
            input_mode="numeric"
        />
        <ContinueButton step=Step::Address />
    }
}

/// Sets the region at `level` (0 = province … 3 = village), clears the levels below it, and
/// takes the village's postal code.
fn choose(application: RwSignal<Application>, level: usize, region: RegionOption) {
    let Ok(code) = RegionCode::parse(&region.code) else {
        return;
    };
    application.update(|application| {
        let address = &mut application.address;
        let levels = [
            &mut address.province,
            &mut address.regency,
            &mut address.district,
            &mut address.village,
        ];
        for (index, slot) in levels.into_iter().enumerate() {
            if index == level {
                *slot = Some(code.clone());
            } else if index > level {
                *slot = None;
            }
        }
        if let Some(postal_code) = region.postal_code {
            address.postal_code = postal_code;
        }
    });
}
