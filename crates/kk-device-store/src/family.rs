//! The family's current KK as the register gave it, kept offline per owner: "KK saya" shows it
//! and a change starts from it, with or without a connection.

use chrono::{DateTime, Utc};
use kk_domain::api::FamilyView;
use rusqlite::{OptionalExtension, params};

use crate::{DeviceStore, Owner, StoreError};

impl DeviceStore {
    /// Keeps the owner's family, replacing what was kept before.
    pub fn keep_family(
        &self,
        owner: &Owner,
        family: &FamilyView,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(family).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.connection.execute(
            "INSERT INTO families (owner, json, fetched_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (owner) DO UPDATE SET json = excluded.json, fetched_at = excluded.fetched_at",
            params![owner.key(), json, at.to_rfc3339()],
        )?;
        Ok(())
    }

    /// The owner's family, as last kept.
    pub fn family(&self, owner: &Owner) -> Result<Option<FamilyView>, StoreError> {
        let json: Option<String> = self
            .connection
            .query_row(
                "SELECT json FROM families WHERE owner = ?1",
                [owner.key()],
                |row| row.get(0),
            )
            .optional()?;
        json.map(|json| serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(e.to_string())))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_family_is_read_back_per_owner_and_replaced_by_a_newer_one() {
        let store = DeviceStore::open_in_memory().unwrap();
        let owner = Owner::Account("1".into());
        let mut view = FamilyView {
            family: kk_domain::sample::registered_family(),
            version: 1,
        };
        store.keep_family(&owner, &view, Utc::now()).unwrap();
        assert_eq!(store.family(&owner).unwrap(), Some(view.clone()));
        assert_eq!(store.family(&Owner::Device).unwrap(), None);
        view.version = 2;
        store.keep_family(&owner, &view, Utc::now()).unwrap();
        assert_eq!(store.family(&owner).unwrap().unwrap().version, 2);
    }
}
