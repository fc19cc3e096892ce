//! One level of the cascading region picker: a search box that narrows the list as you type,
//! and the list itself. The lists come from the shell, which holds the 2025 region table.

use kk_domain::validation::Step;
use kk_domain::wire::RegionOption;
use leptos::prelude::*;

use crate::i18n::{t, t_string, use_i18n};
use crate::ipc;
use crate::wizard::fields::FieldMessages;

#[component]
pub fn RegionPicker(
    field: &'static str,
    #[prop(into)] label: ViewFn,
    /// `None`: the level above is not chosen yet; `Some(None)`: the provinces;
    /// `Some(Some(code))`: the regions directly below `code`.
    parent: Signal<Option<Option<String>>>,
    selected: Signal<Option<String>>,
    pick: Callback<RegionOption>,
) -> impl IntoView {
    let i18n = use_i18n();
    let filter = RwSignal::new(String::new());
    let options = LocalResource::new(move || {
        let parent = parent.get();
        async move {
            match parent {
                None => Ok(Vec::new()),
                Some(parent) => ipc::list_regions(parent).await,
            }
        }
    });
    let all = move || options.get().and_then(Result::ok).unwrap_or_default();
    let visible = move || {
        // Region names are ASCII, so ASCII folding matches them and keeps Unicode's case
        // tables out of the bundle.
        let needle = filter.get().to_ascii_lowercase();
        all()
            .into_iter()
            .filter(|option| {
                needle.is_empty() || option.name.to_ascii_lowercase().contains(&needle)
            })
            .collect::<Vec<_>>()
    };
    let unavailable = move || parent.get().is_none();
    view! {
        <div class="field region-picker">
            <label for=field>{label.run()}</label>
            <FieldMessages step=Step::Address field />
            <input
                type="search"
                id=format!("{field}-search")
                class="region-search"
                placeholder=move || t_string!(i18n, search)
                aria-label=move || t_string!(i18n, search)
                autocomplete="off"
                disabled=unavailable
                prop:value=move || filter.get()
                on:input=move |event| filter.set(event_target_value(&event))
            />
            <select
                id=field
                disabled=unavailable
                on:change=move |event| {
                    let code = event_target_value(&event);
                    if let Some(option) = all().into_iter().find(|option| option.code == code) {
                        filter.set(String::new());
                        pick.run(option);
                    }
                }
            >
                <option value="" prop:selected=move || selected.get().is_none()>{t!(i18n, choose_one)}</option>
                {move || {
                    visible()
                        .into_iter()
                        .map(|option| {
                            let code = option.code.clone();
                            view! {
                                <option
                                    value=option.code.clone()
                                    prop:selected=move || selected.get().as_deref() == Some(code.as_str())
                                >
                                    {option.name}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
