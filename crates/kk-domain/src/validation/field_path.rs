//! Where an answer lives in an application: `members[2].nik`, `address.village`,
//! `documents[0]`. Validation names the field of each issue with one, an officer names the
//! field of each reason with one, and the wizard finds the field and the member of each issue
//! through it. On the wire and in storage it is the plain string.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Step;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FieldPath(String);

impl FieldPath {
    /// A field of the application itself, such as `address.village` or `documents`.
    pub fn new(path: impl Into<String>) -> FieldPath {
        FieldPath(path.into())
    }

    /// A field of one member: `members[2].nik`.
    pub fn member(index: usize, field: &str) -> FieldPath {
        FieldPath(format!("members[{index}].{field}"))
    }

    /// One attached document: `documents[0]`.
    pub fn document(index: usize) -> FieldPath {
        FieldPath(format!("documents[{index}]"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The member a path points into: `members[2].nik` → 2.
    pub fn member_index(&self) -> Option<usize> {
        self.0
            .strip_prefix("members[")?
            .split_once(']')?
            .0
            .parse()
            .ok()
    }

    /// The wizard step whose page shows the field; used, for example, to place an officer's
    /// reason beside the field it names.
    pub fn step(&self) -> Step {
        match self.0.split(['.', '[']).next().unwrap_or("") {
            "address" => Step::Address,
            "members" => Step::Members,
            "documents" => Step::Documents,
            "pickup" => Step::Pickup,
            _ => Step::Service,
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl From<&str> for FieldPath {
    fn from(path: &str) -> FieldPath {
        FieldPath::new(path)
    }
}

impl From<&FieldPath> for FieldPath {
    fn from(path: &FieldPath) -> FieldPath {
        path.clone()
    }
}

impl From<String> for FieldPath {
    fn from(path: String) -> FieldPath {
        FieldPath(path)
    }
}

impl PartialEq<str> for FieldPath {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for FieldPath {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_path_knows_its_member_and_its_step() {
        let path = FieldPath::member(12, "birth_date");
        assert_eq!(path, "members[12].birth_date");
        assert_eq!(path.member_index(), Some(12));
        assert_eq!(path.step(), Step::Members);
    }

    #[test]
    fn other_paths_belong_to_no_member_and_to_their_own_step() {
        assert_eq!(FieldPath::new("address.village").member_index(), None);
        assert_eq!(FieldPath::new("address.village").step(), Step::Address);
        assert_eq!(FieldPath::document(1).step(), Step::Documents);
        assert_eq!(FieldPath::new("existing_kk_number").step(), Step::Service);
        assert_eq!(FieldPath::new("members[x].nik").member_index(), None);
    }

    #[test]
    fn on_the_wire_it_is_the_plain_string() {
        let path = FieldPath::member(0, "nik");
        assert_eq!(serde_json::to_string(&path).unwrap(), "\"members[0].nik\"");
        let back: FieldPath = serde_json::from_str("\"members[0].nik\"").unwrap();
        assert_eq!(back, path);
    }
}
