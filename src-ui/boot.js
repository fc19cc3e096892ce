// Loads the wasm UI. A separate file, not an inline script, so the CSP needs no hashes.
import init from "./kk_ui.js";
init();
