//! End-to-end tests of the real app: one test binary, one module per part of the app.
//! Run them with `cargo xtask test`, which builds the app and provides driver and display.

// The home page: service choices, the language toggle, and a round trip to the shell.
mod home;

// Drafts: started from a service, listed, kept across a restart, duplicated and deleted.
mod drafts;

// The wizard's pages: error summary, inline errors and warnings, the region picker, and answers
// kept across a restart.
mod wizard;

// The members step: the member form, NIK decoding, warnings, adding and removing members.
mod members;

// The documents step: attaching a photo, refusing a disguised program.
mod documents;

// The whole journey of adding a newborn, through every page, surviving a kill.
mod newborn;

// The layout at a 360 px phone width and on a 1920×1080 kiosk.
mod layout;

// Sending to a real server: queued before login, sent after it, the correction coming back.
mod sending;

// The issued KK: approved on the server, downloaded, a wrong PIN, the right PIN, the preview,
// printing to the CUPS virtual PDF printer, saving, and verifying the QR offline.
mod issued;

// Kiosk mode: full screen, big targets, "Selesai", the idle warning and wipe, and no trace of
// the citizen's NIK or name anywhere on disk afterwards.
mod kiosk;

// An encrypted database whose key is gone: a clear message, and the file left alone.
mod locked_data;

// The family from the register: shown on "KK saya", kept offline, and a birth prefilled from it.
mod family;

// The register's rules on the real app: a birth keeps the KK number and gives the baby a NIK;
// a reprint of the same family needs no typing.
mod register_chain;

// Nothing typed is lost by leaving a page at once: back home, focus lost, page hidden.
mod leaving;
