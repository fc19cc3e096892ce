//! When an issuance takes members off the KK they stand on (pisah KK, numpang KK, a marriage),
//! that KK is updated in the same transaction, and its head is told by SMS, when the head has
//! an account: their family's record changed without them applying.

use std::collections::BTreeMap;

use kk_domain::application::Relationship;
use kk_domain::register::Family;

use crate::store::{OutgoingMessage, Store, StoreResult};

/// One SMS per KK that `family` takes members from, to that KK's head.
pub fn member_left_notices(
    store: &dyn Store,
    family: &Family,
    new_niks: &[String],
) -> StoreResult<Vec<OutgoingMessage>> {
    let mut leaving: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for member in &family.members {
        if new_niks.contains(&member.nik) {
            continue;
        }
        if let Some(source) = store.kk_number_of(&member.nik)?
            && source != family.kk_number
        {
            leaving.entry(source).or_default().push(&member.full_name);
        }
    }
    let mut notices = Vec::new();
    for (source, names) in leaving {
        let Some(registered) = store.family(&source)? else {
            continue;
        };
        let head = registered
            .family
            .members
            .iter()
            .find(|member| member.relationship == Some(Relationship::KepalaKeluarga));
        let Some(account) = head
            .map(|head| store.account_by_login(&head.nik))
            .transpose()?
            .flatten()
        else {
            continue;
        };
        let names = names.join(", ");
        let destination = &family.kk_number;
        notices.push(OutgoingMessage {
            id: uuid::Uuid::new_v4().to_string(),
            channel: "sms".into(),
            to: account.phone,
            kind: "kk.member_left".into(),
            text: format!(
                "KK {source}: {names} pindah ke KK {destination}. Data KK {source} sudah \
                 diperbarui. / KK {source}: {names} moved to KK {destination}. The record of \
                 KK {source} is updated."
            ),
            attempts: 0,
        });
    }
    Ok(notices)
}
