//! Kiosk mode in the UI: large touch targets (`data-kiosk` on `<body>` switches the CSS), no
//! context menu, "Selesai" in the top bar, and the idle warning: after the idle time a dialog
//! counts down with "Lanjutkan"; at zero, or on "Selesai", the shell wipes the session and the
//! UI reloads to the home screen with nothing of the citizen left in memory.

use std::time::Duration;

use kk_domain::wire::{AppInfo, KioskInfo};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{t_string, use_i18n};
use crate::ipc;

/// How often activity is reported to the shell, whose own watchdog is the backstop.
const REPORT_EVERY_MS: f64 = 3000.0;

/// Whether the app runs as a kiosk (from `app_info`, provided at the root).
pub fn is_kiosk() -> bool {
    use_context::<AppInfo>().is_some_and(|info| info.kiosk.is_some())
}

/// Ends the session now: the shell deletes the session's data, then the page starts afresh.
pub fn finish_session() {
    spawn_local(async {
        let _ = ipc::end_kiosk_session().await;
        let _ = window().location().reload();
    });
}

/// Watches for a person at the kiosk and shows the idle warning. Mounted once, at the root.
#[component]
pub fn KioskGuard(timing: KioskInfo) -> impl IntoView {
    let i18n = use_i18n();
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-kiosk", "");
    }
    ipc::on_kiosk_session_ended(|| {
        let _ = window().location().reload();
    });
    let last_activity = StoredValue::new(js_sys::Date::now());
    let last_report = StoredValue::new(0.0);
    let seconds_left: RwSignal<Option<u32>> = RwSignal::new(None);
    let note_activity = move |force: bool| {
        let now = js_sys::Date::now();
        last_activity.set_value(now);
        if force || now - last_report.get_value() > REPORT_EVERY_MS {
            last_report.set_value(now);
            spawn_local(ipc::kiosk_activity());
        }
    };
    // While the warning shows, only "Lanjutkan" counts as coming back.
    let on_input = move || {
        if seconds_left.get_untracked().is_none() {
            note_activity(false);
        }
    };
    let handles = [
        window_event_listener(ev::pointerdown, move |_| on_input()),
        window_event_listener(ev::keydown, move |_| on_input()),
        window_event_listener(ev::input, move |_| on_input()),
        window_event_listener(ev::wheel, move |_| on_input()),
        window_event_listener(ev::contextmenu, |event| event.prevent_default()),
    ];
    on_cleanup(move || handles.into_iter().for_each(|handle| handle.remove()));

    let idle = f64::from(timing.idle_timeout_seconds);
    let warning = f64::from(timing.warning_seconds);
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let idle_for = (js_sys::Date::now() - last_activity.get_value()) / 1000.0;
            if idle_for >= idle + warning {
                seconds_left.set(None);
                last_activity.set_value(f64::INFINITY);
                finish_session();
            } else if idle_for >= idle {
                seconds_left.set(Some((idle + warning - idle_for).ceil() as u32));
            }
        },
        Duration::from_millis(250),
    ) {
        on_cleanup(move || handle.clear());
    }
    let keep_going = move |_| {
        seconds_left.set(None);
        note_activity(true);
    };
    move || {
        seconds_left.get().map(|left| {
            view! {
                <div class="kiosk-backdrop">
                    <div id="idle-warning" class="kiosk-warning" role="alertdialog" aria-modal="true"
                        aria-labelledby="idle-warning-title" aria-describedby="idle-warning-text">
                        <h2 id="idle-warning-title">{t_string!(i18n, kiosk_idle_title)}</h2>
                        <p id="idle-warning-text">{t_string!(i18n, kiosk_idle_text)}</p>
                        <p class="kiosk-countdown">
                            <span id="idle-countdown">{left}</span> " " {t_string!(i18n, kiosk_seconds)}
                        </p>
                        <button id="idle-continue" type="button" class="button" autofocus on:click=keep_going>
                            {t_string!(i18n, kiosk_continue)}
                        </button>
                        <button id="idle-finish" type="button" class="button secondary" on:click=move |_| finish_session()>
                            {t_string!(i18n, kiosk_finish_now)}
                        </button>
                    </div>
                </div>
            }
        })
    }
}

/// The kiosk's welcome on the home screen: what this is, and that nothing is kept.
#[component]
pub fn KioskWelcome() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section id="kiosk-welcome" class="kiosk-welcome" aria-labelledby="kiosk-welcome-title">
            <h2 id="kiosk-welcome-title">{t_string!(i18n, kiosk_welcome_title)}</h2>
            <p>{t_string!(i18n, kiosk_welcome_text)}</p>
        </section>
    }
}
