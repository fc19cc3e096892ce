//! The server's schema, one migration per change, applied by rusqlite_migration on open.
//! Times are RFC 3339 UTC text with milliseconds, which sorts in time order.

use std::sync::LazyLock;

use rusqlite_migration::{M, Migrations};

pub static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(
            r#"
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    nik TEXT NOT NULL,
    full_name TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('citizen', 'officer')),
    verified_at TEXT,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX citizen_nik ON accounts (nik) WHERE role = 'citizen';

CREATE TABLE otps (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    purpose TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, purpose)
);

CREATE TABLE sessions (
    token_sha256 TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX sessions_of_account ON sessions (account_id);

CREATE TABLE applications (
    id TEXT PRIMARY KEY,
    owner INTEGER NOT NULL REFERENCES accounts (id),
    registration_number TEXT NOT NULL UNIQUE,
    service TEXT NOT NULL,
    status TEXT NOT NULL,
    revision INTEGER NOT NULL,
    head_name TEXT NOT NULL,
    member_count INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX applications_of_owner ON applications (owner, updated_at);
CREATE INDEX applications_by_status ON applications (status, updated_at);

-- Every revision as it was sent, for the timeline and for the officer.
CREATE TABLE application_revisions (
    application_id TEXT NOT NULL REFERENCES applications (id),
    revision INTEGER NOT NULL,
    body TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    PRIMARY KEY (application_id, revision)
);

-- The NIKs of the latest revision of each application, for the duplicate check.
CREATE TABLE application_members (
    application_id TEXT NOT NULL REFERENCES applications (id),
    nik TEXT NOT NULL,
    full_name TEXT NOT NULL
);
CREATE INDEX application_members_by_nik ON application_members (nik);
CREATE INDEX application_members_of ON application_members (application_id);

CREATE TABLE idempotency_keys (
    owner INTEGER NOT NULL,
    key TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    application_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (owner, key)
);

CREATE TABLE status_events (
    id INTEGER PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id),
    status TEXT NOT NULL,
    at TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    actor_account INTEGER,
    revision INTEGER NOT NULL,
    reason TEXT,
    field_reasons TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX status_events_of ON status_events (application_id, id);

CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    owner INTEGER NOT NULL REFERENCES accounts (id),
    length INTEGER NOT NULL,
    upload_offset INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT NOT NULL,
    file_name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE documents (
    owner INTEGER NOT NULL REFERENCES accounts (id),
    sha256 TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (owner, sha256)
);

CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_try_at TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX outbox_due ON outbox (next_try_at) WHERE sent_at IS NULL;

-- Append-only and hash-chained (see audit.rs). AUTOINCREMENT keeps sqlite_sequence at the
-- highest row ever written, so deleting the newest rows shows too.
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
"#,
        ),
        // Issuance: the KK number and the encrypted PDF of each issued application. The PDF's
        // PIN is never stored; it leaves once, through the notification outbox.
        M::up(
            r#"
CREATE TABLE issued_kks (
    application_id TEXT PRIMARY KEY REFERENCES applications (id),
    kk_number TEXT NOT NULL UNIQUE,
    key_id TEXT NOT NULL,
    pdf BLOB NOT NULL,
    pdf_sha256 TEXT NOT NULL,
    issued_at TEXT NOT NULL
);
"#,
        ),
        // The register of families: each family's current KK in one row (its members as a JSON
        // array, read in one lookup), and a row per NIK, whose key makes a person stand on one
        // KK at most (R3/R4). The NIK rows are small, so they live in their key's B-tree
        // (WITHOUT ROWID); a family's row is kilobytes, which such a B-tree would spill into
        // overflow pages, so it stays a table row, keyed by the KK number itself (16 digits,
        // never a leading zero, so an integer: the rowid, one B-tree lookup). A family keeps its number across changes, so issued KKs no
        // longer have unique numbers: the table is rebuilt without that constraint.
        M::up(
            r#"
CREATE TABLE families (
    kk_number INTEGER PRIMARY KEY,
    address TEXT NOT NULL,
    members TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE family_members (
    nik TEXT PRIMARY KEY,
    kk_number TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX family_members_by_kk ON family_members (kk_number);
CREATE TABLE family_history (
    kk_number TEXT NOT NULL,
    version INTEGER NOT NULL,
    event TEXT NOT NULL,
    application_id TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (kk_number, version)
) WITHOUT ROWID;

CREATE TABLE issued_kks_by_application (
    application_id TEXT PRIMARY KEY REFERENCES applications (id),
    kk_number TEXT NOT NULL,
    key_id TEXT NOT NULL,
    pdf BLOB NOT NULL,
    pdf_sha256 TEXT NOT NULL,
    issued_at TEXT NOT NULL
);
INSERT INTO issued_kks_by_application SELECT * FROM issued_kks;
DROP TABLE issued_kks;
ALTER TABLE issued_kks_by_application RENAME TO issued_kks;
CREATE INDEX issued_kks_by_number ON issued_kks (kk_number);
"#,
        ),
        M::up(
            r#"
CREATE TABLE otp_tries_per_day (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    day TEXT NOT NULL,
    tries INTEGER NOT NULL,
    PRIMARY KEY (account_id, day)
) WITHOUT ROWID;
ALTER TABLE accounts ADD COLUMN disabled_at TEXT;
"#,
        ),
        M::up(
            r#"
CREATE INDEX outbox_by_recipient ON outbox (recipient, created_at);
CREATE INDEX outbox_by_channel ON outbox (channel, created_at);
"#,
        ),
    ])
});

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::MIGRATIONS.validate().unwrap();
    }
}
