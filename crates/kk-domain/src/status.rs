//! The life of a submitted application, as the citizen and the officer see it:
//! submitted → in_review → needs_correction ⇄ resubmitted → approved → issued, or rejected.
//! The server enforces [`ApplicationStatus::can_become`]; the app shows [`ApplicationStatus::title`].

use serde::{Deserialize, Serialize};

use crate::text::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// Received by the server; waiting for an officer.
    Submitted,
    /// An officer has opened it.
    InReview,
    /// Sent back to the citizen with reasons per field.
    NeedsCorrection,
    /// Corrected by the citizen and sent again, as a new revision.
    Resubmitted,
    Approved,
    /// The KK has been issued and can be downloaded.
    Issued,
    Rejected,
}

impl ApplicationStatus {
    pub const ALL: [ApplicationStatus; 7] = [
        ApplicationStatus::Submitted,
        ApplicationStatus::InReview,
        ApplicationStatus::NeedsCorrection,
        ApplicationStatus::Resubmitted,
        ApplicationStatus::Approved,
        ApplicationStatus::Issued,
        ApplicationStatus::Rejected,
    ];

    /// The stable name used on the wire and in the database.
    pub fn key(self) -> &'static str {
        match self {
            ApplicationStatus::Submitted => "submitted",
            ApplicationStatus::InReview => "in_review",
            ApplicationStatus::NeedsCorrection => "needs_correction",
            ApplicationStatus::Resubmitted => "resubmitted",
            ApplicationStatus::Approved => "approved",
            ApplicationStatus::Issued => "issued",
            ApplicationStatus::Rejected => "rejected",
        }
    }

    pub fn from_key(key: &str) -> Option<ApplicationStatus> {
        ApplicationStatus::ALL
            .into_iter()
            .find(|status| status.key() == key)
    }

    pub fn title(self) -> Text {
        let (id, en) = match self {
            ApplicationStatus::Submitted => ("Diajukan", "Submitted"),
            ApplicationStatus::InReview => ("Sedang diperiksa", "In review"),
            ApplicationStatus::NeedsCorrection => ("Perlu perbaikan", "Needs correction"),
            ApplicationStatus::Resubmitted => ("Diajukan ulang", "Resubmitted"),
            ApplicationStatus::Approved => ("Disetujui", "Approved"),
            ApplicationStatus::Issued => ("KK terbit", "KK issued"),
            ApplicationStatus::Rejected => ("Ditolak", "Rejected"),
        };
        Text::new(id, en)
    }

    /// Whether the machine allows going from `self` to `next`.
    pub fn can_become(self, next: ApplicationStatus) -> bool {
        use ApplicationStatus::*;
        matches!(
            (self, next),
            (Submitted | Resubmitted, InReview)
                | (InReview, NeedsCorrection | Approved | Rejected)
                | (NeedsCorrection, Resubmitted)
                | (Approved, Issued)
        )
    }

    /// No transition leaves these.
    pub fn is_final(self) -> bool {
        ApplicationStatus::ALL
            .into_iter()
            .all(|next| !self.can_become(next))
    }
}

#[cfg(test)]
mod tests {
    use super::ApplicationStatus::*;
    use super::*;

    #[test]
    fn the_machine_allows_exactly_the_documented_transitions() {
        let allowed = [
            (Submitted, InReview),
            (Resubmitted, InReview),
            (InReview, NeedsCorrection),
            (InReview, Approved),
            (InReview, Rejected),
            (NeedsCorrection, Resubmitted),
            (Approved, Issued),
        ];
        for from in ApplicationStatus::ALL {
            for to in ApplicationStatus::ALL {
                assert_eq!(
                    from.can_become(to),
                    allowed.contains(&(from, to)),
                    "{from:?} → {to:?}"
                );
            }
        }
    }

    #[test]
    fn only_issued_and_rejected_are_final() {
        let finals: Vec<_> = ApplicationStatus::ALL
            .into_iter()
            .filter(|status| status.is_final())
            .collect();
        assert_eq!(finals, [Issued, Rejected]);
    }

    #[test]
    fn keys_round_trip_and_match_serde() {
        for status in ApplicationStatus::ALL {
            assert_eq!(ApplicationStatus::from_key(status.key()), Some(status));
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.key()));
        }
    }
}
