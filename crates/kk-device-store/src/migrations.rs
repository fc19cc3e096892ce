//! The schema, one migration per step, applied by rusqlite_migration (it records the version in
//! SQLite's `user_version`). Never edit a published migration; add the next one.

use std::sync::LazyLock;

use rusqlite_migration::{M, Migrations};

pub static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(
            "CREATE TABLE drafts (
            id TEXT PRIMARY KEY NOT NULL,
            -- 'device' before login, else the account id: one account never sees another's drafts.
            owner TEXT NOT NULL,
            -- Bumped by every save; with the id it names one version (the Idempotency-Key).
            revision INTEGER NOT NULL,
            -- kk_domain::application::Application as JSON.
            application TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            -- Orders drafts by last change; unlike a timestamp it never ties or runs backwards.
            change_sequence INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX drafts_by_owner ON drafts (owner, change_sequence DESC);",
        ),
        // Attached files, named by the SHA-256 of their stored bytes and kept per owner. They
        // live in this file, not beside it, so the database's protection covers them too.
        M::up(
            "CREATE TABLE documents (
                owner TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                media_type TEXT NOT NULL,
                content BLOB NOT NULL,
                thumbnail BLOB,
                created_at TEXT NOT NULL,
                PRIMARY KEY (owner, sha256)
            ) STRICT;",
        ),
        // The outbox: what "Kirim" queued, written in the same transaction as the draft's new
        // state, and how far sending it has got. One row per draft; a resubmission reuses it.
        M::up(
            "CREATE TABLE outbox (
                draft_id TEXT PRIMARY KEY NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
                owner TEXT NOT NULL,
                -- The draft revision being sent; with the id it is the Idempotency-Key.
                revision INTEGER NOT NULL,
                -- What is sent, frozen at 'Kirim': kk_domain::application::Application as JSON.
                application TEXT NOT NULL,
                -- waiting | uploading | sent | failed
                state TEXT NOT NULL,
                bytes_done INTEGER NOT NULL DEFAULT 0,
                bytes_total INTEGER NOT NULL DEFAULT 0,
                server_id TEXT,
                registration_number TEXT,
                server_status TEXT,
                -- The server's own reason for the last failure: kk_domain::wire::ErrorBody as JSON.
                last_error TEXT,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at TEXT NOT NULL,
                queued_at TEXT NOT NULL,
                sent_at TEXT
            ) STRICT;
            CREATE INDEX outbox_due ON outbox (owner, next_attempt_at);
            -- Where each document's tus upload lives on the server, to resume it after a drop.
            CREATE TABLE tus_uploads (
                owner TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                url TEXT NOT NULL,
                PRIMARY KEY (owner, sha256)
            ) STRICT;
            -- The server's field errors when it refused a submission, shown beside the fields.
            ALTER TABLE drafts ADD COLUMN server_issues TEXT;",
        ),
        // The citizen's session with the server, so the outbox can send after a restart.
        M::up(
            "CREATE TABLE account_session (
                only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
                nik TEXT NOT NULL,
                token TEXT NOT NULL,
                expires_at TEXT NOT NULL
            ) STRICT;",
        ),
        // Issued KKs: the encrypted PDF as downloaded so far (it resumes from its length),
        // wrong-PIN counts for the cool-down, and the issuer keys that verify QR codes.
        M::up(
            "CREATE TABLE issued_kks (
                owner TEXT NOT NULL,
                server_id TEXT NOT NULL,
                registration_number TEXT NOT NULL,
                kk_number TEXT NOT NULL,
                pdf_sha256 TEXT NOT NULL,
                pdf_bytes INTEGER NOT NULL,
                pdf BLOB NOT NULL DEFAULT x'',
                failed_pins INTEGER NOT NULL DEFAULT 0,
                locked_until TEXT,
                PRIMARY KEY (owner, server_id)
            ) STRICT;
            CREATE TABLE trusted_keys (
                only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
                json TEXT NOT NULL,
                fetched_at TEXT NOT NULL
            ) STRICT;",
        ),
        // The family's current KK from the register, kept offline for "KK saya" and to start
        // a change from.
        M::up(
            "CREATE TABLE families (
                owner TEXT PRIMARY KEY,
                json TEXT NOT NULL,
                fetched_at TEXT NOT NULL
            ) STRICT;",
        ),
        // Sessions logged out of (or wiped at a kiosk) that the server has not yet been told
        // to end, because the device was offline.
        M::up(
            "CREATE TABLE sessions_to_end (
                token TEXT PRIMARY KEY,
                queued_at TEXT NOT NULL
            ) STRICT;",
        ),
    ])
});

#[cfg(test)]
mod tests {
    #[test]
    fn the_migrations_are_valid() {
        super::MIGRATIONS.validate().unwrap();
    }
}
