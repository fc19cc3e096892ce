//! A shell error shown to the citizen, in the current language, with its code for tests.

use kk_domain::wire::ErrorBody;
use leptos::prelude::*;

use crate::language::current_language;

/// Shows a shell error in the current language.
#[component]
pub fn ErrorNotice(error: ErrorBody) -> impl IntoView {
    view! {
        <p class="error-notice" role="alert" data-code=error.code.clone()>
            {move || error.message.in_language(current_language()).to_owned()}
        </p>
    }
}
