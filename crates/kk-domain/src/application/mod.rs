//! The model of a KK application, for every service of kk-domain.md §5: the family, its members,
//! the address, the attached documents and the pickup method.
//!
//! This is a *draft* model: every field may still be empty or wrong, because a citizen fills it
//! in over several sessions. [`crate::validation`] says what is missing or wrong; types such as
//! [`crate::nik::Nik`] are parsed from these fields when the application is checked.

mod address;
mod codes;
mod iso_date;
mod member;
mod pickup;
mod service;

use serde::{Deserialize, Serialize};

pub use address::Address;
pub use codes::{Citizenship, MaritalStatus, Relationship, Sex};
pub use member::{Member, MemberChange};
pub use pickup::{FEE, Pickup, PickupMethod};
pub use service::{ChangeReason, NewKkReason, ReprintReason, Service};

use crate::documents::AttachedDocument;

/// One application for a KK, as the citizen fills it in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Application {
    /// Chosen on the first page; nothing else can be checked without it.
    pub service: Option<Service>,
    /// The number of the family's current KK. Required when one exists: every change, every
    /// reprint, and a new KK that splits from or replaces an old one.
    pub existing_kk_number: String,
    pub address: Address,
    /// The members of the KK, in order; the head is usually first. For a change, members who
    /// leave the KK stay listed with [`MemberChange::Removed`].
    pub members: Vec<Member>,
    pub documents: Vec<AttachedDocument>,
    pub pickup: Pickup,
    /// The register's version of the family this application started from, when it was
    /// prefilled from the family's current KK. If the register has changed since, the
    /// application is stale and an officer cannot approve it as it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub register_version: Option<u32>,
}

impl Application {
    /// The members who will be on the KK once the application is granted.
    pub fn resulting_members(&self) -> impl Iterator<Item = (usize, &Member)> {
        self.members
            .iter()
            .enumerate()
            .filter(|(_, member)| member.change != MemberChange::Removed)
    }

    /// The current KK number as digits only, however it was typed ("3201 0120 …"): the key the
    /// register knows the family by.
    pub fn existing_kk_digits(&self) -> String {
        self.existing_kk_number
            .chars()
            .filter(char::is_ascii_digit)
            .collect()
    }

    /// What the family is called in lists (the drafts, the outbox, the officer's queue): the
    /// head's name, else the first member's; `None` until a name is typed.
    pub fn family_name(&self) -> Option<String> {
        let named = |name: &str| Some(name.trim().to_owned()).filter(|name| !name.is_empty());
        self.head()
            .and_then(|head| named(&head.full_name))
            .or_else(|| {
                self.members
                    .iter()
                    .find_map(|member| named(&member.full_name))
            })
    }

    /// The head of the resulting family, when there is exactly one.
    pub fn head(&self) -> Option<&Member> {
        let mut heads = self
            .resulting_members()
            .filter(|(_, member)| member.relationship == Some(Relationship::KepalaKeluarga));
        match (heads.next(), heads.next()) {
            (Some((_, head)), None) => Some(head),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn the_family_is_named_after_its_head_or_else_its_first_named_member() {
        assert_eq!(
            sample::valid_family().family_name().as_deref(),
            Some("Budi Santoso")
        );
        let mut headless = sample::valid_family();
        headless.members.remove(0);
        assert_eq!(headless.family_name().as_deref(), Some("Siti Aminah"));
        let mut unnamed_head = sample::valid_family();
        unnamed_head.members[0].full_name = "  ".into();
        assert_eq!(unnamed_head.family_name().as_deref(), Some("Siti Aminah"));
        assert_eq!(Application::default().family_name(), None);
    }
}
