//! Who did what: the actor of every change, and the record of every read of personal data.
//! Changes append their audit row themselves, in their own transaction; reads are recorded
//! here.

use chrono::{DateTime, Utc};
use kk_domain::api::ActorRole;

use super::{Account, AccountId, Role, StoreResult};

/// Who did something, for the audit trail and the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub role: ActorRole,
    pub account: Option<AccountId>,
}

impl Actor {
    pub const SYSTEM: Actor = Actor {
        role: ActorRole::System,
        account: None,
    };

    pub fn of(account: &Account) -> Actor {
        Actor {
            role: match account.role {
                Role::Citizen => ActorRole::Citizen,
                Role::Officer => ActorRole::Officer,
            },
            account: Some(account.id),
        }
    }

    /// `citizen:12`, `officer:3` or `system`: an id, never a name or a NIK.
    pub fn audit_name(&self) -> String {
        let role = match self.role {
            ActorRole::Citizen => "citizen",
            ActorRole::Officer => "officer",
            ActorRole::System => "system",
        };
        match self.account {
            Some(id) => format!("{role}:{id}"),
            None => role.to_owned(),
        }
    }
}

pub trait AuditStore {
    /// Records in the audit trail that `actor` read personal data in `subject`.
    fn record_read(&self, actor: Actor, subject: &str, at: DateTime<Utc>) -> StoreResult<()>;
    /// Records an event that changes nothing else in the store, such as a failed login or a
    /// look at the console's queue: `action` on `subject` (ids only, never a name or a NIK).
    fn record_event(
        &self,
        actor: Actor,
        action: &str,
        subject: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
}
