//! Wire types between the UI and the shell (and later the server). Everything that crosses a
//! process or network boundary is defined here, so the contract is in one place.

use serde::{Deserialize, Serialize};

use crate::region::Region;
use crate::text::Text;

/// Answer of the shell command `app_info`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppInfo {
    pub version: String,
    /// The region data's legal source, e.g. "Kepmendagri 300.2.2-2138/2025".
    pub region_vintage: String,
    /// Set when the app runs as a kiosk.
    #[serde(default)]
    pub kiosk: Option<KioskInfo>,
    /// Why the app cannot use its data; the UI shows it instead of the home page.
    #[serde(default)]
    pub startup_problem: Option<ErrorBody>,
    /// The shell's clock, so the UI's "today" is the shell's (tests set it).
    #[serde(default)]
    pub clock: crate::clock::Clock,
    /// How long autosave waits after the last keystroke, when not the usual 250 ms: a test
    /// sets a long one (`KK_MANDIRI_SAVE_DELAY_MS`), so that any save it sees soon was made
    /// by leaving the page, not by the timer.
    #[serde(default)]
    pub save_delay_ms: Option<u64>,
}

/// The kiosk's idle timing, for the UI's warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KioskInfo {
    pub idle_timeout_seconds: u32,
    pub warning_seconds: u32,
}

/// One entry of a cascading region list (shell command `list_regions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionOption {
    pub code: String,
    pub name: String,
    pub postal_code: Option<String>,
}

impl From<&Region> for RegionOption {
    fn from(region: &Region) -> RegionOption {
        RegionOption {
            code: region.code.to_string(),
            name: region.name.clone(),
            postal_code: region.postal_code.clone(),
        }
    }
}

/// The one error on the wire, from the server to the shell and from the shell to the UI: a
/// stable code, a message to show as it is, and for an invalid application the same field
/// issues the app's own validation shows.
/// Example: `{"code": "region.unknown", "message": {"id": "…", "en": "…"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: String,
    pub message: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<crate::validation::Issue>,
}

impl ErrorBody {
    pub fn new(code: impl Into<String>, message: Text) -> ErrorBody {
        ErrorBody {
            code: code.into(),
            message,
            issues: Vec::new(),
        }
    }
}

/// One line of the drafts list (shell command `list_drafts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSummary {
    pub id: String,
    pub service: Option<crate::application::Service>,
    /// The head's name, or the first member's, once typed.
    pub family_name: Option<String>,
    /// RFC 3339, UTC.
    pub updated_at: String,
    pub error_count: usize,
    pub warning_count: usize,
}

/// A draft opened for editing (shell commands `create_draft`, `open_draft`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftView {
    pub id: String,
    pub revision: i64,
    pub application: crate::application::Application,
    /// Every issue, with the checks that need the full region table.
    pub issues: Vec<crate::validation::Issue>,
}

/// Answer of the shell command `attach_document`: what to put in the application, and a
/// thumbnail for the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentAttached {
    pub document: crate::documents::AttachedDocument,
    /// A `data:image/jpeg;base64,…` URL; `None` for a PDF.
    pub thumbnail: Option<String>,
}

/// The request headers that carry `attach_document`'s metadata; the body is the file's bytes.
pub const ATTACH_KIND_HEADER: &str = "kk-document-kind";
/// The file name, percent-encoded (header values must be ASCII).
pub const ATTACH_FILE_NAME_HEADER: &str = "kk-file-name";

/// One line of the outbox (shell command `list_outbox`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub draft_id: String,
    pub service: Option<crate::application::Service>,
    pub family_name: Option<String>,
    pub state: OutboxEntryState,
    /// Once sent: the number to write down.
    pub registration_number: Option<String>,
    /// What the server last said about it.
    pub server_status: Option<crate::status::ApplicationStatus>,
    /// Why the last try did not go through, in the server's own words when it answered.
    pub reason: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum OutboxEntryState {
    /// Waiting for a connection, for a login, or for the next try.
    Waiting {
        needs_login: bool,
    },
    Uploading {
        bytes_done: u64,
        bytes_total: u64,
    },
    Sent,
    Failed,
}

/// Who is logged in on this device (shell command `session_info`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub nik: Option<String>,
}

/// An issued KK on this device, for "KK saya".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedKkEntry {
    pub server_id: String,
    pub registration_number: String,
    pub kk_number: String,
    pub downloaded_bytes: u64,
    pub pdf_bytes: u64,
    /// Seconds left of a wrong-PIN cool-down, if one runs.
    pub cool_down_seconds: Option<u64>,
}

/// An issued KK opened with its PIN: each page as a PNG data URL, for the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenedKkPages {
    pub pages: Vec<String>,
}

/// What a KK's QR code proved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictKind {
    /// Signed by an issuer a trusted root certified, and intact.
    Valid,
    /// The signed bytes were changed or damaged.
    Altered,
    /// Signed with a key no trusted root certified.
    UnknownIssuer,
    /// Signed with a certified key its root has revoked.
    IssuerRevoked,
    /// Signed on a day outside the key's certified period.
    IssuerExpired,
    /// Another QR code, not a KK's.
    NotAKkCode,
}

impl VerdictKind {
    /// The name the UI styles and tests select by: `valid`, `altered`, `unknown_issuer`, …
    pub fn as_str(self) -> &'static str {
        match self {
            VerdictKind::Valid => "valid",
            VerdictKind::Altered => "altered",
            VerdictKind::UnknownIssuer => "unknown_issuer",
            VerdictKind::IssuerRevoked => "issuer_revoked",
            VerdictKind::IssuerExpired => "issuer_expired",
            VerdictKind::NotAKkCode => "not_a_kk_code",
        }
    }
}

/// What "Verifikasi KK" found in a picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KkVerification {
    pub verdict: VerdictKind,
    pub message: Text,
    pub kk_number: Option<String>,
    pub head_name: Option<String>,
    pub region_code: Option<String>,
    pub issued_on: Option<String>,
    /// `(NIK, name)` of each member.
    pub members: Vec<(String, String)>,
    pub issuer: Option<String>,
}

/// Header of `verify_kk_picture`: the picture's bytes are the raw body.
pub const VERIFY_FILE_NAME_HEADER: &str = "kk-file-name";
